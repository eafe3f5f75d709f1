import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

/** Where a change came from: the acting account and the request's address and browser. */
export interface AuditOrigin {
  actorId: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

/** The origin of changes made from the command line (no account, no request). */
export const CLI_ORIGIN: AuditOrigin = { actorId: null, ip: null, userAgent: 'cli' };

/** Appends to the audit log; pass the caller's transaction manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    origin: AuditOrigin,
    entry: AuditEntry,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const event = manager.create(AuditEvent, {
      actorId: origin.actorId,
      ip: origin.ip?.slice(0, 64) ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? null,
    });
    await manager.save(event);
  }
}
