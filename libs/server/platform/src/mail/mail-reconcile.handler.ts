import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobName } from '../queue/job-registry';
import { JobQueueService } from '../queue/job-queue.service';
import { INTERRUPTED_MESSAGE } from './mail-delivery.handler';

export interface ReconcileResult {
  requeued: number;
  markedUncertain: number;
}

/**
 * Makes PostgreSQL the truth for mail: re-enqueues pending rows (their job id makes this a no-op
 * while the job still exists) and flags rows stuck in `sending` after a crash.
 */
@Injectable()
export class MailReconcileHandler {
  private readonly logger = new Logger('MailReconcile');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
  ) {}

  @JobHandler(JobName.MailReconcile)
  async handle(): Promise<ReconcileResult> {
    return this.reconcile();
  }

  /** Pending rows older than `pendingForSeconds` are re-enqueued; `sending` rows older than `sendingForSeconds` become uncertain. */
  async reconcile(options: { pendingForSeconds?: number; sendingForSeconds?: number } = {}): Promise<ReconcileResult> {
    const pendingFor = options.pendingForSeconds ?? 60;
    const sendingFor = options.sendingForSeconds ?? 600;
    const pending: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM mail_outbox
        WHERE status IN ('queued', 'retrying') AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 1000`,
      [pendingFor],
    );
    for (const { id } of pending) {
      await this.jobs.add(JobName.MailSend, { outboxId: id }, id, { redrive: true });
    }
    const [, markedUncertain] = (await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'uncertain', updated_at = now(),
              last_error = $2
        WHERE status = 'sending' AND updated_at < now() - make_interval(secs => $1)`,
      [sendingFor, INTERRUPTED_MESSAGE],
    )) as [unknown, number];
    if (pending.length || markedUncertain) {
      this.logger.log({ requeued: pending.length, markedUncertain }, 'mail outbox reconciled');
    }
    return { requeued: pending.length, markedUncertain };
  }
}
