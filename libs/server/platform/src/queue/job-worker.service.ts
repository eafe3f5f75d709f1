import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { JobHandler } from './job-handler.decorator';
import { JOB_QUEUE, JOB_SCHEDULES, JobName, QueueName, SCHEDULE_TIME_ZONE } from './job-registry';
import { JobQueueService } from './job-queue.service';
import { DEFAULT_JOB_OPTIONS, JOB_OPTIONS } from './job-options';
import { createRedisConnection, readMaxmemoryPolicy } from './redis-connection';
import { withTimeout } from './with-timeout';
import { redactUrl } from '../config/load-config';

/** How often the worker re-creates the job schedules (in case Redis lost them). */
const SCHEDULE_CHECK_MS = 30_000;
/** How long SIGTERM waits for running jobs: below Docker's stop_grace_period (30 s). */
const SHUTDOWN_GRACE_MS = 25_000;
/**
 * With Redis unreachable BullMQ's close never finishes (it wants to tell Redis): running jobs get
 * this long for their own work, then the worker stops; what they did not finish runs again later.
 */
const SHUTDOWN_GRACE_WITHOUT_REDIS_MS = 5_000;
/** The same worker error (e.g. Redis refusing connections) is logged at most once in this time. */
const ERROR_LOG_INTERVAL_MS = 60_000;

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/** Thrown at boot when the registry and the handlers disagree. */
export class JobRegistryError extends Error {
  override name = 'JobRegistryError';
}

/**
 * Runs in the worker only: finds every @JobHandler, refuses to start if a job has none,
 * runs one BullMQ Worker per queue, creates the schedulers and closes everything on shutdown
 * (active jobs are allowed to finish).
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly workers: Worker[] = [];
  private connection?: Redis;
  private scheduleTimer?: NodeJS.Timeout;
  private lastError = { message: '', at: 0 };

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly queues: JobQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.collectHandlers();
    await this.checkRedis();
    this.connection = createRedisConnection(this.config.REDIS_URL, 'worker');

    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler) throw new JobRegistryError(`No handler for job ${job.name}`);
          return handler(job.data, job);
        },
        {
          connection: this.connection,
          prefix: this.config.REDIS_PREFIX,
          concurrency: queue === QueueName.Mail ? this.config.MAIL_CONCURRENCY : this.config.WORKER_CONCURRENCY,
          autorun: true,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message },
          'job failed',
        ),
      );
      worker.on('error', (error) => this.logError(error));
      this.workers.push(worker);
    }

    await this.ensureSchedules();
    // Redis may lose everything (restart without persistence, FLUSHALL): the schedules come back
    // within half a minute; PostgreSQL's rows and the reconcilers do the rest.
    this.scheduleTimer = setInterval(() => {
      this.ensureSchedules().catch((error: Error) =>
        this.logger.warn(`Could not re-create job schedules: ${error.message}`),
      );
    }, SCHEDULE_CHECK_MS);
    this.scheduleTimer.unref();
    this.logger.log(`Processing queues ${Object.values(QueueName).join(', ')} with ${handlers.size} job handlers`);
  }

  /** Creates or updates every repeating job under its fixed id (idempotent; N workers keep one schedule). */
  async ensureSchedules(): Promise<void> {
    for (const schedule of JOB_SCHEDULES) {
      await this.queues
        .queue(JOB_QUEUE[schedule.job])
        .upsertJobScheduler(
          schedule.id,
          'cron' in schedule
            ? { pattern: schedule.cron, tz: SCHEDULE_TIME_ZONE }
            : { every: typeof schedule.everyMs === 'function' ? schedule.everyMs(this.config) : schedule.everyMs },
          { name: schedule.job, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, ...JOB_OPTIONS[schedule.job] } },
        );
    }
  }

  /** Called on SIGTERM (enableShutdownHooks): waits for running jobs (bounded), then disconnects. */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    clearInterval(this.scheduleTimer);
    if (this.workers.length > 0) {
      this.logger.log(`Shutting down (${signal ?? 'close'}): letting running jobs finish`);
      const redisUp = this.connection?.status === 'ready';
      const grace = redisUp ? SHUTDOWN_GRACE_MS : SHUTDOWN_GRACE_WITHOUT_REDIS_MS;
      const closed = await withTimeout(
        Promise.all(this.workers.map((w) => w.close())).then(() => true),
        grace,
        'shutdown grace exceeded',
      ).catch(() => false);
      if (!closed) {
        this.logger.warn(
          `Stopping without waiting longer than ${grace / 1000} s${redisUp ? '' : ' (Redis is unreachable)'}: unfinished jobs run again later`,
        );
      }
    }
    this.workers.length = 0;
    this.connection?.disconnect();
    this.connection = undefined;
  }

  /** Logs worker errors, but not the same one every reconnect attempt while Redis is away. */
  private logError(error: Error): void {
    const now = Date.now();
    if (error.message === this.lastError.message && now - this.lastError.at < ERROR_LOG_INTERVAL_MS) return;
    this.lastError = { message: error.message, at: now };
    this.logger.error({ err: error.message }, 'worker error');
  }

  private collectHandlers(): Map<JobName, Handler> {
    const handlers = new Map<JobName, Handler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const job = this.discovery.getMetadataByDecorator(JobHandler, wrapper, methodName);
        if (!job) continue;
        if (handlers.has(job)) throw new JobRegistryError(`Job ${job} has two handlers`);
        const method = instance[methodName] as (...args: unknown[]) => Promise<unknown>;
        handlers.set(job, (payload, bullJob) => method.call(instance, payload, bullJob));
      }
    }
    const missing = Object.values(JobName).filter((job) => !handlers.has(job));
    if (missing.length > 0) {
      throw new JobRegistryError(`The worker cannot start: no handler for job(s) ${missing.join(', ')}`);
    }
    return handlers;
  }

  /** Fails start-up with one sentence when Redis does not answer; warns when it may evict jobs. */
  private async checkRedis(): Promise<void> {
    const redis = createRedisConnection(this.config.REDIS_URL, 'check');
    try {
      await withTimeout(redis.ping(), 5_000, 'timeout').catch(() => {
        throw new Error(`Redis at ${redactUrl(this.config.REDIS_URL)} is not reachable; start it or set REDIS_URL.`);
      });
      await this.checkEvictionPolicy(redis);
    } finally {
      redis.disconnect();
    }
  }

  private async checkEvictionPolicy(redis: Redis): Promise<void> {
    try {
      const policy = await readMaxmemoryPolicy(redis);
      if (policy !== 'noeviction') {
        this.logger.warn(
          `!!! Redis maxmemory-policy is "${policy}", not "noeviction": Redis may evict queued jobs. ` +
            'Set "maxmemory-policy noeviction" in redis.conf. PostgreSQL stays the truth and the reconciler re-enqueues, but deliveries may be late.',
        );
      }
    } catch (error) {
      this.logger.warn(`Could not read Redis maxmemory-policy: ${(error as Error).message}`);
    }
  }
}
