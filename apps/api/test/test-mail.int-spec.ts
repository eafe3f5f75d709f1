import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { AppConfig } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  RunningProcess,
  SmtpCatcher,
  startBuiltApp,
  TestDatabase,
  testConfig,
  waitFor,
} from '@srp/server/testing';
import { runCli } from '../src/cli/run-cli';

describe('test e-mail: api → PostgreSQL → BullMQ → worker → SMTP', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let config: AppConfig;
  let worker: RunningProcess;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpCatcher().start();
    config = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, PUBLIC_URL: 'https://portal.example.org' });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    worker = await startBuiltApp('worker', config, 'worker started');
  });

  afterAll(async () => {
    await worker?.stop();
    await pg?.end();
    await smtp?.stop();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('records the mail, queues it by id and the worker delivers it over SMTP', async () => {
    const exitCode = await runCli('mail:test', ['--to', 'koordination@example.org'], config);
    expect(exitCode).toBe(0);

    const { rows } = await pg.query('SELECT id, status, recipient, template FROM mail_outbox');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: 'koordination@example.org', template: 'test-mail' });
    const id = rows[0].id as string;

    const mail = await waitFor('the SMTP catcher to receive the test mail', () => smtp.messages[0]);
    expect(mail.to).toEqual(['koordination@example.org']);
    expect(mail.parsed.subject).toBe('Test-E-Mail des SmartRegion Portals');
    expect(mail.parsed.messageId).toBe(`<${id}@portal.example.org>`);
    expect(mail.parsed.text).toContain('Der E-Mail-Versand funktioniert');
    expect(mail.parsed.text).toContain('Angefordert von: Kommandozeile (mail:test)');
    expect(mail.parsed.html).toContain('<html lang="de">');
    expect(mail.parsed.html).toContain('href="https://portal.example.org"');

    const sent = await waitFor('the outbox row to be marked sent', async () => {
      const result = await pg.query('SELECT status, attempts, sent_at, message_id FROM mail_outbox WHERE id = $1', [
        id,
      ]);
      return result.rows[0].status === 'sent' ? result.rows[0] : undefined;
    });
    expect(sent).toMatchObject({ attempts: 1, message_id: `<${id}@portal.example.org>` });
    expect(sent.sent_at).toBeInstanceOf(Date);
    expect(smtp.messages).toHaveLength(1);
  });

  it('rejects a malformed address before anything is recorded', async () => {
    const before = await pg.query('SELECT count(*)::int AS n FROM mail_outbox');
    expect(await runCli('mail:test', ['--to', 'not-an-address'], config)).toBe(2);
    const after = await pg.query('SELECT count(*)::int AS n FROM mail_outbox');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('records the mail and returns promptly when Redis is unreachable; the reconciler delivers later', async () => {
    const offline = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, REDIS_URL: 'redis://127.0.0.1:1' });
    const started = Date.now();
    expect(await runCli('mail:test', ['--to', 'spaeter@example.org'], offline)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const { rows } = await pg.query(`SELECT status FROM mail_outbox WHERE recipient = 'spaeter@example.org'`);
    expect(rows).toEqual([{ status: 'queued' }]);
  });
});
