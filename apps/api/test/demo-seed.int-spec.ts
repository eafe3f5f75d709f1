import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig } from '@srp/server/testing';
import { DEMO_ADMIN, runCli } from '../src/cli/run-cli';

describe('demo data for npm start', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db.drop();
  });

  it('creates the documented demo admin in an empty database, once', async () => {
    expect(await runCli('demo:seed', [], config)).toBe(0);
    expect(await runCli('demo:seed', [], config)).toBe(0);
    const { rows } = await pg.query('SELECT email, role, status, password_hash FROM account');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: DEMO_ADMIN.email, role: 'admin', status: 'active' });
    expect(await verifyPassword(DEMO_ADMIN.password, rows[0].password_hash)).toBe(true);
  });

  it('refuses to seed a production database', async () => {
    expect(await runCli('demo:seed', [], testConfig({ DATABASE_URL: db.url, NODE_ENV: 'production' }))).toBe(2);
  });
});
