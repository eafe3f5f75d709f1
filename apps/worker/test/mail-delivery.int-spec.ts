import { INestApplicationContext } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { AddressObject, simpleParser } from 'mailparser';
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
    // BullMQ gave up on the job too: no retry is scheduled.
    const job = await waitFor('the job to be failed for good', async () => {
      const found = await app.get(JobQueueService).queue(QueueName.Mail).getJob(row.id);
      return found && (await found.getState()) === 'failed' ? found : undefined;
    });
    expect(job.attemptsMade).toBe(1);
    expect(smtp.started).toBe(1);
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
    expect((error as Error).message).toMatch(
      /no handler for job\(s\) mail\.send, mail\.reconcile, task\.purge-archived/,
    );
    // close() would re-throw the failed initialisation; release the connection pool directly.
    await moduleRef.get(DataSource).destroy();
  });

  it('warns when Redis may evict jobs (own redis-server, so the shared one is untouched)', async () => {
    await setUp();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = spawn('redis-server', ['--port', String(port), '--save', '', '--maxmemory-policy', 'allkeys-lru'], {
      stdio: 'ignore',
    });
    try {
      const redisUrl = `redis://127.0.0.1:${port}`;
      await waitFor('the private redis-server', async () => {
        const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      });
      const warnings: string[] = [];
      worker = await NestFactory.createApplicationContext(
        WorkerModule.forRoot(testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, REDIS_URL: redisUrl })),
        {
          logger: {
            log: () => undefined,
            error: () => undefined,
            warn: (m: unknown) => warnings.push(String(m)),
            debug: () => undefined,
            verbose: () => undefined,
          },
        },
      );
      expect(warnings.join('\n')).toMatch(/maxmemory-policy is "allkeys-lru", not "noeviction"/);
      await worker.close();
      worker = undefined;
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('stops at start-up with one sentence when Redis is unreachable', async () => {
    await setUp();
    const unreachable = testConfig({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1' });
    const error = await NestFactory.createApplicationContext(WorkerModule.forRoot(unreachable), {
      logger: false,
      abortOnError: false,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('Redis at redis://127.0.0.1:1 is not reachable; start it or set REDIS_URL.');
  });

  it('writes .eml files when no SMTP server is configured', async () => {
    await setUp();
    const mailDir = await mkdtemp(join(tmpdir(), 'srp-mail-'));
    try {
      config = testConfig({ DATABASE_URL: db.url, MAIL_DIR: mailDir, SMTP_URL: '' });
      const app = await startWorker();
      const row = await app.get(TestMailService).send('datei@example.org', 'Test');
      await waitFor('the mail to be written', async () => (await outboxRow(row.id)).status === 'sent');
      const files = await readdir(mailDir);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files).toHaveLength(1);
      const parsed = await simpleParser(await readFile(join(mailDir, files[0])));
      expect(parsed.subject).toBe('Test-E-Mail des SmartRegion Portals');
      expect((parsed.to as AddressObject).text).toBe('datei@example.org');
      expect(parsed.text).toContain('Der E-Mail-Versand funktioniert');
      expect(parsed.html).toContain('<html lang="de">');
    } finally {
      await rm(mailDir, { recursive: true, force: true });
    }
  });

  it('re-drives a row PostgreSQL still calls pending although its job already failed in Redis', async () => {
    await setUp({ failNext: { count: 1, code: 550 } });
    const app = await startWorker();
    const row = await app.get(TestMailService).send('spaet@example.org', 'Test');
    await waitFor('the first delivery to fail', async () => (await outboxRow(row.id)).status === 'failed');
    // As if the failure had been recorded in Redis but the row's update was lost.
    await pg.query(`UPDATE mail_outbox SET status = 'queued' WHERE id = $1`, [row.id]);
    const result = await app.get(MailReconcileHandler).reconcile({ pendingForSeconds: 0 });
    expect(result.requeued).toBe(1);
    await waitFor('the re-driven mail to be sent', async () => (await outboxRow(row.id)).status === 'sent');
    expect(smtp.messages).toHaveLength(1);
  });
});
