import { readFileSync } from 'node:fs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@srp/contracts';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { MunicipalityImportService, parseMunicipalityCsv } from '@srp/server/organizations';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig, TestHttpClient } from '@srp/server/testing';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../src/app/create-api-app';

const PASSWORD = 'Wolken über der Saale 1912';
const CSV = readFileSync('data/reference/sachsen-anhalt-gemeinden.csv', 'utf8');
const HALLE = '15002000';
const MAGDEBURG = '15003000';

describe('organisations, membership and people', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let pg: Client;
  let n = 0;
  const orgs: Record<string, string> = {};

  /** A signed-in person; admins and coordinators with a verified second factor. */
  async function person(
    role: PlatformRole,
    options: { organizationId?: string; isContact?: boolean; showEmail?: boolean; phone?: string } = {},
  ) {
    const email = `p${++n}-${role}@example.org`;
    const account = await app
      .get(AccountsService)
      .create({ email, name: `Person ${n}`, password: PASSWORD, role, status: 'active' }, CLI_ORIGIN);
    await pg.query(
      `UPDATE account SET organization_id = $2, is_contact = $3, show_email = $4, phone = $5 WHERE id = $1`,
      [
        account.id,
        options.organizationId ?? null,
        options.isContact ?? false,
        options.showEmail ?? false,
        options.phone ?? null,
      ],
    );
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

  async function organization(id: string) {
    const { rows } = await pg.query(`SELECT * FROM organization WHERE id = $1`, [id]);
    return rows[0];
  }

  async function auditActions(subjectId: string): Promise<string[]> {
    const { rows } = await pg.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY occurred_at`, [
      subjectId,
    ]);
    return rows.map((r) => r.action);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url, PUBLIC_URL: 'http://portal.test' });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await app.get(MunicipalityImportService).import(parseMunicipalityCsv(CSV).records, CLI_ORIGIN, 'test');
    const { rows } = await pg.query(`SELECT id, ags FROM organization`);
    for (const r of rows) orgs[r.ags] = r.id;
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  describe('municipality import', () => {
    it('imports 218 municipalities once: a second run changes nothing and duplicates nothing', async () => {
      const report = await app
        .get(MunicipalityImportService)
        .import(parseMunicipalityCsv(CSV).records, CLI_ORIGIN, 'again');
      expect(report).toEqual({ created: 0, updated: 0, unchanged: 218, retired: 0, reactivated: 0 });
      const { rows } = await pg.query(
        `SELECT count(*)::int AS all, count(DISTINCT ags)::int AS keys, count(DISTINCT district_key)::int AS districts FROM organization`,
      );
      expect(rows[0]).toEqual({ all: 218, keys: 218, districts: 14 });
    });

    it('updates a renamed row, retires a key missing from a newer file and brings it back later', async () => {
      const service = app.get(MunicipalityImportService);
      const renamed = CSV.replace('15081045,Beetzendorf,', '15081045,"Beetzendorf-Neu, Flecken",').replace(
        /^15081095,Dähre,.*\n/m,
        '',
      );
      const first = await service.import(parseMunicipalityCsv(renamed).records, CLI_ORIGIN, 'renamed');
      expect(first).toMatchObject({ created: 0, updated: 1, retired: 1 });
      const beetzendorf = await organization(orgs['15081045']);
      expect(beetzendorf).toMatchObject({ official_name: 'Beetzendorf-Neu, Flecken', display_name: 'Beetzendorf-Neu' });
      expect(await organization(orgs['15081095'])).toMatchObject({ status: 'retired' });
      const back = await service.import(parseMunicipalityCsv(CSV).records, CLI_ORIGIN, 'original');
      expect(back).toMatchObject({ reactivated: 1, updated: 1, retired: 0 });
      expect(await organization(orgs['15081095'])).toMatchObject({ status: 'active', retired_at: null });
      const { rows } = await pg.query(`SELECT count(*)::int AS c FROM organization`);
      expect(rows[0].c).toBe(218);
    });

    it('keeps a display name a coordinator chose when the official name changes', async () => {
      const id = orgs['15081225'];
      await pg.query(`UPDATE organization SET display_name = 'Jübar (Altmark)' WHERE id = $1`, [id]);
      await app
        .get(MunicipalityImportService)
        .import(
          parseMunicipalityCsv(CSV.replace('15081225,Jübar,', '15081225,"Jübar, Flecken",')).records,
          CLI_ORIGIN,
          't',
        );
      expect(await organization(id)).toMatchObject({
        official_name: 'Jübar, Flecken',
        display_name: 'Jübar (Altmark)',
      });
    });
  });

  describe('reading organisations', () => {
    it('lists with search, district and membership filters; 401 signed out; 400 on a bad filter', async () => {
      const { client } = await person('member');
      const all = await client.get('/api/organizations?municipal=true');
      expect(all.status).toBe(200);
      expect(all.body.length).toBeGreaterThanOrEqual(217);
      const halle = await client.get('/api/organizations?query=halle%20(s');
      expect(halle.body.map((o: { ags: string }) => o.ags)).toEqual([HALLE]);
      const byKey = await client.get(`/api/organizations?query=15003`);
      expect(byKey.body.map((o: { ags: string }) => o.ags)).toEqual([MAGDEBURG]);
      const harz = await client.get('/api/organizations?district=15085');
      expect(harz.body.every((o: { districtName: string }) => o.districtName === 'Harz')).toBe(true);
      expect((await client.get('/api/organizations?district=abc')).status).toBe(400);
      expect((await client.get('/api/organizations?membership=wrong')).status).toBe(400);
      expect((await new TestHttpClient(url).get('/api/organizations')).status).toBe(401);
    });

    it('gives a detail page; an unknown or malformed id is 404', async () => {
      const { client } = await person('member');
      const detail = await client.get(`/api/organizations/${orgs[HALLE]}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        displayName: 'Halle (Saale)',
        officialName: 'Halle (Saale), Stadt',
        kind: 'city',
        districtKey: '15002',
        membershipStatus: 'none',
        permissions: { manage: false, contribute: false },
      });
      expect((await client.get('/api/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await client.get('/api/organizations/nope')).status).toBe(404);
    });

    it('counts the participating municipalities per district for the map', async () => {
      const { client } = await person('member');
      await pg.query(`UPDATE organization SET membership_status = 'active' WHERE ags IN ('15085040', '15085055')`);
      const districts = await client.get('/api/districts');
      expect(districts.status).toBe(200);
      expect(districts.body).toHaveLength(14);
      const harz = districts.body.find((d: { key: string }) => d.key === '15085');
      expect(harz).toMatchObject({ name: 'Harz', activeCount: 2 });
      expect(harz.municipalityCount).toBeGreaterThan(10);
      await pg.query(`UPDATE organization SET membership_status = 'none' WHERE ags IN ('15085040', '15085055')`);
    });
  });

  describe('coordinators manage organisations', () => {
    it('creates one (201, audited); a taken AGS is 409; bad input and extra fields are 400; members 403', async () => {
      const { client } = await person('coordinator');
      const created = await client.post('/api/organizations', {
        kind: 'agency',
        officialName: 'Agentur für Digitalisierung Sachsen-Anhalt',
        displayName: 'Digitalagentur',
        website: 'https://digital.example.org',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'agency', displayName: 'Digitalagentur', ags: null });
      expect(await auditActions(created.body.id)).toEqual(['organization.created']);
      const taken = await client.post('/api/organizations', { kind: 'city', officialName: 'Doppelt', ags: HALLE });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toContain('Gemeindeschlüssel');
      const bad = await client.post('/api/organizations', { kind: 'city', officialName: 'X', ags: '123' });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0]).toMatchObject({ field: 'ags' });
      expect((await client.post('/api/organizations', { kind: 'planet', officialName: 'X' })).status).toBe(400);
      expect((await client.post('/api/organizations', { kind: 'other' })).status).toBe(400);
      expect((await client.post('/api/organizations', { kind: 'other', officialName: '   ' })).status).toBe(400);
      expect(
        (await client.post('/api/organizations', { kind: 'city', officialName: 'X', membershipStatus: 'active' }))
          .status,
      ).toBe(400);
      const member = await person('member');
      expect((await member.client.post('/api/organizations', { kind: 'other', officialName: 'Y' })).status).toBe(403);
    });

    it('edits with the current version (audited before/after); a stale version is 409 and changes nothing', async () => {
      const { client } = await person('coordinator');
      const id = orgs['15089015'];
      const before = (await client.get(`/api/organizations/${id}`)).body;
      const changed = await client.request('PATCH', `/api/organizations/${id}`, {
        body: { population: 12345, website: 'https://www.example.org', version: before.version },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ population: 12345, version: before.version + 1 });
      const stale = await client.request('PATCH', `/api/organizations/${id}`, {
        body: { population: 1, version: before.version },
      });
      expect(stale.status).toBe(409);
      expect((await organization(id)).population).toBe(12345);
      const { rows } = await pg.query(
        `SELECT details FROM audit_event WHERE action = 'organization.updated' AND subject_id = $1`,
        [id],
      );
      expect(rows[0].details).toMatchObject({ before: { population: null }, after: { population: 12345 } });
      expect(
        (
          await client.request('PATCH', `/api/organizations/${id}`, {
            body: { website: 'javascript:alert(1)', version: 2 },
          })
        ).status,
      ).toBe(400);
    });

    it('retires and reactivates; retired ones leave the list', async () => {
      const { client } = await person('coordinator');
      const id = orgs['15089030'];
      const v = (await organization(id)).version;
      const retired = await client.post(`/api/organizations/${id}/retire`, { version: v, reason: 'Eingemeindet' });
      expect(retired.body).toMatchObject({ status: 'retired', retiredReason: 'Eingemeindet' });
      const list = await client.get('/api/organizations?municipal=true');
      expect(list.body.some((o: { id: string }) => o.id === id)).toBe(false);
      expect((await client.get('/api/organizations?status=retired')).body.map((o: { id: string }) => o.id)).toContain(
        id,
      );
      expect((await client.post(`/api/organizations/${id}/retire`, { version: v + 1, reason: 'x' })).status).toBe(409);
      const back = await client.post(`/api/organizations/${id}/reactivate`, { version: v + 1 });
      expect(back.body).toMatchObject({ status: 'active', retiredAt: null });
      expect(await auditActions(id)).toEqual(['organization.retired', 'organization.reactivated']);
    });

    it('merges: people move to the target, the target keeps the stronger membership, the source links to it', async () => {
      const { client } = await person('coordinator');
      const source = orgs['15089042'];
      const target = orgs['15089043'];
      await pg.query(`UPDATE organization SET membership_status = 'active' WHERE id = $1`, [source]);
      const colleague = await person('member', { organizationId: source });
      const merged = await client.post(`/api/organizations/${source}/merge`, {
        version: (await organization(source)).version,
        targetId: target,
        reason: 'Gemeindefusion zum 01.01.2027',
      });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ id: target, membershipStatus: 'active' });
      expect(merged.body.mergedFrom).toEqual([{ id: source, displayName: expect.any(String) }]);
      expect(merged.body.people.map((p: { id: string }) => p.id)).toContain(colleague.id);
      expect(await organization(source)).toMatchObject({ status: 'retired', merged_into_id: target });
      expect(merged.body.membershipHistory[0]).toMatchObject({ kind: 'merged', toStatus: 'active' });
      const self = await client.post(`/api/organizations/${target}/merge`, {
        version: merged.body.version,
        targetId: target,
        reason: 'x',
      });
      expect(self.status).toBe(400);
    });
  });

  describe('membership', () => {
    it('a contact requests, a coordinator approves with a message, the requester is e-mailed; history kept', async () => {
      const id = orgs['15084013'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const coordinator = await person('coordinator');
      const detail = (await contact.client.get(`/api/organizations/${id}`)).body;
      expect(detail.permissions).toEqual({ manage: false, contribute: true });
      const requested = await contact.client.post(`/api/organizations/${id}/membership/request`, {
        version: detail.version,
        reason: 'Wir möchten beim Digitalen Zwilling mitarbeiten.',
      });
      expect(requested.status).toBe(200);
      expect(requested.body.membershipStatus).toBe('requested');
      const again = await contact.client.post(`/api/organizations/${id}/membership/request`, {
        version: requested.body.version,
        reason: 'Nochmal',
      });
      expect(again.status).toBe(409);
      const stale = await coordinator.client.post(`/api/organizations/${id}/membership/decision`, {
        version: detail.version,
        decision: 'approve',
      });
      expect(stale.status).toBe(409);
      const byContact = await contact.client.post(`/api/organizations/${id}/membership/decision`, {
        version: requested.body.version,
        decision: 'approve',
      });
      expect(byContact.status).toBe(403);
      const approved = await coordinator.client.post(`/api/organizations/${id}/membership/decision`, {
        version: requested.body.version,
        decision: 'approve',
        message: 'Herzlich willkommen!',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.membershipStatus).toBe('active');
      expect(approved.body.membershipHistory.map((e: { kind: string }) => e.kind)).toEqual(['approved', 'requested']);
      expect(approved.body.membershipHistory[1]).toMatchObject({
        fromStatus: 'none',
        toStatus: 'requested',
        reason: 'Wir möchten beim Digitalen Zwilling mitarbeiten.',
        effectiveOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      // The requester hears of it through a reminder row written in the same transaction.
      const { rows } = await pg.query(
        `SELECT kind, subject_id, payload FROM reminder WHERE account_id = $1 AND kind = 'membership_decided'`,
        [contact.id],
      );
      expect(rows).toEqual([
        {
          kind: 'membership_decided',
          subject_id: id,
          payload: { approved: true, message: 'Herzlich willkommen!', actorId: coordinator.id },
        },
      ]);
      expect(await auditActions(id)).toEqual(['membership.requested', 'membership.approved']);
    });

    it('a decline needs a message and returns to the previous status', async () => {
      const id = orgs['15084025'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const coordinator = await person('coordinator');
      await pg.query(`UPDATE organization SET membership_status = 'interested' WHERE id = $1`, [id]);
      const v = (await organization(id)).version;
      const requested = await contact.client.post(`/api/organizations/${id}/membership/request`, {
        version: v,
        reason: 'Bitte aufnehmen',
      });
      const noMessage = await coordinator.client.post(`/api/organizations/${id}/membership/decision`, {
        version: requested.body.version,
        decision: 'decline',
      });
      expect(noMessage.status).toBe(400);
      expect(noMessage.body.details[0]).toMatchObject({ field: 'message' });
      const declined = await coordinator.client.post(`/api/organizations/${id}/membership/decision`, {
        version: requested.body.version,
        decision: 'decline',
        message: 'Bitte erst den Ratsbeschluss nachreichen.',
      });
      expect(declined.body.membershipStatus).toBe('interested');
      const { rows } = await pg.query(
        `SELECT payload FROM reminder WHERE account_id = $1 AND kind = 'membership_decided'`,
        [contact.id],
      );
      expect(rows[0].payload).toMatchObject({ approved: false, message: 'Bitte erst den Ratsbeschluss nachreichen.' });
    });

    it('contacts pause, resume and end their own membership but cannot activate it; coordinators can', async () => {
      const id = orgs['15084115'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const coordinator = await person('coordinator');
      let v = (await organization(id)).version;
      const activate = await contact.client.post(`/api/organizations/${id}/membership`, {
        version: v,
        status: 'active',
        reason: 'Selbst aktiviert',
      });
      expect(activate.status).toBe(403);
      const byCoordinator = await coordinator.client.post(`/api/organizations/${id}/membership`, {
        version: v,
        status: 'active',
        reason: 'Ratsbeschluss vom 12.11.2026',
        effectiveOn: '2026-12-01',
      });
      expect(byCoordinator.status, JSON.stringify(byCoordinator.body)).toBe(200);
      expect(byCoordinator.body).toMatchObject({ membershipStatus: 'active' });
      expect(byCoordinator.body.membershipHistory[0]).toMatchObject({ effectiveOn: '2026-12-01' });
      v = byCoordinator.body.version;
      const paused = await contact.client.post(`/api/organizations/${id}/membership`, {
        version: v,
        status: 'paused',
        reason: 'Haushaltssperre',
      });
      expect(paused.body.membershipStatus).toBe('paused');
      const bogus = await contact.client.post(`/api/organizations/${id}/membership`, {
        version: paused.body.version,
        status: 'requested',
        reason: 'x',
      });
      expect(bogus.status).toBe(409);
      const badDate = await contact.client.post(`/api/organizations/${id}/membership`, {
        version: paused.body.version,
        status: 'active',
        reason: 'x',
        effectiveOn: '01.12.2026',
      });
      expect(badDate.status).toBe(400);
      const implausible = await contact.client.post(`/api/organizations/${id}/membership`, {
        version: paused.body.version,
        status: 'ended',
        reason: 'x',
        effectiveOn: '1900-01-01',
      });
      expect(implausible.status).toBe(400);
      expect(implausible.body.details[0]).toMatchObject({ field: 'effectiveOn' });
    });
  });

  describe('cross-organisation isolation: a contact of Halle and Magdeburg’s private side', () => {
    it('cannot see or change anything private of Magdeburg', async () => {
      const halle = orgs[HALLE];
      const magdeburg = orgs[MAGDEBURG];
      const halleContact = await person('member', { organizationId: halle, isContact: true });
      const mdContact = await person('member', { organizationId: magdeburg, isContact: true, phone: '0391 540-0' });
      const sharing = await person('member', { organizationId: magdeburg, showEmail: true });
      await mdContact.client.post(`/api/organizations/${magdeburg}/people`, {
        email: 'neu.magdeburg@example.org',
        name: 'Neu Magdeburg',
      });
      const v = (await organization(magdeburg)).version;
      await mdContact.client.post(`/api/organizations/${magdeburg}/membership/request`, {
        version: v,
        reason: 'Vertraulicher Grund aus Magdeburg',
      });

      const seen = (await halleContact.client.get(`/api/organizations/${magdeburg}`)).body;
      expect(seen.permissions).toEqual({ manage: false, contribute: false });
      expect(seen.membershipHistory[0]).toMatchObject({ kind: 'requested', reason: null, message: null });
      expect(seen.people.map((p: { status: string }) => p.status)).not.toContain('invited');
      const contactSeen = seen.people.find((p: { id: string }) => p.id === mdContact.id);
      expect(contactSeen).toMatchObject({ email: null, phone: null, isContact: true });
      expect(seen.people.find((p: { id: string }) => p.id === sharing.id).email).toBe(sharing.email);
      const directory = (await halleContact.client.get(`/api/people?organizationId=${magdeburg}`)).body;
      expect(directory.some((p: { email: string | null }) => p.email === 'neu.magdeburg@example.org')).toBe(false);
      const csv = await halleContact.client.get('/api/people/export');
      expect(csv.body).not.toContain('neu.magdeburg@example.org');
      expect(csv.body).not.toContain(mdContact.email);

      const attempts = [
        halleContact.client.post(`/api/organizations/${magdeburg}/people`, { email: 'x@example.org', name: 'X' }),
        halleContact.client.request('PATCH', `/api/organizations/${magdeburg}/people/${sharing.id}`, {
          body: { status: 'deactivated', version: 1 },
        }),
        halleContact.client.post(`/api/organizations/${magdeburg}/membership`, {
          version: v + 1,
          status: 'ended',
          reason: 'Sabotage',
        }),
        halleContact.client.request('PATCH', `/api/organizations/${halle}/people/${sharing.id}`, {
          body: { status: 'deactivated', version: 1 },
        }),
      ];
      expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([403, 403, 403, 404]);
      expect(await organization(magdeburg)).toMatchObject({ membership_status: 'requested' });
      const { rows } = await pg.query(`SELECT status FROM account WHERE id = $1`, [sharing.id]);
      expect(rows[0].status).toBe('active');
      // Magdeburg's own contact sees its private side.
      const own = (await mdContact.client.get(`/api/organizations/${magdeburg}`)).body;
      expect(own.membershipHistory[0].reason).toBe('Vertraulicher Grund aus Magdeburg');
      expect(own.people.map((p: { status: string }) => p.status)).toContain('invited');
    });
  });

  describe('people of an organisation', () => {
    it('a contact invites a colleague (e-mail sent, account in the organisation) but cannot name contacts', async () => {
      const id = orgs['15086015'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const invited = await contact.client.post(`/api/organizations/${id}/people`, {
        email: 'Kollegin@Example.org',
        name: 'Kollegin Muster',
        functionTitle: 'Sachgebiet Digitalisierung',
      });
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({
        email: 'kollegin@example.org',
        organizationId: id,
        status: 'invited',
        functionTitle: 'Sachgebiet Digitalisierung',
        isContact: false,
      });
      const { rows } = await pg.query(`SELECT template FROM mail_outbox WHERE recipient = 'kollegin@example.org'`);
      expect(rows.map((r) => r.template)).toEqual(['invitation']);
      const asContact = await contact.client.post(`/api/organizations/${id}/people`, {
        email: 'chef@example.org',
        name: 'Chef',
        isContact: true,
      });
      expect(asContact.status).toBe(403);
      const existing = await contact.client.post(`/api/organizations/${id}/people`, {
        email: contact.email,
        name: 'Doppelt',
      });
      expect(existing.status).toBe(409);
      expect(
        (await contact.client.post(`/api/organizations/${id}/people`, { email: 'kein-mail', name: 'X' })).status,
      ).toBe(400);
      expect(
        (
          await contact.client.post(`/api/organizations/${id}/people`, {
            email: 'a@example.org',
            name: 'A',
            role: 'admin',
          })
        ).status,
      ).toBe(400);
    });

    it('a contact deactivates a colleague (sessions end) and reactivates; not themselves; stale version 409', async () => {
      const id = orgs['15086035'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const colleague = await person('member', { organizationId: id });
      const v = (await pg.query(`SELECT version FROM account WHERE id = $1`, [colleague.id])).rows[0].version;
      const off = await contact.client.request('PATCH', `/api/organizations/${id}/people/${colleague.id}`, {
        body: { status: 'deactivated', version: v },
      });
      expect(off.status).toBe(200);
      expect(off.body.status).toBe('deactivated');
      expect((await colleague.client.get('/api/auth/me')).status).toBe(401);
      const stale = await contact.client.request('PATCH', `/api/organizations/${id}/people/${colleague.id}`, {
        body: { status: 'active', version: v },
      });
      expect(stale.status).toBe(409);
      const on = await contact.client.request('PATCH', `/api/organizations/${id}/people/${colleague.id}`, {
        body: { status: 'active', version: off.body.version },
      });
      expect(on.body.status).toBe('active');
      const selfV = (await pg.query(`SELECT version FROM account WHERE id = $1`, [contact.id])).rows[0].version;
      const self = await contact.client.request('PATCH', `/api/organizations/${id}/people/${contact.id}`, {
        body: { status: 'deactivated', version: selfV },
      });
      expect(self.status).toBe(409);
      const nameContact = await contact.client.request('PATCH', `/api/organizations/${id}/people/${colleague.id}`, {
        body: { isContact: true, version: on.body.version },
      });
      expect(nameContact.status).toBe(403);
      const coordinator = await person('coordinator');
      const named = await coordinator.client.request('PATCH', `/api/organizations/${id}/people/${colleague.id}`, {
        body: { isContact: true, version: on.body.version },
      });
      expect(named.body.isContact).toBe(true);
      expect((await auditActions(colleague.id)).filter((a) => a === 'person.updated')).toHaveLength(3);
    });

    it('imports people from CSV: a dry run reports per row and invites nobody, the import invites', async () => {
      const id = orgs['15088020'];
      const contact = await person('member', { organizationId: id, isContact: true });
      const elsewhere = await person('member', { organizationId: orgs['15088025'] });
      const csv = [
        'Name;E-Mail;Funktion;Telefon',
        'Anna Import;anna.import@example.org;Bauamt;0391 1234',
        `Selbst;${contact.email};;`,
        `Fremd;${elsewhere.email};;`,
        ';kaputt;;',
        '=HACK();formel@example.org;;',
      ].join('\r\n');
      const dry = await contact.client.post(`/api/organizations/${id}/people/import`, { csv, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.invited).toBe(0);
      expect(dry.body.rows.map((r: { line: number; outcome: string }) => [r.line, r.outcome])).toEqual([
        [2, 'invite'],
        [3, 'skip'],
        [4, 'error'],
        [5, 'error'],
        [6, 'invite'],
      ]);
      expect((await pg.query(`SELECT 1 FROM account WHERE email = 'anna.import@example.org'`)).rowCount).toBe(0);
      const real = await contact.client.post(`/api/organizations/${id}/people/import`, { csv, dryRun: false });
      expect(real.body.invited).toBe(2);
      const { rows } = await pg.query(
        `SELECT a.status, a.organization_id, a.function_title, a.phone, m.template
           FROM account a JOIN mail_outbox m ON m.recipient = a.email WHERE a.email = 'anna.import@example.org'`,
      );
      expect(rows).toEqual([
        {
          status: 'invited',
          organization_id: id,
          function_title: 'Bauamt',
          phone: '0391 1234',
          template: 'invitation',
        },
      ]);
      const again = await contact.client.post(`/api/organizations/${id}/people/import`, { csv, dryRun: true });
      expect(again.body.rows[0].outcome).toBe('renew');
      const badHeader = await contact.client.post(`/api/organizations/${id}/people/import`, {
        csv: 'Vorname;Nachname\nA;B',
        dryRun: true,
      });
      expect(badHeader.status).toBe(400);
      expect(badHeader.body.details[0]).toMatchObject({ field: 'csv' });
      const foreign = await contact.client.post(`/api/organizations/${orgs['15088025']}/people/import`, {
        csv,
        dryRun: true,
      });
      expect(foreign.status).toBe(403);
      expect(await auditActions(id)).toContain('people.imported');
      // A full list of 450 people with long functions (about 104 kB) is read; a larger body is a 413.
      const long = ['Name;E-Mail;Funktion']
        .concat(
          Array.from(
            { length: 450 },
            (_, i) => `Person ${i};person${i}@liste.example.org;${'Fachbereich '.repeat(16)}`,
          ),
        )
        .join('\n');
      expect(long.length).toBeGreaterThan(102_400); // more than Express's default of 100 KiB
      const big = await contact.client.post(`/api/organizations/${id}/people/import`, { csv: long, dryRun: true });
      expect(big.status).toBe(200);
      expect(big.body.rows).toHaveLength(450);
      const tooBig = await contact.client.post(`/api/organizations/${id}/people/import`, {
        csv: 'x'.repeat(700_000),
        dryRun: true,
      });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('the directory shows only what people share; the CSV export does the same', async () => {
      const id = orgs['15087010'];
      const shy = await person('member', { organizationId: id, phone: '0345 111' });
      const open = await person('member', { organizationId: id, showEmail: true });
      const other = await person('member');
      const list = (await other.client.get(`/api/people?organizationId=${id}`)).body;
      expect(list.find((p: { id: string }) => p.id === shy.id)).toMatchObject({ email: null, phone: null });
      expect(list.find((p: { id: string }) => p.id === open.id)).toMatchObject({ email: open.email });
      const csv = await other.client.get(`/api/people/export?organizationId=${id}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      // fetch() drops the byte-order mark while decoding; the header row follows it.
      expect(csv.body.startsWith('Name;Organisation;Funktion;E-Mail;Telefon;Ansprechperson;Status')).toBe(true);
      expect(csv.body).toContain(open.email);
      expect(csv.body).not.toContain(shy.email);
      expect(csv.body).not.toContain('0345 111');
      const me = (await shy.client.get(`/api/people?organizationId=${id}`)).body;
      expect(me.find((p: { id: string }) => p.id === shy.id)).toMatchObject({ email: shy.email, phone: '0345 111' });
    });
  });
});
