import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@srp/contracts';
import { AppConfig } from '@srp/server/platform';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { TestHttpClient } from './http-client';
import { clearRedisPrefix, testConfig } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';

/** An id that no row has: for the 404 of an unknown object. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const PASSWORD = 'Wolken über der Saale 1912';

/** A signed-in person: the account's id and name and a client that carries the session cookie. */
export interface TestPerson {
  id: string;
  name: string;
  client: TestHttpClient;
}

/** Who an audited change is attributed to (the shape of identity's AuditOrigin). */
export interface HarnessOrigin {
  actorId: string | null;
}

/**
 * The parts of `@srp/server/identity` that sign people up. They are passed in rather than
 * imported because identity's own integration tests may use this lib (no cycle).
 */
export interface HarnessIdentity {
  AccountsService: Type<{
    create(
      input: { email: string; name: string; password: string; role: PlatformRole; status: 'active' },
      origin: HarnessOrigin,
    ): Promise<{ id: string }>;
  }>;
  TotpService: Type<{
    startSetup(accountId: string): Promise<{ secret: string }>;
    enable(accountId: string, code: string, origin: HarnessOrigin): Promise<unknown>;
  }>;
  CLI_ORIGIN: HarnessOrigin;
}

/** How a spec file sets up its api. */
export interface ApiHarnessOptions {
  /** apps/api's `createApiApp` (a lib must not import an app). */
  createApiApp(config: AppConfig, options: { logger?: boolean }): Promise<NestExpressApplication>;
  identity: HarnessIdentity;
  /** Marks the file's rows, e.g. 'Aufgabentest' gives aufgabentest-member1@example.org and 'Aufgabentest-Gruppe 2'. */
  label: string;
  /** Overrides for `testConfig`; DATABASE_URL is always the file's own database. */
  config?: Record<string, string | undefined>;
}

/** One api app on a fresh database for a spec file, with factories for its people, groups and organisations. */
export interface ApiHarness {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  /** The listening app's base URL. */
  readonly url: string;
  /** A connection to the file's database for arrangements and checks the api does not offer. */
  readonly pg: Client;
  /** The seeded UAGs' ids by number (filled before the first test). */
  readonly uag: Readonly<Record<number, string>>;
  /** A number unique within the file, for names and titles. */
  next(): number;
  /** A signed-in person of this role; coordinators and admins with a verified second factor. */
  newPerson(role?: PlatformRole, name?: string): Promise<TestPerson>;
  /** A working group of the test's own, with this short name or a numbered one. */
  newGroup(shortName?: string): Promise<string>;
  /** Puts a person into a group as an active lead or member. */
  putIn(groupId: string, person: TestPerson, role?: 'lead' | 'member'): Promise<void>;
  /** An organisation of the test's own, with the given people in it. */
  newOrganization(...people: TestPerson[]): Promise<string>;
}

/**
 * Registers beforeAll/afterAll in the calling describe block: a fresh database, exactly one api app
 * (Passport keeps one strategy registry per process), a pg client, and the clean-up of all three
 * and the file's Redis keys. Call it once per spec file; the factories may be destructured.
 */
export function useApiHarness(options: ApiHarnessOptions): ApiHarness {
  const { identity, label } = options;
  let db: TestDatabase | undefined;
  let config: AppConfig | undefined;
  let app: NestExpressApplication | undefined;
  let url: string | undefined;
  let pg: Client | undefined;
  let n = 0;
  const uag: Record<number, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ ...options.config, DATABASE_URL: db.url });
    app = await options.createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT id, number FROM working_group WHERE number IS NOT NULL`);
    for (const row of rows) uag[row.number as number] = row.id as string;
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    if (config) await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  const next = () => ++n;

  const harness: ApiHarness = {
    get app() {
      return ready(app, 'app');
    },
    get config() {
      return ready(config, 'config');
    },
    get url() {
      return ready(url, 'url');
    },
    get pg() {
      return ready(pg, 'pg');
    },
    uag,
    next,

    async newPerson(role = 'member', name) {
      const k = next();
      const email = `${label.toLowerCase()}-${role}${k}@example.org`;
      const fullName = name ?? `Person ${String(k).padStart(3, '0')}`;
      const account = await harness.app
        .get(identity.AccountsService)
        .create({ email, name: fullName, password: PASSWORD, role, status: 'active' }, identity.CLI_ORIGIN);
      const client = new TestHttpClient(harness.url);
      await client.get('/api/auth/me');
      let secret: string | undefined;
      if (role !== 'member') {
        const totp = harness.app.get(identity.TotpService);
        secret = (await totp.startSetup(account.id)).secret;
        await totp.enable(account.id, new TOTP({ secret: Secret.fromBase32(secret) }).generate(), identity.CLI_ORIGIN);
      }
      expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
      if (secret) {
        // The enabling code is spent; the next time step's code is accepted and not a replay.
        const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });
        expect((await client.post('/api/auth/second-factor/verify', { code })).status).toBe(204);
      }
      return { id: account.id, name: fullName, client };
    },

    async newGroup(shortName) {
      const k = next();
      const { rows } = await harness.pg.query(
        `INSERT INTO working_group (kind, name, short_name, status, version)
         VALUES ('other', $1, $2, 'active', 1) RETURNING id`,
        [`${label}-Gruppe ${k}`, shortName ?? `Gruppe ${k}`],
      );
      return rows[0].id as string;
    },

    async putIn(groupId, person, role = 'member') {
      await harness.pg.query(
        `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
         VALUES ($1, $2, $3, 'active', now())`,
        [groupId, person.id, role],
      );
    },

    async newOrganization(...people) {
      const { rows } = await harness.pg.query(
        `INSERT INTO organization (kind, official_name, display_name, version) VALUES ('agency', $1, $1, 1) RETURNING id`,
        [`${label}-Organisation ${next()}`],
      );
      const id = rows[0].id as string;
      for (const p of people) {
        await harness.pg.query(`UPDATE account SET organization_id = $2 WHERE id = $1`, [p.id, id]);
      }
      return id;
    },
  };
  return harness;
}

/** A value the harness sets in beforeAll; a clear error when a spec reads it at collection time. */
function ready<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`The api harness sets ${name} in beforeAll; read it inside a test or hook.`);
  return value;
}
