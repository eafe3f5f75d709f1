import { INestApplicationContext } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AppConfig,
  JobRegistryError,
  JobWorkerService,
  MailOutboxService,
  MailReconcileHandler,
  MailTemplateName,
  PlatformModule,
  QueueName,
  JobQueueService,
  TestMailService,
} from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  SmtpCatcher,
  SmtpCatcherOptions,
  TEST_REDIS_URL,
  TestDatabase,
  testConfig,
  waitFor,
} from '@srp/server/testing';
import { APP_SCHEMA } from '@srp/server/schema';
import { WorkerModule } from '../src/app/app.module';

describe('mail delivery in the worker', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let config: AppConfig;
  let worker: INestApplicationContext | undefined;
  let pg: Client;

  async function setUp(smtpOptions: SmtpCatcherOptions = {}) {
    smtp = await new SmtpCatcher(smtpOptions).start();
    config = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url });
  }

  async function startWorker(): Promise<INestApplicationContext> {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    return worker;
  }

  async function outboxRow(id: string) {
    const { rows } = await pg.query('SELECT * FROM mail_outbox WHERE id = $1', [id]);
    return rows[0];
  }

  beforeEach(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await pg.end();
    await smtp?.stop();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db.drop();
  });

  it('retries a temporary SMTP failure (4xx) with backoff and then delivers once', async () => {
    await setUp({ failNext: { count: 1, code: 451 } });
    const app = await startWorker();
    const row = await app.get(TestMailService).send('lead@example.org', 'Test');

    const failed = await waitFor('the first attempt to fail', async () => {
      const current = await outboxRow(row.id);
      return current.status === 'retrying' ? current : undefined;
    });
    expect(failed.last_error).toMatch(/451|Try again/);
    const sent = await waitFor(
      'the retry to deliver',
      async () => {
        const current = await outboxRow(row.id);
        return current.status === 'sent' ? current : undefined;
      },
      30_000,
    );
    expect(sent.attempts).toBe(2);
    expect(smtp.messages).toHaveLength(1);
  });

  it('marks a permanent SMTP failure (5xx) as failed without retrying', async () => {
    await setUp({ failNext: { count: 5, code: 550 } });
    const app = await startWorker();
    const row = await app.get(TestMailService).send('nobody@example.org', 'Test');
    const failed = await waitFor('the mail to be marked failed', async () => {
      const current = await outboxRow(row.id);
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550|Mailbox unavailable/);
    // Give a wrongly scheduled retry time to show itself.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.started).toBe(1);
    expect((await outboxRow(row.id)).attempts).toBe(1);
  });

  it('delivers what PostgreSQL holds after Redis lost the queue (reconciler)', async () => {
    await setUp();
    // The api recorded a mail while its job got lost (Redis flushed before a worker ran).
    const api = await NestFactory.createApplicationContext(PlatformModule.forRoot({ config, schema: APP_SCHEMA }), {
      logger: false,
    });
    const row = await api.get(MailOutboxService).queue({
      to: 'contact@example.org',
      template: MailTemplateName.TestMail,
      params: { requestedAt: new Date().toISOString(), requestedBy: 'Test' },
    });
    const mailQueue = api.get(JobQueueService).queue(QueueName.Mail);
    expect(await mailQueue.getJob(row.id)).toBeDefined();
    await api.close();
    await clearRedisPrefix(config.REDIS_PREFIX);

    const app = await startWorker();
    await new Promise((r) => setTimeout(r, 500));
    expect((await outboxRow(row.id)).status).toBe('queued');

    const result = await app.get(MailReconcileHandler).reconcile({ pendingForSeconds: 0 });
    expect(result.requeued).toBe(1);
    await waitFor('the reconciled mail to be sent', async () => (await outboxRow(row.id)).status === 'sent');
    expect(smtp.messages).toHaveLength(1);

    // Reconciling again changes nothing: the row is done.
    expect((await app.get(MailReconcileHandler).reconcile({ pendingForSeconds: 0 })).requeued).toBe(0);
  });

  it('flags a mail interrupted mid-send as uncertain instead of sending it twice', async () => {
    await setUp();
    const { rows } = await pg.query(
      `INSERT INTO mail_outbox (recipient, template, params, status, attempts, updated_at)
       VALUES ('x@example.org', 'test-mail', '{"requestedAt":"2026-11-26T10:00:00Z","requestedBy":"Test"}', 'sending', 1, now() - interval '1 hour')
       RETURNING id`,
    );
    // The scheduler runs the reconciler as soon as the worker starts.
    const app = await startWorker();
    await waitFor('the stuck row to be flagged', async () => (await outboxRow(rows[0].id)).status === 'uncertain');
    expect((await app.get(MailReconcileHandler).reconcile()).markedUncertain).toBe(0);
    const stuck = await outboxRow(rows[0].id);
    expect(stuck.last_error).toMatch(/unterbrochen/);
    expect(smtp.started).toBe(0);
  });

  it('creates the reconcile scheduler once, however many workers start', async () => {
    await setUp();
    const first = await startWorker();
    const second = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await second.init();
    try {
      const schedulers = await first.get(JobQueueService).queue(QueueName.Mail).getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(['mail-reconcile']);
    } finally {
      await second.close();
    }
  });

  it('refuses to start when a job of the registry has no handler', async () => {
    await setUp();
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ config, schema: APP_SCHEMA }), DiscoveryModule],
      providers: [JobWorkerService],
    }).compile();
    moduleRef.useLogger(false);
    const error = await moduleRef.init().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobRegistryError);
    expect((error as Error).message).toMatch(/no handler for job\(s\) mail\.send, mail\.reconcile/);
    // close() would re-throw the failed initialisation; release the connection pool directly.
    await moduleRef.get(DataSource).destroy();
  });

  it('warns when Redis may evict jobs', async () => {
    await setUp();
    const redis = new Redis(TEST_REDIS_URL);
    const [, previous] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const warnings: string[] = [];
    try {
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
        logger: {
          log: () => undefined,
          error: () => undefined,
          warn: (m: unknown) => warnings.push(String(m)),
          debug: () => undefined,
          verbose: () => undefined,
        },
      });
      await worker.init();
    } finally {
      await redis.config('SET', 'maxmemory-policy', previous);
      redis.disconnect();
    }
    expect(warnings.join('\n')).toMatch(/maxmemory-policy is "allkeys-lru", not "noeviction"/);
  });
});
