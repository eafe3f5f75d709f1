import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS, JOB_OPTIONS } from './job-options';
import { withTimeout } from './with-timeout';

const PRODUCER_TIMEOUT_MS = 3_000;
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-registry';
import { createRedisConnection } from './redis-connection';

/** Adds typed jobs to their queues. A job id makes adding idempotent: the same id runs once. */
@Injectable()
export class JobQueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(private readonly config: AppConfig) {}

  /**
   * Adds the job unless one with this id exists. If the earlier job already finished or failed,
   * `redrive` replaces it (the reconciler uses this for rows PostgreSQL still calls pending).
   * Gives up after a few seconds when Redis is unreachable, so callers never hang.
   */
  async add<J extends JobName>(
    job: J,
    payload: JobPayloads[J],
    jobId: string,
    options: { redrive?: boolean } = {},
  ): Promise<void> {
    const queue = this.queue(JOB_QUEUE[job]);
    await withTimeout(
      (async () => {
        if (options.redrive) {
          const existing = await queue.getJob(jobId);
          const state = existing ? await existing.getState() : undefined;
          if (existing && (state === 'completed' || state === 'failed')) await existing.remove();
        }
        await queue.add(job, payload, { ...DEFAULT_JOB_OPTIONS, ...JOB_OPTIONS[job], jobId });
      })(),
      PRODUCER_TIMEOUT_MS,
      `Redis did not accept job ${job} within ${PRODUCER_TIMEOUT_MS / 1000} s`,
    );
  }

  /**
   * Adds many jobs of one kind in one round trip (ids make it idempotent as with `add`). With
   * `redrive`, finished or failed jobs with these ids are replaced first.
   */
  async addMany<J extends JobName>(
    job: J,
    items: Array<{ payload: JobPayloads[J]; jobId: string }>,
    options: { redrive?: boolean } = {},
  ): Promise<void> {
    if (!items.length) return;
    const queue = this.queue(JOB_QUEUE[job]);
    await withTimeout(
      (async () => {
        if (options.redrive) {
          for (const { jobId } of items) {
            const existing = await queue.getJob(jobId);
            const state = existing ? await existing.getState() : undefined;
            if (existing && (state === 'completed' || state === 'failed')) await existing.remove();
          }
        }
        await queue.addBulk(
          items.map(({ payload, jobId }) => ({
            name: job,
            data: payload,
            opts: { ...DEFAULT_JOB_OPTIONS, ...JOB_OPTIONS[job], jobId },
          })),
        );
      })(),
      PRODUCER_TIMEOUT_MS * Math.max(1, Math.ceil(items.length / 500)),
      `Redis did not accept ${items.length} ${job} jobs in time`,
    );
  }

  /** The BullMQ queue object, for schedulers and admin views. */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= createRedisConnection(this.config.REDIS_URL, 'producer');
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    // Against an unreachable Redis closing never finishes; the connection is dropped below anyway.
    await withTimeout(
      Promise.all([...this.queues.values()].map((q) => q.close())),
      PRODUCER_TIMEOUT_MS,
      'queues did not close',
    ).catch(() => undefined);
    this.queues.clear();
    if (this.connection) {
      this.connection.disconnect();
      this.connection = undefined;
    }
  }
}
