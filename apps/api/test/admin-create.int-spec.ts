import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig } from '@srp/server/testing';
import { runCli } from '../src/cli/run-cli';

describe('npm run admin:create', () => {
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

  const count = async (sql: string) => (await pg.query(sql)).rows[0].n as number;

  it('creates an active admin with an argon2id hash (m=19 MiB, t=2, p=1) and audits it', async () => {
    const code = await runCli(
      'admin:create',
      ['--email', ' Erika.Muster@Halle.DE ', '--name', 'Erika Muster', '--password', 'Wolken über der Saale 1912'],
      config,
    );
    expect(code).toBe(0);
    const { rows } = await pg.query('SELECT id, email, name, role, status, password_hash FROM account');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      email: 'erika.muster@halle.de',
      name: 'Erika Muster',
      role: 'admin',
      status: 'active',
    });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toContain('Wolken');
    const audit = await pg.query('SELECT actor_id, action, subject_id, user_agent, details FROM audit_event');
    expect(audit.rows).toEqual([
      {
        actor_id: null,
        action: 'account.created',
        subject_id: rows[0].id,
        user_agent: 'cli',
        details: { after: { email: 'erika.muster@halle.de', name: 'Erika Muster', role: 'admin', status: 'active' } },
      },
    ]);
  });

  it('refuses a second account for the same e-mail in another case', async () => {
    const code = await runCli(
      'admin:create',
      ['--email', 'ERIKA.MUSTER@halle.de', '--name', 'Doppelt', '--password', 'Ein ganz anderes Passwort'],
      config,
    );
    expect(code).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM account')).toBe(1);
  });

  it.each([
    ['short', 'kurz12'],
    ['common', 'password123'],
    ['own name', 'Mustermann2026!'],
  ])('refuses a %s password and writes nothing', async (_kind, password) => {
    const code = await runCli(
      'admin:create',
      ['--email', `neu-${Math.random()}@example.org`, '--name', 'Max Mustermann', '--password', password],
      config,
    );
    expect(code).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM account')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM audit_event')).toBe(1);
  });

  it('explains its usage when flags are missing and no terminal can ask', async () => {
    expect(await runCli('admin:create', ['--email', 'x@example.org'], config)).toBe(2);
  });
});
