import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { Account, normalizeEmail } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { verifyPassword } from '../passwords/password-hasher';
import { SessionOrigin, SessionService } from '../sessions/session.service';
import { LoginThrottleService } from './login-throttle.service';

/** Checks credentials (throttled, same answer for unknown e-mail and wrong password) and opens sessions. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /** The active account these credentials belong to; throws 429 or INVALID_CREDENTIALS otherwise. */
  async verifyCredentials(rawEmail: string, password: string, origin: SessionOrigin): Promise<Account> {
    const email = normalizeEmail(rawEmail);
    const wait = await this.throttle.retryAfter(email, origin.ip);
    if (wait > 0) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie einige Minuten.',
        {
          retryAfterSeconds: wait,
        },
      );
    }
    const account = await this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(password, account?.passwordHash);
    if (!account || !ok || account.status !== 'active') {
      await this.throttle.recordFailure(email, origin.ip);
      await this.audit.record(
        { actorId: null, ...origin },
        { action: 'auth.login_failed', subjectType: 'account', subjectId: account?.id, details: { email } },
      );
      throw new DomainError('INVALID_CREDENTIALS');
    }
    await this.throttle.recordSuccess(email, origin.ip);
    return account;
  }

  /** Opens a new session (a new id at every sign-in) and records the sign-in. */
  async openSession(account: Account, origin: SessionOrigin) {
    return this.dataSource.transaction(async (manager) => {
      // With a second factor set up, the session can do nothing but enter it (or end).
      const created = await this.sessions.create(account.id, origin, manager, account.totpEnabledAt !== null);
      // Plain SQL: a sign-in must not bump the version an admin's edit is checked against.
      await manager.query('UPDATE account SET last_login_at = now() WHERE id = $1', [account.id]);
      await this.audit.record(
        { actorId: account.id, ...origin },
        { action: 'auth.login', subjectType: 'session', subjectId: created.session.id },
        manager,
      );
      return created;
    });
  }
}
