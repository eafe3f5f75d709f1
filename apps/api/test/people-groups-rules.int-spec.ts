/**
 * Rules that a review of the organisations and groups change found missing, kept as regression
 * tests: who may change whose account, what a merger does to contacts, who lifts a pause, and
 * what double submits and concurrent lead changes do.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { MembershipStatus, OrganizationKind, PlatformRole } from '@srp/contracts';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig, TestHttpClient } from '@srp/server/testing';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../src/app/create-api-app';

const PASSWORD = 'Wolken über der Saale 1912';

describe('rules found in review: people, mergers, membership pauses, groups under concurrency', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let pg: Client;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url, PUBLIC_URL: 'http://portal.test' });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    if (config) await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  async function newOrganization(
    options: { kind?: OrganizationKind; membershipStatus?: MembershipStatus } = {},
  ): Promise<string> {
    const name = `Review-Stadt-${++n}`;
    const { rows } = await pg.query(
      `INSERT INTO organization (kind, official_name, display_name, district_key, district_name, membership_status, version)
       VALUES ($1, $2, $3, '15084', 'Burgenlandkreis', $4, 1) RETURNING id`,
      [options.kind ?? 'city', `${name}, Stadt`, name, options.membershipStatus ?? 'active'],
    );
    return rows[0].id as string;
  }

  async function person(role: PlatformRole, options: { organizationId?: string | null; isContact?: boolean } = {}) {
    const email = `review-${role}-${++n}@example.org`;
    const account = await app
      .get(AccountsService)
      .create(
        { email, name: `Review ${String(n).padStart(4, '0')}`, password: PASSWORD, role, status: 'active' },
        CLI_ORIGIN,
      );
    await pg.query(`UPDATE account SET organization_id = $2, is_contact = $3 WHERE id = $1`, [
      account.id,
      options.organizationId ?? null,
      options.isContact ?? false,
    ]);
    const client = new TestHttpClient(url);
    await client.get('/api/auth/me');
    let secret: string | undefined;
    if (role !== 'member') {
      const totp = app.get(TotpService);
      secret = (await totp.startSetup(account.id)).secret;
      await totp.enable(account.id, new TOTP({ secret: Secret.fromBase32(secret) }).generate(), CLI_ORIGIN);
    }
    expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    if (secret) {
      const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });
      expect((await client.post('/api/auth/second-factor/verify', { code })).status).toBe(204);
    }
    return { id: account.id, email, client };
  }

  async function version(table: 'account' | 'organization' | 'working_group', id: string): Promise<number> {
    const { rows } = await pg.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
    return rows[0].version as number;
  }

  async function newGroup(): Promise<string> {
    const { rows } = await pg.query(
      `INSERT INTO working_group (kind, name, short_name, version) VALUES ('other', $1, $2, 1) RETURNING id`,
      [`Review-Gruppe ${++n}`, `RG ${n}`],
    );
    return rows[0].id as string;
  }

  const patch = (client: TestHttpClient, path: string, body: unknown) => client.request('PATCH', path, { body });

  // F1 ----------------------------------------------------------------------------------------------
  it('a coordinator cannot deactivate an admin through the organisation people route (admins only)', async () => {
    const city = await newOrganization();
    const admin = await person('admin', { organizationId: city });
    const coordinator = await person('coordinator');
    const r = await patch(coordinator.client, `/api/organizations/${city}/people/${admin.id}`, {
      status: 'deactivated',
      version: await version('account', admin.id),
    });
    expect(r.status).toBe(403); // HEAD: 200, the admin is deactivated and logged out
    expect((await admin.client.get('/api/auth/me')).status).toBe(200);
  });

  // F2 ----------------------------------------------------------------------------------------------
  it('a contact cannot undo an admin’s deactivation of a colleague', async () => {
    const city = await newOrganization();
    const admin = await person('admin');
    const contact = await person('member', { organizationId: city, isContact: true });
    const colleague = await person('member', { organizationId: city });
    const blocked = await patch(admin.client, `/api/accounts/${colleague.id}`, {
      status: 'deactivated',
      version: await version('account', colleague.id),
    });
    expect(blocked.status).toBe(200);
    const r = await patch(contact.client, `/api/organizations/${city}/people/${colleague.id}`, {
      status: 'active',
      version: await version('account', colleague.id),
    });
    expect(r.status).toBe(403); // HEAD: 200, the account the admin blocked is active again
  });

  it('a contact cannot deactivate a fellow contact the coordination named', async () => {
    const city = await newOrganization();
    const contact = await person('member', { organizationId: city, isContact: true });
    const other = await person('member', { organizationId: city, isContact: true });
    const r = await patch(contact.client, `/api/organizations/${city}/people/${other.id}`, {
      status: 'deactivated',
      version: await version('account', other.id),
    });
    expect(r.status).toBe(403); // HEAD: 200
  });

  // F3 ----------------------------------------------------------------------------------------------
  it('merging does not make the source’s contacts contacts of the target', async () => {
    const small = await newOrganization();
    const big = await newOrganization();
    const coordinator = await person('coordinator');
    const smallContact = await person('member', { organizationId: small, isContact: true });
    const merged = await coordinator.client.post(`/api/organizations/${small}/merge`, {
      version: await version('organization', small),
      targetId: big,
      reason: 'Eingemeindung',
    });
    expect(merged.status).toBe(200);
    const seen = (await smallContact.client.get(`/api/organizations/${big}`)).body;
    expect(seen.permissions.contribute).toBe(false); // HEAD: true, acts for (and sees private data of) the target
  });

  // F4 ----------------------------------------------------------------------------------------------
  it('a lead sending description: null gets 400, not 500', async () => {
    const city = await newOrganization();
    const group = await newGroup();
    const lead = await person('member', { organizationId: city });
    await pg.query(
      `INSERT INTO group_membership (group_id, account_id, role, status, joined_at) VALUES ($1, $2, 'lead', 'active', now())`,
      [group, lead.id],
    );
    const r = await patch(lead.client, `/api/groups/${group}`, { description: null, version: 1 });
    expect(r.status).toBe(400); // HEAD: 500 (NOT NULL violation)
  });

  // F5 ----------------------------------------------------------------------------------------------
  it('a double-submitted join request gives one request and no 5xx', async () => {
    const city = await newOrganization();
    const group = await newGroup();
    const member = await person('member', { organizationId: city });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => member.client.post(`/api/groups/${group}/join`, { message: 'Bitte' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]); // HEAD: some 500 (unique violation)
  });

  it('a double-submitted invitation of a new colleague gives no 5xx', async () => {
    const city = await newOrganization();
    const contact = await person('member', { organizationId: city, isContact: true });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        contact.client.post(`/api/organizations/${city}/people`, {
          email: `doppelt-${n}@example.org`,
          name: 'Doppelt',
        }),
      ),
    );
    expect(results.map((r) => r.status).filter((s) => s >= 500)).toEqual([]); // HEAD: 500s
  });

  // F6 ----------------------------------------------------------------------------------------------
  it('two leads demoting each other at once cannot leave the group without a lead', async () => {
    const city = await newOrganization();
    let zeroLeads = 0;
    for (let round = 0; round < 5; round++) {
      const group = await newGroup();
      const a = await person('member', { organizationId: city });
      const b = await person('member', { organizationId: city });
      for (const p of [a, b]) {
        await pg.query(
          `INSERT INTO group_membership (group_id, account_id, role, status, joined_at) VALUES ($1, $2, 'lead', 'active', now())`,
          [group, p.id],
        );
      }
      await Promise.all([
        patch(a.client, `/api/groups/${group}/members/${b.id}`, { role: 'member' }),
        patch(b.client, `/api/groups/${group}/members/${a.id}`, { role: 'member' }),
      ]);
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n FROM group_membership WHERE group_id = $1 AND role = 'lead'`,
        [group],
      );
      if (rows[0].n === 0) zeroLeads++;
    }
    expect(zeroLeads).toBe(0); // HEAD: usually > 0 (write skew: each checks the count of the other's uncommitted row)
  });

  it('the people CSV export contains everyone, not the first 2000', async () => {
    const city = await newOrganization();
    await pg.query(
      `INSERT INTO account (email, name, organization_id, role, status, version)
       SELECT 'masse-' || g || '@example.org', 'Masse ' || lpad(g::text, 5, '0'), $1, 'member', 'active', 1
         FROM generate_series(1, 2100) g`,
      [city],
    );
    const coordinator = await person('coordinator');
    const csv = await coordinator.client.get(`/api/people/export?organizationId=${city}`);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines.length - 1).toBe(2100); // HEAD: 2000, silently truncated (LIMIT 2000)
  });

  // F8 ----------------------------------------------------------------------------------------------
  it('a contact cannot resume a membership the coordination paused', async () => {
    const city = await newOrganization();
    const coordinator = await person('coordinator');
    const contact = await person('member', { organizationId: city, isContact: true });
    const paused = await coordinator.client.post(`/api/organizations/${city}/membership`, {
      version: await version('organization', city),
      status: 'paused',
      reason: 'Beitrag offen',
    });
    expect(paused.status).toBe(200);
    const resumed = await contact.client.post(`/api/organizations/${city}/membership`, {
      version: paused.body.version,
      status: 'active',
      reason: 'Wir machen weiter',
    });
    expect(resumed.status).toBe(403); // HEAD: 200 (policy question, see report)
  });
});
