import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlatformRole } from '@srp/contracts';
import { AppConfig } from '@srp/server/platform';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { Session } from './session.entity';

/** The signed-in person behind a request. */
export interface Actor {
  accountId: string;
  role: PlatformRole;
  sessionId: string;
  /** Password checked, second factor not yet: the session may only complete or end the sign-in. */
  secondFactorPending: boolean;
  /** The account has a second factor set up (admins and coordinators need one for privileged actions). */
  secondFactorEnabled: boolean;
  /** The person's organisation, if any. */
  organizationId: string | null;
  /** Kommunale Ansprechperson of that organisation. */
  isContact: boolean;
}

export interface SessionOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** last_seen_at is written at most this often, so reads do not all turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Server-side sessions: created at sign-in, checked on every request, revocable one by one or all at once. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Name of the session cookie; the __Host- prefix pins it to this host over HTTPS. */
  get cookieName(): string {
    return this.config.servedOverHttps ? '__Host-srp_session' : 'srp_session';
  }

  cookieOptions(expiresAt?: Date) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.servedOverHttps,
      path: '/',
      ...(expiresAt ? { expires: expiresAt } : {}),
    };
  }

  /** A new session with a fresh random token (only its hash is stored). */
  async create(
    accountId: string,
    origin: SessionOrigin,
    manager: EntityManager = this.dataSource.manager,
    secondFactorPending = false,
  ) {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = await manager.save(
      manager.create(Session, {
        tokenHash: hashSessionToken(token),
        accountId,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 3600_000),
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        ip: origin.ip?.slice(0, 64) ?? null,
        secondFactorPending,
      }),
    );
    return { token, session };
  }

  /** The actor of a valid, unexpired, not idle session of an active account; otherwise null. */
  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const rows: Array<{
      id: string;
      account_id: string;
      role: PlatformRole;
      last_seen_at: Date;
      second_factor_pending: boolean;
      totp_enabled: boolean;
      organization_id: string | null;
      is_contact: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id, s.account_id, a.role, s.last_seen_at, s.second_factor_pending,
                a.totp_enabled_at IS NOT NULL AS totp_enabled, a.organization_id, a.is_contact
           FROM session s JOIN account a ON a.id = s.account_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => $2) AND a.status = 'active'`,
      [hashSessionToken(token), this.config.SESSION_IDLE_MINUTES],
    );
    const row = rows[0];
    if (!row) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query('UPDATE session SET last_seen_at = now() WHERE id = $1', [row.id]);
    }
    return {
      accountId: row.account_id,
      role: row.role,
      sessionId: row.id,
      secondFactorPending: row.second_factor_pending,
      secondFactorEnabled: row.totp_enabled,
      organizationId: row.organization_id,
      isContact: row.is_contact,
    };
  }

  /** Active sessions of an account, newest activity first. */
  listActive(accountId: string): Promise<Session[]> {
    return this.dataSource.getRepository(Session).find({
      where: { accountId, revokedAt: IsNull() },
      order: { lastSeenAt: 'DESC' },
    });
  }

  /** Ends one session of the account; false if it is not theirs or already ended. */
  async revoke(accountId: string, sessionId: string, reason: string, manager: EntityManager = this.dataSource.manager) {
    const result = await manager.update(
      Session,
      { id: sessionId, accountId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Ends every session of the account except `keepSessionId`; returns how many ended. */
  async revokeAll(
    accountId: string,
    reason: string,
    keepSessionId?: string,
    manager: EntityManager = this.dataSource.manager,
  ) {
    const result = await manager.update(
      Session,
      { accountId, revokedAt: IsNull(), ...(keepSessionId ? { id: Not(keepSessionId) } : {}) },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Marks the second factor as passed for this session. */
  async completeSecondFactor(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(Session).update({ id: sessionId }, { secondFactorPending: false });
  }
}
