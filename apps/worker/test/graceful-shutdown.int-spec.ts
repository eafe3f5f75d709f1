import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, PlatformModule, TestMailService } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  RunningProcess,
  SmtpCatcher,
  startBuiltApp,
  startRedisServer,
  TestDatabase,
  testConfig,
  waitFor,
} from '@srp/server/testing';
import { APP_SCHEMA } from '@srp/server/schema';

describe('worker shutdown on SIGTERM', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let config: AppConfig;
  let worker: RunningProcess | undefined;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The SMTP server holds each message for 3 s, so the job is surely running when SIGTERM comes.
    smtp = await new SmtpCatcher({ delayMs: 3_000 }).start();
    config = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await pg.end();
    await smtp.stop();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db.drop();
  });

  it('lets the running delivery finish before exiting, losing nothing', async () => {
    worker = await startBuiltApp('worker', config, 'worker started');
    const api = await NestFactory.createApplicationContext(PlatformModule.forRoot({ config, schema: APP_SCHEMA }), {
      logger: false,
    });
    const row = await api.get(TestMailService).send('member@example.org', 'Test');
    await api.close();

    await waitFor('the worker to be mid-delivery', () => smtp.started === 1);
    const stoppedAt = Date.now();
    const exit = await worker.stop('SIGTERM');

    // Nest re-raises the signal once its shutdown hooks are done: a clean exit "by SIGTERM".
    expect([0, 'SIGTERM']).toContain(exit);
    // It waited for the SMTP server rather than dropping the job.
    expect(Date.now() - stoppedAt).toBeGreaterThan(1_000);
    expect(worker.output()).toContain('letting running jobs finish');
    expect(smtp.messages).toHaveLength(1);
    const { rows } = await pg.query('SELECT status, attempts FROM mail_outbox WHERE id = $1', [row.id]);
    expect(rows[0]).toEqual({ status: 'sent', attempts: 1 });
  });

  it('stops within seconds on SIGTERM while Redis is unreachable, and logs the outage once', async () => {
    // A private redis-server: the shared one serves other test files at the same time.
    const redis = await startRedisServer();
    const own = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, REDIS_URL: redis.url });
    const running = await startBuiltApp('worker', own, 'worker started');
    try {
      await redis.kill('SIGKILL');
      // Long enough for several reconnect attempts of every queue's worker.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const stoppedAt = Date.now();
      const exit = await running.stop('SIGTERM', 20_000);
      expect([0, 'SIGTERM'], 'a clean exit, not the SIGKILL after 20 s').toContain(exit);
      expect(Date.now() - stoppedAt).toBeLessThan(15_000);
      expect(running.output()).toContain('Redis is unreachable');
      const errors = running
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"worker error"'))
        .map((line) => JSON.stringify((JSON.parse(line) as { err?: unknown }).err));
      expect(errors.length, 'some error was logged').toBeGreaterThan(0);
      expect(errors.length, `each error once, not at every reconnect: ${errors.join(' | ')}`).toBe(
        new Set(errors).size,
      );
    } finally {
      await running.stop('SIGKILL');
      await redis.kill();
    }
  }, 60_000);
});
