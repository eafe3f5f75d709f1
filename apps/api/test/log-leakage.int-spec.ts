import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  RunningProcess,
  startBuiltApp,
  TestDatabase,
  testConfig,
  TestHttpClient,
  withAdminClient,
} from '@srp/server/testing';
import { runCli } from '../src/cli/run-cli';

const PASSWORD = 'Geheimes Kennzeichen am Brocken 1142';

// ASVS V16.5.1: the real api process, its real logs; nothing secret may appear in them.
describe('no secrets in logs, no internals in errors', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: RunningProcess;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({
      DATABASE_URL: db.url,
      PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      HOST: '127.0.0.1',
    });
    await runCli('admin:create', ['--email', 'leak@example.org', '--name', 'Lea Leck', '--password', PASSWORD], config);
    api = await startBuiltApp('api', config, 'api listening', { LOG_LEVEL: 'debug' });
    url = `http://127.0.0.1:${config.PORT}`;
  });

  afterAll(async () => {
    await api?.stop();
    await withAdminClient((c) => c.query(`ALTER DATABASE "${db.name}" WITH ALLOW_CONNECTIONS true`)).catch(
      () => undefined,
    );
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('logs requests and a database outage without passwords, session tokens or CSRF tokens', async () => {
    const client = new TestHttpClient(url);
    await client.get('/api/auth/me');
    expect(
      (await client.post('/api/auth/login', { email: 'leak@example.org', password: 'falsch und geheim 77' })).status,
    ).toBe(401);
    expect((await client.post('/api/auth/login', { email: 'leak@example.org', password: PASSWORD })).status).toBe(200);
    const session = client.cookies.get('srp_session') as string;
    const xsrf = client.cookies.get('XSRF-TOKEN') as string;
    expect((await client.get('/api/auth/me?token=should-not-be-logged')).status).toBe(200);

    // PostgreSQL refuses connections: the api answers 503 with a correlation id, nothing more.
    await withAdminClient(async (c) => {
      await c.query(`ALTER DATABASE "${db.name}" WITH ALLOW_CONNECTIONS false`);
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db.name]);
    });
    const outage = await client.get('/api/auth/me');
    expect([500, 503]).toContain(outage.status);
    expect(Object.keys(outage.body).sort()).toEqual(['code', 'correlationId', 'details', 'message']);
    expect(JSON.stringify(outage.body)).not.toMatch(/SELECT|session|token_hash|pg_|ECONN|stack/i);
    await new Promise((r) => setTimeout(r, 300));

    const logs = api.output();
    expect(logs).toContain(outage.body.correlationId);
    for (const secret of [PASSWORD, 'falsch und geheim 77', session, xsrf, 'should-not-be-logged']) {
      expect(logs.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
