import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobName } from '../queue/job-registry';
import { JobQueueService } from '../queue/job-queue.service';
import { MailAttachment, MailOutbox } from './mail-outbox.entity';
import { MailTemplateName, MailTemplateParams } from './mail-templates';

export interface QueueMailRequest<T extends MailTemplateName> {
  to: string;
  template: T;
  params: MailTemplateParams[T];
  /** Extra headers (e.g. List-Unsubscribe) and small text attachments (e.g. an .ics). */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/**
 * Records e-mails that must go out. The row is the promise; the queue job (id = row id) only
 * wakes the worker, and the reconciler re-enqueues rows whose job was lost.
 */
@Injectable()
export class MailOutboxService {
  private readonly logger = new Logger(MailOutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * Writes the outbox row (inside the caller's transaction when a manager is given) and,
   * once committed, enqueues its delivery. Call `dispatch` after your transaction commits.
   */
  async record<T extends MailTemplateName>(
    request: QueueMailRequest<T>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MailOutbox> {
    const row = manager.create(MailOutbox, {
      recipient: request.to.trim(),
      template: request.template,
      params: request.params as unknown as Record<string, unknown>,
      headers: request.headers ?? null,
      attachments: request.attachments ?? null,
      status: 'queued',
    });
    return manager.save(row);
  }

  /**
   * Records the mail unless one with the same `dedupeKey` exists (inside the caller's transaction):
   * returns the new row's id, or null when it was recorded before. Dispatch the id after commit.
   */
  async recordOnce<T extends MailTemplateName>(
    request: QueueMailRequest<T> & { dedupeKey: string },
    manager: EntityManager,
  ): Promise<string | null> {
    const rows = (await manager.query(
      `INSERT INTO mail_outbox (recipient, template, params, headers, attachments, dedupe_key, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'queued')
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        request.to.trim(),
        request.template,
        JSON.stringify(request.params),
        request.headers ? JSON.stringify(request.headers) : null,
        request.attachments?.length ? JSON.stringify(request.attachments) : null,
        request.dedupeKey,
      ],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /**
   * Sends a failed or uncertain mail again (an admin's decision: an uncertain one may arrive twice).
   * Returns false when the row is not in one of those states.
   */
  async retry(id: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'queued', attempts = 0, last_error = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('failed', 'uncertain')`,
      [id],
    )) as [unknown, number];
    if (!affected) return false;
    await this.dispatch(id, { redrive: true });
    return true;
  }

  /** Hands a recorded mail to the queue; if Redis is down the reconciler picks it up later. */
  async dispatch(outboxId: string, options: { redrive?: boolean } = {}): Promise<void> {
    try {
      await this.jobs.add(JobName.MailSend, { outboxId }, outboxId, options);
    } catch (error) {
      this.logger.warn(
        `Mail ${outboxId} recorded but not enqueued (${(error as Error).message}); the reconciler will retry`,
      );
    }
  }

  /** Records and dispatches in one step, for callers without a surrounding transaction. */
  async queue<T extends MailTemplateName>(request: QueueMailRequest<T>): Promise<MailOutbox> {
    const row = await this.record(request);
    await this.dispatch(row.id);
    return row;
  }
}
