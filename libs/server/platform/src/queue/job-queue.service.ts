import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-registry';
import { createRedisConnection } from './redis-connection';

/** Adds typed jobs to their queues. A job id makes adding idempotent: the same id runs once. */
@Injectable()
export class JobQueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(private readonly config: AppConfig) {}

  async add<J extends JobName>(job: J, payload: JobPayloads[J], jobId: string): Promise<void> {
    await this.queue(JOB_QUEUE[job]).add(job, payload, { ...DEFAULT_JOB_OPTIONS, jobId });
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
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    if (this.connection) {
      this.connection.disconnect();
      this.connection = undefined;
    }
  }
}
