import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccountStatus, PlatformRole } from '@srp/contracts';
import { DomainError } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { AuditOrigin, AuditService } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../passwords/password-hasher';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { Account, normalizeEmail } from './account.entity';

export interface NewAccount {
  email: string;
  name: string;
  role: PlatformRole;
  status: AccountStatus;
  password?: string;
}

/** Creating and finding accounts; every change is audited in the same transaction. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async findByEmail(email: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { email: normalizeEmail(email) } });
  }

  /** Throws VALIDATION_FAILED with German messages when the password breaks the policy. */
  assertAcceptablePassword(password: string, context: { email?: string; name?: string }): void {
    const problems = checkPassword(password, context);
    if (problems.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        undefined,
        problems.map((code) => ({ field: 'password', code, message: PASSWORD_PROBLEM_MESSAGES[code] })),
      );
    }
  }

  async create(input: NewAccount, origin: AuditOrigin): Promise<Account> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    if (input.password !== undefined) this.assertAcceptablePassword(input.password, { email, name });
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const exists = await manager.exists(Account, { where: { email } });
      if (exists) throw new DomainError('CONFLICT', 'Für diese E-Mail-Adresse gibt es bereits ein Konto.');
      const account = await manager.save(
        manager.create(Account, {
          email,
          name,
          role: input.role,
          status: input.status,
          passwordHash,
          passwordChangedAt: passwordHash ? new Date() : null,
        }),
      );
      await this.audit.record(
        origin,
        {
          action: 'account.created',
          subjectType: 'account',
          subjectId: account.id,
          details: { after: { email, name, role: input.role, status: input.status } },
        },
        manager,
      );
      return account;
    });
  }

  /**
   * Changes the actor's own password after checking the current one; every other session of the
   * account ends (ASVS V7.4.3), the current one stays. Nothing changes when a check fails.
   */
  async changePassword(
    accountId: string,
    currentSessionId: string,
    currentPassword: string,
    newPassword: string,
    origin: AuditOrigin,
  ): Promise<{ endedSessions: number }> {
    const account = await this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.id = :id', { id: accountId })
      .getOneOrFail();
    if (!(await verifyPassword(currentPassword, account.passwordHash))) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'currentPassword', code: 'incorrect', message: 'Das bisherige Passwort ist nicht richtig.' },
      ]);
    }
    this.assertAcceptablePassword(newPassword, { email: account.email, name: account.name });
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(Account, { id: accountId }, { passwordHash, passwordChangedAt: new Date() });
      const ended = await this.sessions.revokeAll(accountId, 'password_changed', currentSessionId, manager);
      await this.audit.record(
        origin,
        {
          action: 'auth.password_changed',
          subjectType: 'account',
          subjectId: accountId,
          details: { endedSessions: ended },
        },
        manager,
      );
      return { endedSessions: ended };
    });
  }

  /** Changes a person's own profile; 409 when the version is stale; audited with before/after. */
  async updateProfile(
    accountId: string,
    change: ProfileChange,
    version: number,
    origin: AuditOrigin,
  ): Promise<Account> {
    const name = change.name?.trim();
    if (change.name !== undefined && !name) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'name', code: 'isNotEmpty', message: '„name“ darf nicht leer sein.' },
      ]);
    }
    const next: ProfileChange = {
      ...(name !== undefined ? { name } : {}),
      ...(change.functionTitle !== undefined ? { functionTitle: change.functionTitle?.trim() || null } : {}),
      ...(change.phone !== undefined ? { phone: change.phone?.trim() || null } : {}),
      ...(change.showEmail !== undefined ? { showEmail: change.showEmail } : {}),
      ...(change.showPhone !== undefined ? { showPhone: change.showPhone } : {}),
    };
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(Account, { where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw new DomainError('NOT_FOUND');
      if (account.version !== version)
        throw new DomainError('CONFLICT', undefined, { currentVersion: account.version });
      const keys = Object.keys(next) as Array<keyof ProfileChange>;
      const before = Object.fromEntries(keys.map((k) => [k, account[k]]));
      Object.assign(account, next);
      const saved = await manager.save(account);
      await this.audit.record(
        origin,
        {
          action: 'account.profile_changed',
          subjectType: 'account',
          subjectId: accountId,
          details: { before, after: next },
        },
        manager,
      );
      return saved;
    });
  }
}

/** What a person may change about themselves. */
export interface ProfileChange {
  name?: string;
  functionTitle?: string | null;
  phone?: string | null;
  showEmail?: boolean;
  showPhone?: boolean;
}
