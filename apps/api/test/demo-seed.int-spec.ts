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
    // The real reference data, no invented participation: 218 municipalities, none a member yet.
    const municipalities = await pg.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE membership_status <> 'none')::int AS members FROM organization`,
    );
    expect(municipalities.rows[0]).toEqual({ all: 218, members: 0 });
    const groups = await pg.query('SELECT number FROM working_group ORDER BY number');
    expect(groups.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('imports the municipalities from the command line, idempotently', async () => {
    expect(await runCli('data:import-municipalities', [], config)).toBe(0);
    expect(await runCli('data:import-municipalities', ['--file', 'no/such/file.csv'], config)).toBe(2);
    const { rows } = await pg.query('SELECT count(*)::int AS c FROM organization');
    expect(rows[0].c).toBe(218);
  });

  it('refuses to seed a production database', async () => {
    expect(await runCli('demo:seed', [], testConfig({ DATABASE_URL: db.url, NODE_ENV: 'production' }))).toBe(2);
  });
});
