import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobHandler, JobName, JobQueueService } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { DigestHandler } from './digest.handler';
import { ReminderDeliveryHandler } from './reminder-delivery.handler';
import { deliveryJobId } from './reminder-jobs';

const CLAIM_BATCH = 1000;

/**
 * Runs every few seconds (a job scheduler with a fixed id, so several workers keep one schedule):
 * claims due rows with FOR UPDATE SKIP LOCKED (two sweeps never claim the same row), marks them
 * queued and enqueues one delivery job per row with a deterministic id.
 */
@Injectable()
export class ReminderSweepHandler {
  private readonly logger = new Logger('ReminderSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delivery: ReminderDeliveryHandler,
    private readonly jobs: JobQueueService,
    private readonly digests: DigestHandler,
  ) {}

  @JobHandler(JobName.ReminderSweep)
  async sweep(): Promise<{ claimed: number }> {
    let claimed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `UPDATE reminder SET status = 'queued', queued_at = now()
          WHERE id IN (SELECT id FROM reminder WHERE status = 'planned' AND due_at <= now()
                        ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [CLAIM_BATCH],
      )) as [Array<{ id: string }>, number];
      const ids = rows[0].map((r) => r.id);
      if (!ids.length) break;
      claimed += ids.length;
      await this.delivery.enqueue(ids);
      if (ids.length < CLAIM_BATCH) break;
    }
    if (claimed) this.logger.log({ claimed }, 'due reminders claimed');
    return { claimed };
  }

  /**
   * Re-drives claimed rows whose delivery did not happen (the job was lost with a Redis flush, or
   * the enqueue failed). A job that still exists is left alone: its id makes re-adding a no-op.
   */
  @JobHandler(JobName.ReminderReconcile)
  async handleReconcile(): Promise<{ requeued: number }> {
    await this.digests.catchUp();
    return this.reconcile();
  }

  async reconcile(options: { olderThanSeconds?: number } = {}): Promise<{ requeued: number }> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM reminder WHERE status = 'queued' AND queued_at < now() - make_interval(secs => $1)
        ORDER BY queued_at LIMIT 5000`,
      [options.olderThanSeconds ?? 30],
    )) as Array<{ id: string }>;
    if (rows.length) {
      await this.jobs.addMany(
        JobName.ReminderDeliver,
        rows.map((r) => ({ payload: { reminderId: r.id }, jobId: deliveryJobId(r.id) })),
        { redrive: true },
      );
      this.logger.log({ requeued: rows.length }, 'claimed reminders re-driven');
    }
    return { requeued: rows.length };
  }
}
