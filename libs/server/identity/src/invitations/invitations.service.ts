import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlatformRole } from '@srp/contracts';
import { AppConfig, DomainError, MailOutboxService, MailTemplateName } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Account, normalizeEmail } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { isCoordination, mayInviteRole } from '../access/policy';
import { AuditOrigin, AuditService } from '../audit/audit.service';
import { hashPassword } from '../passwords/password-hasher';
import { Actor, SessionService } from '../sessions/session.service';
import { AccountTokensService } from '../tokens/account-tokens.service';

export interface InvitationInput {
  email: string;
  name: string;
  role: PlatformRole;
  organizationId?: string | null;
  functionTitle?: string | null;
  isContact?: boolean;
}

/** Invitations (set a password, accept the privacy notice) and password resets by e-mailed link. */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
    private readonly tokens: AccountTokensService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly mail: MailOutboxService,
  ) {}

  private link(path: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}${path}`;
  }

  /**
   * Creates (or renews) an invited account and e-mails a single-use link valid for 7 days. The
   * caller decides who may invite into which organisation; this checks only the role given.
   */
  async invite(actor: Actor, input: InvitationInput, origin: AuditOrigin, outer?: EntityManager) {
    if (!mayInviteRole(actor, input.role)) {
      throw new DomainError('FORBIDDEN', 'Sie dürfen Personen nur mit der Rolle „Mitglied“ einladen.');
    }
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const profile = {
      ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
      ...(input.functionTitle !== undefined ? { functionTitle: input.functionTitle?.trim() || null } : {}),
      ...(input.isContact !== undefined ? { isContact: input.isContact } : {}),
    };
    const work = async (manager: EntityManager) => {
      const inviter = await manager.findOneByOrFail(Account, { id: actor.accountId });
      let account = await manager.findOne(Account, { where: { email }, lock: { mode: 'pessimistic_write' } });
      const otherOrganization =
        account && input.organizationId !== undefined && account.organizationId !== input.organizationId;
      if (account && (account.status !== 'invited' || (otherOrganization && !isCoordination(actor)))) {
        throw new DomainError('CONFLICT', 'Für diese E-Mail-Adresse gibt es bereits ein Konto.');
      }
      if (!account) {
        account = await manager.save(
          manager.create(Account, { email, name, role: input.role, status: 'invited', ...profile }),
        );
      } else {
        await manager.update(Account, { id: account.id }, { name, role: input.role, ...profile });
      }
      const { token, expiresAt } = await this.tokens.issue(account.id, 'invitation', actor.accountId, manager);
      const row = await this.mail.record(
        {
          to: email,
          template: MailTemplateName.Invitation,
          params: {
            name,
            invitedBy: inviter.name,
            link: this.link(`/einladung/${token}`),
            expiresAt: expiresAt.toISOString(),
          },
        },
        manager,
      );
      await this.audit.record(
        origin,
        {
          action: 'account.invited',
          subjectType: 'account',
          subjectId: account.id,
          details: { after: { email, name, role: input.role, ...profile } },
        },
        manager,
      );
      return { outboxId: row.id, accountId: account.id, expiresAt };
    };
    // Inside a caller's transaction the caller dispatches the mail after its commit.
    if (outer) {
      const result = await work(outer);
      return { ...result, expiresAt: result.expiresAt.toISOString() };
    }
    const { outboxId, accountId, expiresAt } = await this.dataSource.transaction(work);
    await this.mail.dispatch(outboxId);
    return { outboxId, accountId, expiresAt: expiresAt.toISOString() };
  }

  async describeInvitation(token: string) {
    const row = await this.tokens.find(token, 'invitation');
    return { email: row.account.email, name: row.account.name };
  }

  /** Sets the password, activates the account and records the privacy consent; the link is used up. */
  async acceptInvitation(token: string, password: string, origin: Omit<AuditOrigin, 'actorId'>): Promise<void> {
    const preview = await this.tokens.find(token, 'invitation');
    this.accounts.assertAcceptablePassword(password, { email: preview.account.email, name: preview.account.name });
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.find(token, 'invitation', manager);
      await this.tokens.consume(row.id, manager);
      const now = new Date();
      await manager.update(
        Account,
        { id: row.accountId },
        {
          passwordHash,
          passwordChangedAt: now,
          status: 'active',
          privacyAcceptedAt: now,
        },
      );
      await this.audit.record(
        { actorId: row.accountId, ...origin },
        { action: 'account.invitation_accepted', subjectType: 'account', subjectId: row.accountId },
        manager,
      );
    });
  }

  /** Always answers the same; mails a 1-hour link only to active accounts. */
  async requestPasswordReset(rawEmail: string, origin: Omit<AuditOrigin, 'actorId'>): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const outboxId = await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(Account, { where: { email, status: 'active' } });
      await this.audit.record(
        { actorId: null, ...origin },
        { action: 'auth.password_reset_requested', subjectType: 'account', subjectId: account?.id, details: { email } },
        manager,
      );
      if (!account) return null;
      const { token, expiresAt } = await this.tokens.issue(account.id, 'password_reset', null, manager);
      const row = await this.mail.record(
        {
          to: email,
          template: MailTemplateName.PasswordReset,
          params: {
            name: account.name,
            link: this.link(`/passwort-zuruecksetzen/${token}`),
            expiresAt: expiresAt.toISOString(),
          },
        },
        manager,
      );
      return row.id;
    });
    if (outboxId) await this.mail.dispatch(outboxId);
  }

  async checkResetToken(token: string): Promise<void> {
    await this.tokens.find(token, 'password_reset');
  }

  /** Sets a new password and ends every session; the second factor stays required. */
  async resetPassword(token: string, password: string, origin: Omit<AuditOrigin, 'actorId'>): Promise<void> {
    const preview = await this.tokens.find(token, 'password_reset');
    this.accounts.assertAcceptablePassword(password, { email: preview.account.email, name: preview.account.name });
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.find(token, 'password_reset', manager);
      await this.tokens.consume(row.id, manager);
      await manager.update(Account, { id: row.accountId }, { passwordHash, passwordChangedAt: new Date() });
      const ended = await this.sessions.revokeAll(row.accountId, 'password_reset', undefined, manager);
      await this.audit.record(
        { actorId: row.accountId, ...origin },
        {
          action: 'auth.password_reset',
          subjectType: 'account',
          subjectId: row.accountId,
          details: { endedSessions: ended },
        },
        manager,
      );
    });
  }
}
