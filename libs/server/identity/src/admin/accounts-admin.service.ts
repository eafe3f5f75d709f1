import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AuditOrigin, AuditService } from '../audit/audit.service';
import { Actor, SessionService } from '../sessions/session.service';
import {
  AccountListQuery,
  AccountSummaryDto,
  AuditEventDto,
  AuditPageDto,
  AuditQuery,
  UpdateAccountDto,
} from './admin.dto';

const AUDIT_PAGE_SIZE = 50;

function toSummary(a: Account): AccountSummaryDto {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    status: a.status,
    secondFactorEnabled: a.totpEnabledAt !== null,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
    version: a.version,
  };
}

/** The people list, role and status changes by admins, and the audit log view. */
@Injectable()
export class AccountsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(query: AccountListQuery): Promise<AccountSummaryDto[]> {
    const qb = this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .orderBy('a.name')
      .addOrderBy('a.id')
      .limit(500);
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.query) {
      qb.andWhere('(a.name ILIKE :q OR a.email ILIKE :q)', {
        q: `%${query.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return (await qb.getMany()).map(toSummary);
  }

  /** Changes role and/or status; 409 on a stale version; deactivation ends every session. */
  async update(actor: Actor, id: string, change: UpdateAccountDto, origin: AuditOrigin): Promise<AccountSummaryDto> {
    if (id === actor.accountId) {
      throw new DomainError(
        'CONFLICT',
        'Ihre eigene Rolle und Ihren eigenen Status kann nur eine andere Administratorin oder ein anderer Administrator ändern.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.findOne(Account, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw new DomainError('NOT_FOUND');
      if (account.version !== change.version)
        throw new DomainError('CONFLICT', undefined, { currentVersion: account.version });
      if (change.status && account.status === 'invited') {
        throw new DomainError('CONFLICT', 'Eine noch nicht angenommene Einladung kann nicht (de)aktiviert werden.');
      }
      const before = { role: account.role, status: account.status };
      if (change.role) account.role = change.role;
      if (change.status) account.status = change.status;
      const saved = await manager.save(account);
      let endedSessions = 0;
      if (before.status !== saved.status && saved.status === 'deactivated') {
        const ended = await this.sessions.revokeAll(id, 'deactivated', undefined, manager);
        endedSessions = ended;
      }
      await this.audit.record(
        origin,
        {
          action: 'account.updated',
          subjectType: 'account',
          subjectId: id,
          details: { before, after: { role: saved.role, status: saved.status }, endedSessions },
        },
        manager,
      );
      return toSummary(saved);
    });
  }

  /** Newest first, filtered, 50 per page with a keyset cursor (occurred_at, id). */
  async auditLog(query: AuditQuery): Promise<AuditPageDto> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.action) add('e.action = ?', query.action);
    if (query.actorId) add('e.actor_id = ?', query.actorId);
    if (query.from) add('e.occurred_at >= ?', query.from);
    if (query.to) add('e.occurred_at < ?', query.to);
    if (query.cursor) {
      const [at, id] = query.cursor.split('_');
      params.push(at, id);
      where.push(`(e.occurred_at, e.id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(AUDIT_PAGE_SIZE + 1);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.occurred_at, e.actor_id, a.name AS actor_name, e.action, e.subject_type, e.subject_id, e.ip, e.details
         FROM audit_event e LEFT JOIN account a ON a.id = e.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    const items: AuditEventDto[] = page.map((r) => ({
      id: r['id'] as string,
      occurredAt: (r['occurred_at'] as Date).toISOString(),
      actorId: (r['actor_id'] as string | null) ?? null,
      actorName: (r['actor_name'] as string | null) ?? null,
      action: r['action'] as string,
      subjectType: (r['subject_type'] as string | null) ?? null,
      subjectId: (r['subject_id'] as string | null) ?? null,
      ip: (r['ip'] as string | null) ?? null,
      details: (r['details'] as Record<string, unknown> | null) ?? null,
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? `${last.occurredAt}_${last.id}` : null };
  }
}
