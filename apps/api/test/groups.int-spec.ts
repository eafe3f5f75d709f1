import { NestExpressApplication } from '@nestjs/platform-express';
import { MembershipStatus, MUNICIPAL_KINDS, OrganizationKind, PlatformRole } from '@srp/contracts';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  RunningProcess,
  SmtpCatcher,
  startBuiltApp,
  TestDatabase,
  testConfig,
  TestHttpClient,
  waitFor,
} from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

const PASSWORD = 'Wolken über der Saale 1912';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NOT_TAKING_PART =
  'Nur Personen aus Kommunen mit aktiver Mitgliedschaft (oder aus Partnerorganisationen) arbeiten in Arbeitsgruppen mit.';
const SEEDED_UAGS = [
  'Bürger-Apps',
  'Daten als Ressource / Kommunale Daten & Sensorik',
  'Digitaler Zwilling',
  'Digitalisierung kommunaler Bekanntmachungen',
  'Stadtentwicklungskonzepte im digitalen Wandel',
  'UAG 6',
];

interface Organization {
  id: string;
  displayName: string;
  districtName: string | null;
}

interface Person {
  id: string;
  email: string;
  name: string;
  /** Signed in (anonymous for deactivated people). */
  client: TestHttpClient;
}

interface Group {
  id: string;
  name: string;
  number: number | null;
}

// Tests read arbitrary JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Working groups: list and page, creating and editing (coordinators, leads), join requests and
 * decisions (with the e-mail), adding, removing and roles, and the organisations × groups coverage.
 * The seeded UAG 6 belongs to the read tests; every other test builds its own organisations,
 * people and groups, so the tests do not depend on each other.
 */
describe('working groups, memberships and coverage', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let config: AppConfig;
  let app: NestExpressApplication;
  let worker: RunningProcess;
  let url: string;
  let pg: Client;
  let n = 0;
  const uag: Record<number, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpCatcher().start();
    config = testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, PUBLIC_URL: 'https://portal.example.org' });
    // Exactly one api app per file (Passport keeps one strategy registry per process).
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    worker = await startBuiltApp('worker', config, 'worker started');
    const { rows } = await pg.query(`SELECT id, number FROM working_group WHERE number IS NOT NULL`);
    for (const row of rows) uag[row.number as number] = row.id as string;
  });

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await pg?.end();
    await smtp?.stop();
    if (config) await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  // ---------------------------------------------------------------------------------------------
  // Factories
  // ---------------------------------------------------------------------------------------------

  /** An organisation (a city with an active membership unless told otherwise). */
  async function newOrganization(
    options: {
      kind?: OrganizationKind;
      membershipStatus?: MembershipStatus;
      status?: 'active' | 'retired';
      name?: string;
    } = {},
  ): Promise<Organization> {
    const kind = options.kind ?? 'city';
    const status = options.status ?? 'active';
    const displayName = options.name ?? `Gruppentest-${kind}-${++n}`;
    const districtName = MUNICIPAL_KINDS.includes(kind) ? 'Burgenlandkreis' : null;
    const { rows } = await pg.query(
      `INSERT INTO organization (kind, official_name, display_name, district_key, district_name, status, retired_at,
                                 membership_status, membership_changed_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), 1) RETURNING id`,
      [
        kind,
        `${displayName}, Stadt`,
        displayName,
        districtName ? '15084' : null,
        districtName,
        status,
        status === 'retired' ? new Date() : null,
        options.membershipStatus ?? 'active',
      ],
    );
    return { id: rows[0].id as string, displayName, districtName };
  }

  /** A person of this role, signed in; admins and coordinators with a verified second factor. */
  async function newPerson(
    role: PlatformRole = 'member',
    options: {
      organizationId?: string | null;
      isContact?: boolean;
      status?: 'active' | 'deactivated';
      name?: string;
      secondFactor?: boolean;
    } = {},
  ): Promise<Person> {
    const status = options.status ?? 'active';
    const email = `gruppentests-${role}${++n}@example.org`;
    const name = options.name ?? `Person ${String(n).padStart(3, '0')}`;
    const account = await app
      .get(AccountsService)
      .create({ email, name, password: PASSWORD, role, status }, CLI_ORIGIN);
    await pg.query(`UPDATE account SET organization_id = $2, is_contact = $3 WHERE id = $1`, [
      account.id,
      options.organizationId ?? null,
      options.isContact ?? false,
    ]);
    const client = new TestHttpClient(url);
    await client.get('/api/auth/me');
    if (status !== 'active') return { id: account.id, email, name, client };
    let secret: string | undefined;
    if (role !== 'member' && options.secondFactor !== false) {
      const totp = app.get(TotpService);
      secret = (await totp.startSetup(account.id)).secret;
      await totp.enable(account.id, new TOTP({ secret: Secret.fromBase32(secret) }).generate(), CLI_ORIGIN);
    }
    expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    if (secret) {
      const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });
      expect((await client.post('/api/auth/second-factor/verify', { code })).status).toBe(204);
    }
    return { id: account.id, email, name, client };
  }

  /** A group of this test's own (no number unless told, active unless told). */
  async function newGroup(options: { status?: 'active' | 'archived'; number?: number | null } = {}): Promise<Group> {
    const name = `Gruppentest-Gruppe ${++n}`;
    const number = options.number ?? null;
    const { rows } = await pg.query(
      `INSERT INTO working_group (kind, number, name, short_name, status, version)
       VALUES ('other', $1, $2, $3, $4, 1) RETURNING id`,
      [number, name, `Gruppe ${n}`, options.status ?? 'active'],
    );
    return { id: rows[0].id as string, name, number };
  }

  /** Puts a person into a group directly (as lead or member, active or with a pending request). */
  async function putIn(
    groupId: string,
    person: Person,
    role: 'lead' | 'member' = 'member',
    status: 'active' | 'requested' = 'active',
    message: string | null = null,
  ): Promise<void> {
    await pg.query(
      `INSERT INTO group_membership (group_id, account_id, role, status, request_message, requested_at, joined_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        groupId,
        person.id,
        role,
        status,
        message,
        status === 'requested' ? new Date() : null,
        status === 'active' ? new Date() : null,
      ],
    );
  }

  async function membership(groupId: string, person: Person): Promise<{ role: string; status: string } | undefined> {
    const { rows } = await pg.query(
      `SELECT role, status FROM group_membership WHERE group_id = $1 AND account_id = $2`,
      [groupId, person.id],
    );
    return rows[0];
  }

  /** The audit rows of one action on one group, oldest first. */
  async function audit(action: string, groupId: string): Promise<Array<{ actor_id: string; details: Json }>> {
    const { rows } = await pg.query(
      `SELECT actor_id, details FROM audit_event
        WHERE action = $1 AND subject_type = 'group' AND subject_id = $2 ORDER BY occurred_at`,
      [action, groupId],
    );
    return rows;
  }

  async function groupAuditCount(groupId: string): Promise<number> {
    const { rows } = await pg.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_type = 'group' AND subject_id = $1`,
      [groupId],
    );
    return rows[0].n as number;
  }

  async function groupRow(id: string): Promise<Json> {
    const { rows } = await pg.query(`SELECT * FROM working_group WHERE id = $1`, [id]);
    return rows[0];
  }

  const patch = (client: TestHttpClient, path: string, body: unknown) => client.request('PATCH', path, { body });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/groups and GET /api/groups/:id', () => {
    let city: Organization;
    let agency: Organization;
    let lead: Person;
    let member: Person;
    let partner: Person;
    let asking: Person;
    let gone: Person;

    beforeAll(async () => {
      city = await newOrganization({ name: 'Gruppentest-Cottbus' });
      agency = await newOrganization({ kind: 'agency', membershipStatus: 'none', name: 'Gruppentest-Agentur' });
      lead = await newPerson('member', { organizationId: city.id, name: 'Anna Sprecherin' });
      member = await newPerson('member', { organizationId: city.id, name: 'Bernd Mitglied' });
      partner = await newPerson('member', { organizationId: agency.id, name: 'Carla Partnerin' });
      asking = await newPerson('member', { organizationId: city.id, name: 'Dora Anfrage' });
      gone = await newPerson('member', { organizationId: city.id, name: 'Emil Ehemalig', status: 'deactivated' });
      await putIn(uag[6], lead, 'lead');
      await putIn(uag[6], member);
      await putIn(uag[6], partner);
      await putIn(uag[6], asking, 'member', 'requested', 'Bitte nehmen Sie mich auf.');
      await putIn(uag[6], gone);
    });

    it('lists the six UAGs in order 1..6 (active first, by number) with counts and my role', async () => {
      const unnumbered = await newGroup();
      const archived = await newGroup({ status: 'archived', number: 990 });
      const list = await member.client.get('/api/groups');
      expect(list.status).toBe(200);
      const groups: Json[] = list.body;
      expect(groups.slice(0, 6).map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(groups.slice(0, 6).map((g) => g.name)).toEqual(SEEDED_UAGS);
      expect(groups.slice(0, 6).every((g) => g.kind === 'uag' && g.status === 'active')).toBe(true);
      // Active before archived; numbered before unnumbered.
      const rank = (g: Json) => (g.status === 'active' ? 0 : 10_000) + (g.number ?? 9_999);
      const ranks = groups.map(rank);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      const index = (id: string) => groups.findIndex((g) => g.id === id);
      expect(index(unnumbered.id)).toBeGreaterThan(index(uag[6]));
      expect(index(archived.id)).toBeGreaterThan(index(unnumbered.id));

      const six = groups.find((g) => g.id === uag[6]);
      // Lead + member + partner; not the pending request, not the deactivated person.
      expect(six).toMatchObject({
        number: 6,
        shortName: 'UAG 6',
        phase: 'Phase 2 (2024/25)',
        memberCount: 3,
        organizationCount: 2,
        myRole: 'member',
        myStatus: 'active',
        version: 1,
      });
      expect(groups.find((g) => g.id === uag[1])).toMatchObject({ myRole: null, myStatus: null });

      const asLead = (await lead.client.get('/api/groups')).body.find((g: Json) => g.id === uag[6]);
      expect(asLead).toMatchObject({ myRole: 'lead', myStatus: 'active' });
      const asAsking = (await asking.client.get('/api/groups')).body.find((g: Json) => g.id === uag[6]);
      expect(asAsking).toMatchObject({ myRole: 'member', myStatus: 'requested', memberCount: 3 });
    });

    it('shows a group page: members (leads first), organisations, permissions; requests only to leads', async () => {
      const page = await member.client.get(`/api/groups/${uag[6]}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ id: uag[6], number: 6, memberCount: 3, organizationCount: 2 });
      expect(page.body.descriptionHtml).toBe(
        '<p>Das Thema dieser Unterarbeitsgruppe legt die Koordination fest.</p>\n',
      );
      expect(page.body.members.map((m: Json) => [m.name, m.role])).toEqual([
        ['Anna Sprecherin', 'lead'],
        ['Bernd Mitglied', 'member'],
        ['Carla Partnerin', 'member'],
      ]);
      expect(page.body.members[0]).toMatchObject({
        personId: lead.id,
        organizationId: city.id,
        organizationName: city.displayName,
        status: 'active',
        joinedAt: expect.any(String),
      });
      expect(page.body.organizations).toEqual([
        { id: agency.id, displayName: agency.displayName, districtName: null, memberCount: 1 },
        { id: city.id, displayName: city.displayName, districtName: 'Burgenlandkreis', memberCount: 2 },
      ]);
      expect(page.body.requests).toEqual([]);
      expect(page.body.permissions).toEqual({ edit: false, manageMembers: false, join: false, leave: true });

      const asLead = await lead.client.get(`/api/groups/${uag[6]}`);
      expect(asLead.body.permissions).toEqual({ edit: true, manageMembers: true, join: false, leave: true });
      expect(asLead.body.requests).toEqual([
        expect.objectContaining({
          personId: asking.id,
          status: 'requested',
          requestMessage: 'Bitte nehmen Sie mich auf.',
          requestedAt: expect.any(String),
        }),
      ]);

      // Someone of an active municipality who is not in it may join; a non-member municipality's may not.
      const outsider = await newPerson('member', { organizationId: city.id });
      expect((await outsider.client.get(`/api/groups/${uag[6]}`)).body.permissions).toEqual({
        edit: false,
        manageMembers: false,
        join: true,
        leave: false,
      });
      const notMember = await newOrganization({ membershipStatus: 'none' });
      const stranger = await newPerson('member', { organizationId: notMember.id });
      expect((await stranger.client.get(`/api/groups/${uag[6]}`)).body.permissions.join).toBe(false);
    });

    it('404 for an unknown or malformed id, 401 signed out', async () => {
      const unknown = await member.client.get(`/api/groups/${UNKNOWN_ID}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
      expect((await member.client.get('/api/groups/nope')).status).toBe(404);
      expect((await member.client.get('/api/groups/123')).status).toBe(404);

      const anonymous = new TestHttpClient(url);
      await anonymous.get('/api/auth/me');
      for (const path of ['/api/groups', `/api/groups/${uag[6]}`, '/api/coverage', '/api/coverage/export']) {
        expect((await anonymous.get(path)).status, path).toBe(401);
      }
      expect((await anonymous.post(`/api/groups/${uag[6]}/join`, {})).status).toBe(401);
      expect((await anonymous.post('/api/groups', { name: 'X', shortName: 'X' })).status).toBe(401);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('POST /api/groups', () => {
    it('a coordinator creates a group (201) and the change is audited', async () => {
      const coordinator = await newPerson('coordinator');
      const created = await coordinator.client.post('/api/groups', {
        name: '  Pilotprojekt Parkraumsensorik ',
        shortName: 'Parksensorik',
        number: 107,
        kind: 'pilot_project',
        description: '**Sensoren** in Parkhäusern',
        phase: 'Phase 3 (2026/27)',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Pilotprojekt Parkraumsensorik',
        shortName: 'Parksensorik',
        number: 107,
        kind: 'pilot_project',
        status: 'active',
        phase: 'Phase 3 (2026/27)',
        memberCount: 0,
        members: [],
        version: 1,
        permissions: { edit: true, manageMembers: true },
      });
      expect(created.body.descriptionHtml).toContain('<strong>Sensoren</strong>');
      expect(await groupRow(created.body.id)).toMatchObject({ name: 'Pilotprojekt Parkraumsensorik', number: 107 });
      const rows = await audit('group.created', created.body.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBe(coordinator.id);
      expect(rows[0].details.after).toMatchObject({ shortName: 'Parksensorik', number: 107 });
    });

    it('403 for members and for coordinators without a second factor', async () => {
      const member = await newPerson('member');
      const refused = await member.client.post('/api/groups', { name: 'Gruppentest Verboten', shortName: 'Verboten' });
      expect(refused.status).toBe(403);
      const noTotp = await newPerson('coordinator', { secondFactor: false });
      const setup = await noTotp.client.post('/api/groups', { name: 'Gruppentest Verboten', shortName: 'Verboten' });
      expect(setup.status).toBe(403);
      expect(setup.body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
      const { rows } = await pg.query(`SELECT 1 FROM working_group WHERE name = 'Gruppentest Verboten'`);
      expect(rows).toHaveLength(0);
    });

    it('400 (not 500) when the required name or short name is missing', async () => {
      const coordinator = await newPerson('coordinator');
      const failures: string[] = [];
      for (const body of [{ shortName: 'Ohne Name' }, { name: 'Ohne Kurzname' }, {}]) {
        const response = await coordinator.client.post('/api/groups', body);
        if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED') {
          failures.push(`${JSON.stringify(body)}: ${response.status} ${response.body.code}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('400 for invalid fields and for mass assignment (id, version, …)', async () => {
      const coordinator = await newPerson('coordinator');
      const bodies: Array<Record<string, unknown>> = [
        { name: '', shortName: 'Leer' },
        { name: 'Gruppentest Extra', shortName: '' },
        { name: 'Gruppentest Extra', shortName: 'Extra', version: 5 },
        { name: 'Gruppentest Extra', shortName: 'Extra', id: UNKNOWN_ID },
        { name: 'Gruppentest Extra', shortName: 'Extra', memberCount: 99 },
        { name: 'Gruppentest Extra', shortName: 'Extra', number: 0 },
        { name: 'Gruppentest Extra', shortName: 'Extra', kind: 'king' },
        { name: 'Gruppentest Extra', shortName: 'Extra', status: 'deleted' },
        { name: 'x'.repeat(201), shortName: 'Extra' },
      ];
      const failures: string[] = [];
      for (const body of bodies) {
        const response = await coordinator.client.post('/api/groups', body);
        if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED') {
          failures.push(`${JSON.stringify(body)}: ${response.status} ${response.body.code}`);
        }
      }
      expect(failures).toEqual([]);
      const { rows } = await pg.query(
        `SELECT 1 FROM working_group WHERE short_name IN ('Extra', 'Leer') OR name = 'Gruppentest Extra'`,
      );
      expect(rows).toHaveLength(0);
    });

    it('400 for a name or short name of only spaces (no nameless group is stored)', async () => {
      const coordinator = await newPerson('coordinator');
      const blankName = await coordinator.client.post('/api/groups', { name: '   ', shortName: 'Gruppentest Leer' });
      const blankShort = await coordinator.client.post('/api/groups', { name: 'Gruppentest Leer', shortName: '   ' });
      const { rows } = await pg.query(
        `SELECT name, short_name FROM working_group WHERE short_name = 'Gruppentest Leer' OR name = 'Gruppentest Leer'`,
      );
      expect(rows).toEqual([]);
      expect(blankName.status).toBe(400);
      expect(blankShort.status).toBe(400);
    });

    it('409 for a number that is taken, and nothing is stored', async () => {
      const coordinator = await newPerson('coordinator');
      const before = (await pg.query(`SELECT count(*)::int AS n FROM working_group`)).rows[0].n;
      const taken = await coordinator.client.post('/api/groups', {
        name: 'Zweite UAG 1',
        shortName: 'Doppelt',
        number: 1,
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({
        code: 'CONFLICT',
        message: 'Eine Arbeitsgruppe mit dieser Nummer gibt es bereits.',
      });
      expect((await pg.query(`SELECT count(*)::int AS n FROM working_group`)).rows[0].n).toBe(before);
      const { rows } = await pg.query(
        `SELECT 1 FROM audit_event WHERE action = 'group.created' AND details->'after'->>'name' = 'Zweite UAG 1'`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('PATCH /api/groups/:id', () => {
    it('a coordinator renames a group (200) with before/after in the audit log', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const renamed = await patch(coordinator.client, `/api/groups/${group.id}`, {
        name: 'Gruppentest Neuer Name',
        version: 1,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Gruppentest Neuer Name', version: 2 });
      expect(await groupRow(group.id)).toMatchObject({ name: 'Gruppentest Neuer Name', version: 2 });
      const rows = await audit('group.updated', group.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBe(coordinator.id);
      expect(rows[0].details).toEqual({ before: { name: group.name }, after: { name: 'Gruppentest Neuer Name' } });
    });

    it('a coordinator may archive a group and change its number; a taken number is 409', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const taken = await patch(coordinator.client, `/api/groups/${group.id}`, { number: 2, version: 1 });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('Eine Arbeitsgruppe mit dieser Nummer gibt es bereits.');
      const archived = await patch(coordinator.client, `/api/groups/${group.id}`, { status: 'archived', version: 1 });
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ status: 'archived', number: null, version: 2 });
      expect((await audit('group.updated', group.id)).map((r) => r.details)).toEqual([
        { before: { status: 'active' }, after: { status: 'archived' } },
      ]);
    });

    it('a lead edits description, goals and phase, but not name or status (403)', async () => {
      const group = await newGroup();
      const city = await newOrganization();
      const lead = await newPerson('member', { organizationId: city.id });
      await putIn(group.id, lead, 'lead');
      const edited = await patch(lead.client, `/api/groups/${group.id}`, {
        description: '# Worum es geht\n\nWir **teilen** Daten.',
        goals: '- Offene Daten\n- Sensorik',
        phase: 'Phase 3 (2026/27)',
        version: 1,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ phase: 'Phase 3 (2026/27)', version: 2 });
      expect(edited.body.descriptionHtml).toContain('<h2>Worum es geht</h2>'); // h1 becomes h2
      expect(edited.body.descriptionHtml).toContain('<strong>teilen</strong>');
      expect(edited.body.goalsHtml).toContain('<li>Offene Daten</li>');
      expect((await audit('group.updated', group.id))[0]).toMatchObject({
        actor_id: lead.id,
        details: {
          before: { phase: null },
          after: { phase: 'Phase 3 (2026/27)', goals: '- Offene Daten\n- Sensorik' },
        },
      });

      for (const body of [{ name: 'Umbenannt' }, { status: 'archived' }, { shortName: 'Kurz' }, { number: 555 }]) {
        const refused = await patch(lead.client, `/api/groups/${group.id}`, { ...body, version: 2 });
        expect(refused.status, JSON.stringify(body)).toBe(403);
        expect(refused.body.message).toBe('Name, Nummer, Art und Status einer Gruppe ändert die Koordination.');
      }
      expect(await groupRow(group.id)).toMatchObject({ name: group.name, status: 'active', version: 2, number: null });
      expect(await audit('group.updated', group.id)).toHaveLength(1);
    });

    it('403 for plain members, outsiders and people with a pending request', async () => {
      const group = await newGroup();
      const city = await newOrganization();
      const member = await newPerson('member', { organizationId: city.id });
      const asking = await newPerson('member', { organizationId: city.id });
      const outsider = await newPerson('member', { organizationId: city.id, isContact: true });
      await putIn(group.id, member);
      await putIn(group.id, asking, 'lead', 'requested');
      for (const person of [member, asking, outsider]) {
        const refused = await patch(person.client, `/api/groups/${group.id}`, { description: 'Nein', version: 1 });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      expect(await groupRow(group.id)).toMatchObject({ description: '', version: 1 });
      expect(await groupAuditCount(group.id)).toBe(0);
    });

    it('409 for a stale version, and nothing changes', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      expect((await patch(coordinator.client, `/api/groups/${group.id}`, { name: 'Erste', version: 1 })).status).toBe(
        200,
      );
      const stale = await patch(coordinator.client, `/api/groups/${group.id}`, {
        name: 'Zweite',
        description: 'Überschrieben',
        version: 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect(stale.body.details).toMatchObject({ currentVersion: 2 });
      expect(await groupRow(group.id)).toMatchObject({ name: 'Erste', description: '', version: 2 });
      expect(await audit('group.updated', group.id)).toHaveLength(1);
    });

    it('400 without a version or with unknown fields, 404 for an unknown group', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const path = `/api/groups/${group.id}`;
      expect((await patch(coordinator.client, path, { name: 'Ohne Version' })).status).toBe(400);
      expect((await patch(coordinator.client, path, { name: 'X', version: 1, id: UNKNOWN_ID })).status).toBe(400);
      expect((await patch(coordinator.client, path, { name: 'X', version: 1, createdAt: '2020-01-01' })).status).toBe(
        400,
      );
      expect((await patch(coordinator.client, path, { version: 0 })).status).toBe(400);
      expect((await patch(coordinator.client, `/api/groups/${UNKNOWN_ID}`, { name: 'X', version: 1 })).status).toBe(
        404,
      );
      expect((await patch(coordinator.client, '/api/groups/nope', { name: 'X', version: 1 })).status).toBe(404);
      expect(await groupRow(group.id)).toMatchObject({ name: group.name, version: 1 });
    });

    it('renders Markdown XSS payloads as safe HTML (no script, no on* attributes, no javascript: links)', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const payloads = [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<svg onload=alert(1)></svg>',
        '<a href="javascript:alert(1)" onclick="alert(1)">roh</a>',
        '<iframe src="https://evil.example"></iframe>',
        '[Klick](javascript:alert(1))',
        '[Klick](JaVaScRiPt:alert(1))',
        '[Klick](javascript&#58;alert(1))',
        '[Klick](&#x6A;avascript:alert(1))',
        '[Klick](  javascript:alert(1)  )',
        '[Klick](vbscript:msgbox(1))',
        '[Daten](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '![Bild](javascript:alert(1))',
        '![Bild](https://example.org/x.png" onerror="alert(1))',
        '<javascript:alert(1)>',
        '[Titel](https://example.org "x\\" onmouseover=\\"alert(1)")',
        '[Portal](https://example.org/weg)',
      ];
      const source = payloads.join('\n\n');
      const saved = await patch(coordinator.client, `/api/groups/${group.id}`, {
        description: source,
        goals: source,
        version: 1,
      });
      expect(saved.status).toBe(200);
      const page = await coordinator.client.get(`/api/groups/${group.id}`);
      expect(page.body.description).toBe(source); // the Markdown source comes back as written
      for (const html of [page.body.descriptionHtml as string, page.body.goalsHtml as string]) {
        expect(html).not.toMatch(/<\s*(script|img|svg|iframe|object|embed|style)/i);
        const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
        expect(tags.length).toBeGreaterThan(0);
        const hrefs: string[] = [];
        for (const tag of tags) {
          // Every attribute is name="value" (quotes inside values are entities), none is an event handler.
          const rest = tag.replace(/^<[a-z0-9]+/i, '').replace(/\s*\/?>$/, '');
          const attributes = [...rest.matchAll(/\s([^\s=]+)="([^"]*)"/g)];
          expect(attributes.map((a) => a[0]).join(''), tag).toBe(rest);
          for (const [, name, value] of attributes) {
            expect(name, tag).not.toMatch(/^(on|src|style|srcdoc|formaction)/i);
            if (name === 'href') hrefs.push(value);
          }
        }
        // Raw HTML and refused links stay visible as escaped text, never as markup.
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
        // The harmless link survives, hardened.
        expect(html).toContain('<a href="https://example.org/weg" rel="noopener noreferrer nofollow">Portal</a>');
      }
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('join requests and decisions', () => {
    it('a member of an active municipality asks to join (200, requested); a second ask is 409', async () => {
      const group = await newGroup();
      const city = await newOrganization();
      const person = await newPerson('member', { organizationId: city.id });
      const asked = await person.client.post(`/api/groups/${group.id}/join`, { message: '  Wir planen Sensorik.  ' });
      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({
        myRole: 'member',
        myStatus: 'requested',
        memberCount: 0,
        members: [],
        permissions: { join: false, leave: true, manageMembers: false },
      });
      const { rows } = await pg.query(
        `SELECT role, status, request_message, requested_at, joined_at FROM group_membership
          WHERE group_id = $1 AND account_id = $2`,
        [group.id, person.id],
      );
      expect(rows[0]).toMatchObject({ role: 'member', status: 'requested', request_message: 'Wir planen Sensorik.' });
      expect(rows[0].requested_at).toBeInstanceOf(Date);
      expect(rows[0].joined_at).toBeNull();
      const rowsAudit = await audit('group.join_requested', group.id);
      expect(rowsAudit).toEqual([{ actor_id: person.id, details: { personId: person.id } }]);

      const again = await person.client.post(`/api/groups/${group.id}/join`, {});
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('Sie sind bereits in dieser Gruppe oder haben schon angefragt.');
      expect(await audit('group.join_requested', group.id)).toHaveLength(1);
    });

    it('409 with the German explanation for people whose municipality does not take part', async () => {
      const group = await newGroup();
      const requested = await newOrganization({ membershipStatus: 'requested' });
      const none = await newOrganization({ kind: 'municipality', membershipStatus: 'none' });
      const paused = await newOrganization({ kind: 'collective_municipality', membershipStatus: 'paused' });
      const retired = await newOrganization({ status: 'retired' });
      const people = [
        await newPerson('member', { organizationId: requested.id }),
        await newPerson('member', { organizationId: none.id }),
        await newPerson('member', { organizationId: paused.id }),
        await newPerson('member', { organizationId: retired.id }),
        await newPerson('member', { organizationId: null }),
      ];
      for (const person of people) {
        const refused = await person.client.post(`/api/groups/${group.id}/join`, {});
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ code: 'CONFLICT', message: NOT_TAKING_PART });
      }
      expect((await pg.query(`SELECT 1 FROM group_membership WHERE group_id = $1`, [group.id])).rows).toHaveLength(0);
      expect(await groupAuditCount(group.id)).toBe(0);
    });

    it('people of partner organisations (agency) may ask to join without a membership', async () => {
      const group = await newGroup();
      const agency = await newOrganization({ kind: 'agency', membershipStatus: 'none' });
      const research = await newOrganization({ kind: 'research', membershipStatus: 'none' });
      for (const organization of [agency, research]) {
        const person = await newPerson('member', { organizationId: organization.id });
        const asked = await person.client.post(`/api/groups/${group.id}/join`, {});
        expect(asked.status).toBe(200);
        expect(asked.body.myStatus).toBe('requested');
      }
    });

    it('409 for an archived group, 404 for an unknown one, 400 for unknown fields', async () => {
      const archived = await newGroup({ status: 'archived' });
      const city = await newOrganization();
      const person = await newPerson('member', { organizationId: city.id });
      const refused = await person.client.post(`/api/groups/${archived.id}/join`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('Die Gruppe ist archiviert.');
      expect((await person.client.post(`/api/groups/${UNKNOWN_ID}/join`, {})).status).toBe(404);
      const active = await newGroup();
      const extra = await person.client.post(`/api/groups/${active.id}/join`, { role: 'lead' });
      expect(extra.status).toBe(400);
      expect(await membership(active.id, person)).toBeUndefined();
    });

    it('a lead approves (200): the person is in, is e-mailed, and a second decision is 409', async () => {
      const group = await newGroup({ number: 801 });
      const city = await newOrganization();
      const lead = await newPerson('member', { organizationId: city.id, name: 'Lena Leitung' });
      const asker = await newPerson('member', { organizationId: city.id, name: 'Moritz Anfrage' });
      const bystander = await newPerson('member', { organizationId: city.id });
      await putIn(group.id, lead, 'lead');
      await putIn(group.id, bystander);
      expect((await asker.client.post(`/api/groups/${group.id}/join`, { message: 'Gern' })).status).toBe(200);

      // A plain member may not decide.
      const byMember = await bystander.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, {
        decision: 'approve',
      });
      expect(byMember.status).toBe(403);
      expect(await membership(group.id, asker)).toMatchObject({ status: 'requested' });

      expect(
        (await lead.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, { decision: 'maybe' })).status,
      ).toBe(400);
      const approved = await lead.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, {
        decision: 'approve',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.requests).toEqual([]);
      expect(approved.body.members.map((m: Json) => m.personId)).toContain(asker.id);
      expect(await membership(group.id, asker)).toEqual({ role: 'member', status: 'active' });
      const mine = await asker.client.get(`/api/groups/${group.id}`);
      expect(mine.body).toMatchObject({ myRole: 'member', myStatus: 'active', memberCount: 3 });
      expect((await audit('group.join_approved', group.id))[0]).toEqual({
        actor_id: lead.id,
        details: { personId: asker.id },
      });

      // The decision: a reminder row in the same transaction, delivered by the worker (e-mail and in-app).
      const { rows } = await pg.query(
        `SELECT kind, subject_id, payload FROM reminder WHERE account_id = $1 AND kind = 'group_join_decided'`,
        [asker.id],
      );
      expect(rows).toEqual([
        { kind: 'group_join_decided', subject_id: group.id, payload: { approved: true, actorId: lead.id } },
      ]);
      const mail = await waitFor('the decision e-mail', () => smtp.messages.find((m) => m.to.includes(asker.email)));
      expect(mail.parsed.subject).toBe(`Sie sind jetzt Mitglied der UAG 801 „${group.name}“`);
      expect(mail.parsed.text).toContain('Lena Leitung hat Ihre Anfrage angenommen');

      const again = await lead.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, {
        decision: 'decline',
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('Über diese Anfrage wurde bereits entschieden.');
      expect(await membership(group.id, asker)).toEqual({ role: 'member', status: 'active' });
      expect(await audit('group.join_declined', group.id)).toHaveLength(0);
    });

    it('declining removes the request and tells the person; unknown requests are 404', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator', { name: 'Klara Koordination' });
      const agency = await newOrganization({ kind: 'agency', membershipStatus: 'none' });
      const asker = await newPerson('member', { organizationId: agency.id });
      expect((await asker.client.post(`/api/groups/${group.id}/join`, {})).status).toBe(200);
      const declined = await coordinator.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, {
        decision: 'decline',
      });
      expect(declined.status).toBe(200);
      expect(declined.body.requests).toEqual([]);
      expect(await membership(group.id, asker)).toBeUndefined();
      expect(await audit('group.join_declined', group.id)).toEqual([
        { actor_id: coordinator.id, details: { personId: asker.id } },
      ]);
      const { rows } = await pg.query(
        `SELECT payload FROM reminder WHERE account_id = $1 AND kind = 'group_join_decided'`,
        [asker.id],
      );
      expect(rows).toEqual([{ payload: { approved: false, actorId: coordinator.id } }]);
      const mail = await waitFor('the decline e-mail', () => smtp.messages.find((m) => m.to.includes(asker.email)));
      expect(mail.parsed.text).toContain('Klara Koordination hat Ihre Anfrage zur Mitarbeit');
      // Declined people may ask again.
      expect((await asker.client.post(`/api/groups/${group.id}/join`, {})).status).toBe(200);

      const unknown = await coordinator.client.post(`/api/groups/${group.id}/members/${UNKNOWN_ID}/decision`, {
        decision: 'approve',
      });
      expect(unknown.status).toBe(404);
    });

    it('approval is refused (409) when the municipality stopped taking part meanwhile', async () => {
      const group = await newGroup();
      const city = await newOrganization();
      const asker = await newPerson('member', { organizationId: city.id });
      const coordinator = await newPerson('coordinator');
      expect((await asker.client.post(`/api/groups/${group.id}/join`, {})).status).toBe(200);
      await pg.query(`UPDATE organization SET membership_status = 'ended' WHERE id = $1`, [city.id]);
      const refused = await coordinator.client.post(`/api/groups/${group.id}/members/${asker.id}/decision`, {
        decision: 'approve',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(NOT_TAKING_PART);
      expect(await membership(group.id, asker)).toMatchObject({ status: 'requested' });
      const { rows } = await pg.query(`SELECT 1 FROM mail_outbox WHERE recipient = $1`, [asker.email]);
      expect(rows).toHaveLength(0);
    });

    it('a coordinator (no organisation) who asked to join can be approved by a lead', async () => {
      // join() lets coordination staff ask without an organisation, and add() lets a lead add them;
      // decide() must not then refuse the approval.
      const group = await newGroup();
      const city = await newOrganization();
      const lead = await newPerson('member', { organizationId: city.id });
      await putIn(group.id, lead, 'lead');
      const coordinator = await newPerson('coordinator');
      const page = await coordinator.client.get(`/api/groups/${group.id}`);
      expect(page.body.permissions.join).toBe(true);
      expect((await coordinator.client.post(`/api/groups/${group.id}/join`, {})).status).toBe(200);
      const approved = await lead.client.post(`/api/groups/${group.id}/members/${coordinator.id}/decision`, {
        decision: 'approve',
      });
      expect(approved.body.message).toBeUndefined();
      expect(approved.status).toBe(200);
      expect(await membership(group.id, coordinator)).toEqual({ role: 'member', status: 'active' });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('adding, removing and roles', () => {
    let cityA: Organization;
    let cityB: Organization;
    let partner: Organization;
    let outside: Organization;

    beforeAll(async () => {
      cityA = await newOrganization();
      cityB = await newOrganization();
      partner = await newOrganization({ kind: 'agency', membershipStatus: 'none' });
      outside = await newOrganization({ membershipStatus: 'interested' });
    });

    const add = (by: Person, group: Group, person: { id: string }, role?: 'lead' | 'member') =>
      by.client.post(`/api/groups/${group.id}/members`, role ? { personId: person.id, role } : { personId: person.id });

    it('a contact adds a colleague of their organisation (200), not a person of another (403), not as lead', async () => {
      const group = await newGroup();
      const contact = await newPerson('member', { organizationId: cityA.id, isContact: true });
      const colleague = await newPerson('member', { organizationId: cityA.id });
      const colleague2 = await newPerson('member', { organizationId: cityA.id });
      const other = await newPerson('member', { organizationId: cityB.id });

      const added = await add(contact, group, colleague);
      expect(added.status).toBe(200);
      expect(added.body.members).toEqual([expect.objectContaining({ personId: colleague.id, role: 'member' })]);
      expect(await membership(group.id, colleague)).toEqual({ role: 'member', status: 'active' });
      const { rows } = await pg.query(`SELECT added_by, joined_at FROM group_membership WHERE account_id = $1`, [
        colleague.id,
      ]);
      expect(rows[0].added_by).toBe(contact.id);
      expect(await audit('group.member_added', group.id)).toEqual([
        { actor_id: contact.id, details: { personId: colleague.id, role: 'member' } },
      ]);

      const foreign = await add(contact, group, other);
      expect(foreign.status).toBe(403);
      expect(foreign.body.message).toBe('Sie können nur Personen Ihrer eigenen Organisation zuordnen.');
      const asLead = await add(contact, group, colleague2, 'lead');
      expect(asLead.status).toBe(403);
      expect(await membership(group.id, other)).toBeUndefined();
      expect(await membership(group.id, colleague2)).toBeUndefined();
      expect(await audit('group.member_added', group.id)).toHaveLength(1);
    });

    it('a plain member adds nobody, not even a colleague (403)', async () => {
      const group = await newGroup();
      const member = await newPerson('member', { organizationId: cityA.id });
      const colleague = await newPerson('member', { organizationId: cityA.id });
      await putIn(group.id, member);
      expect((await add(member, group, colleague)).status).toBe(403);
      expect(await membership(group.id, colleague)).toBeUndefined();
    });

    it('a lead adds anyone taking part, also as lead; not people of non-member municipalities (409)', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', { organizationId: cityA.id });
      await putIn(group.id, lead, 'lead');
      const fromB = await newPerson('member', { organizationId: cityB.id });
      const fromPartner = await newPerson('member', { organizationId: partner.id });
      const fromOutside = await newPerson('member', { organizationId: outside.id });
      const coordinator = await newPerson('coordinator');

      expect((await add(lead, group, fromB)).status).toBe(200);
      const coLead = await add(lead, group, fromPartner, 'lead');
      expect(coLead.status).toBe(200);
      expect(await membership(group.id, fromPartner)).toEqual({ role: 'lead', status: 'active' });
      expect((await add(lead, group, coordinator)).status).toBe(200); // coordination staff need no organisation

      const refused = await add(lead, group, fromOutside);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(NOT_TAKING_PART);
      expect(await membership(group.id, fromOutside)).toBeUndefined();
      expect((await audit('group.member_added', group.id)).map((r) => r.details)).toEqual([
        { personId: fromB.id, role: 'member' },
        { personId: fromPartner.id, role: 'lead' },
        { personId: coordinator.id, role: 'member' },
      ]);
    });

    it('adding a pending request makes it active; an existing member is 409; unknown or inactive people 400', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const asker = await newPerson('member', { organizationId: cityA.id });
      const member = await newPerson('member', { organizationId: cityA.id });
      const deactivated = await newPerson('member', { organizationId: cityA.id, status: 'deactivated' });
      await putIn(group.id, asker, 'member', 'requested');
      await putIn(group.id, member);

      expect((await add(coordinator, group, asker)).status).toBe(200);
      expect(await membership(group.id, asker)).toEqual({ role: 'member', status: 'active' });

      const existing = await add(coordinator, group, member);
      expect(existing.status).toBe(409);
      expect(existing.body.message).toBe('Die Person ist bereits in dieser Gruppe.');

      for (const person of [deactivated, { id: UNKNOWN_ID }]) {
        const unknown = await add(coordinator, group, person);
        expect(unknown.status).toBe(400);
        expect(unknown.body.code).toBe('VALIDATION_FAILED');
        expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'personId', code: 'unknown' })]);
      }
      expect(await membership(group.id, deactivated)).toBeUndefined();
      expect((await add(coordinator, group, { id: 'nope' })).status).toBe(400);
      const extra = await coordinator.client.post(`/api/groups/${group.id}/members`, {
        personId: member.id,
        status: 'active',
      });
      expect(extra.status).toBe(400);
      expect((await add(coordinator, { id: UNKNOWN_ID, name: '', number: null }, member)).status).toBe(404);
      expect((await audit('group.member_added', group.id)).map((r) => r.details.personId)).toEqual([asker.id]);
    });

    it('anyone leaves or withdraws a request (DELETE own id, 200)', async () => {
      const group = await newGroup();
      const member = await newPerson('member', { organizationId: cityA.id });
      const asker = await newPerson('member', { organizationId: cityB.id });
      await putIn(group.id, member);
      await putIn(group.id, asker, 'member', 'requested');
      const left = await member.client.delete(`/api/groups/${group.id}/members/${member.id}`);
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ myRole: null, myStatus: null, memberCount: 0 });
      expect(await membership(group.id, member)).toBeUndefined();
      const withdrawn = await asker.client.delete(`/api/groups/${group.id}/members/${asker.id}`);
      expect(withdrawn.status).toBe(200);
      expect(await membership(group.id, asker)).toBeUndefined();
      expect(await audit('group.left', group.id)).toEqual([
        { actor_id: member.id, details: { personId: member.id, role: 'member', status: 'active' } },
        { actor_id: asker.id, details: { personId: asker.id, role: 'member', status: 'requested' } },
      ]);
      expect((await member.client.delete(`/api/groups/${group.id}/members/${member.id}`)).status).toBe(404);
    });

    it('a member removing someone else is 403; someone not in the group is 404; leads and contacts remove', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', { organizationId: cityB.id });
      const member = await newPerson('member', { organizationId: cityA.id });
      const colleague = await newPerson('member', { organizationId: cityA.id });
      const contact = await newPerson('member', { organizationId: cityA.id, isContact: true });
      const otherContact = await newPerson('member', { organizationId: cityB.id, isContact: true });
      const notIn = await newPerson('member', { organizationId: cityA.id });
      await putIn(group.id, lead, 'lead');
      await putIn(group.id, member);
      await putIn(group.id, colleague);

      const byMember = await member.client.delete(`/api/groups/${group.id}/members/${colleague.id}`);
      expect(byMember.status).toBe(403);
      expect(byMember.body.message).toBe('Sie können nur sich selbst oder Personen Ihrer Organisation austragen.');
      expect((await otherContact.client.delete(`/api/groups/${group.id}/members/${colleague.id}`)).status).toBe(403);
      expect(await membership(group.id, colleague)).toEqual({ role: 'member', status: 'active' });

      expect((await lead.client.delete(`/api/groups/${group.id}/members/${notIn.id}`)).status).toBe(404);
      expect((await lead.client.delete(`/api/groups/${group.id}/members/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await lead.client.delete(`/api/groups/${UNKNOWN_ID}/members/${colleague.id}`)).status).toBe(404);

      expect((await contact.client.delete(`/api/groups/${group.id}/members/${colleague.id}`)).status).toBe(200);
      expect((await lead.client.delete(`/api/groups/${group.id}/members/${member.id}`)).status).toBe(200);
      expect(await membership(group.id, colleague)).toBeUndefined();
      expect(await membership(group.id, member)).toBeUndefined();
      expect(await audit('group.member_removed', group.id)).toEqual([
        { actor_id: contact.id, details: { personId: colleague.id, role: 'member', status: 'active' } },
        { actor_id: lead.id, details: { personId: member.id, role: 'member', status: 'active' } },
      ]);
    });

    it('leads change roles; the last lead cannot step down (409), a coordinator may make it so', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', { organizationId: cityA.id });
      const member = await newPerson('member', { organizationId: cityA.id });
      const coordinator = await newPerson('coordinator');
      await putIn(group.id, lead, 'lead');
      await putIn(group.id, member);
      const path = (p: Person) => `/api/groups/${group.id}/members/${p.id}`;

      const last = await patch(lead.client, path(lead), { role: 'member' });
      expect(last.status).toBe(409);
      expect(last.body.message).toBe('Eine Gruppe braucht mindestens eine Sprecherin oder einen Sprecher.');
      expect(await membership(group.id, lead)).toEqual({ role: 'lead', status: 'active' });

      expect((await patch(member.client, path(member), { role: 'lead' })).status).toBe(403);
      expect((await patch(lead.client, path(member), { role: 'boss' })).status).toBe(400);
      expect(
        (await patch(lead.client, `/api/groups/${group.id}/members/${coordinator.id}`, { role: 'lead' })).status,
      ).toBe(404);

      const promoted = await patch(lead.client, path(member), { role: 'lead' });
      expect(promoted.status).toBe(200);
      expect(await membership(group.id, member)).toEqual({ role: 'lead', status: 'active' });
      // With two leads, one may step down.
      expect((await patch(lead.client, path(lead), { role: 'member' })).status).toBe(200);
      // The coordinator may leave the group without any lead.
      const byCoordinator = await patch(coordinator.client, path(member), { role: 'member' });
      expect(byCoordinator.status).toBe(200);
      expect(byCoordinator.body.members.every((m: Json) => m.role === 'member')).toBe(true);
      expect((await audit('group.role_changed', group.id)).map((r) => [r.actor_id, r.details])).toEqual([
        [lead.id, { personId: member.id, before: { role: 'member' }, after: { role: 'lead' } }],
        [lead.id, { personId: lead.id, before: { role: 'lead' }, after: { role: 'member' } }],
        [coordinator.id, { personId: member.id, before: { role: 'lead' }, after: { role: 'member' } }],
      ]);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('coverage matrix (GET /api/coverage) and CSV export', () => {
    let member: Person;
    let city: Organization;
    let agency: Organization;
    let quiet: Organization;
    let retired: Organization;
    let requested: Organization;
    let leftOnly: Organization;
    let c1: Person;
    let c2: Person;
    let d1: Person;

    beforeAll(async () => {
      city = await newOrganization({ name: 'Gruppentest-Abdeckung Stadt' });
      agency = await newOrganization({
        kind: 'agency',
        membershipStatus: 'none',
        name: 'Gruppentest-Abdeckung Agentur',
      });
      quiet = await newOrganization({ membershipStatus: 'paused', name: 'Gruppentest-Abdeckung Ruhend' });
      retired = await newOrganization({ status: 'retired', name: 'Gruppentest-Abdeckung Aufgelöst' });
      requested = await newOrganization({ membershipStatus: 'requested', name: 'Gruppentest-Abdeckung Angefragt' });
      leftOnly = await newOrganization({ membershipStatus: 'none', name: 'Gruppentest-Abdeckung Ehemalig' });
      member = await newPerson('member', { organizationId: requested.id });
      c1 = await newPerson('member', { organizationId: city.id, name: 'Abdeckung Anna' });
      c2 = await newPerson('member', { organizationId: city.id, name: 'Abdeckung Bert' });
      const c3 = await newPerson('member', { organizationId: city.id, name: 'Abdeckung Cleo' });
      const c4 = await newPerson('member', { organizationId: city.id, name: 'Abdeckung Dirk', status: 'deactivated' });
      d1 = await newPerson('member', { organizationId: agency.id, name: 'Abdeckung Egon' });
      const r1 = await newPerson('member', { organizationId: retired.id, name: 'Abdeckung Fritz' });
      const l1 = await newPerson('member', { organizationId: leftOnly.id, status: 'deactivated' });
      const archivedGroup = await newGroup({ status: 'archived' });
      await putIn(uag[2], c2);
      await putIn(uag[2], c1, 'lead');
      await putIn(uag[2], c3, 'member', 'requested');
      await putIn(uag[2], c4);
      await putIn(uag[3], c2);
      await putIn(uag[3], d1);
      await putIn(uag[3], r1);
      await putIn(uag[4], l1);
      await putIn(archivedGroup.id, c1);
    });

    it('lists member municipalities and organisations with people in groups, with the right people per cell', async () => {
      const response = await member.client.get('/api/coverage');
      expect(response.status).toBe(200);
      const { groups, rows } = response.body as { groups: Json[]; rows: Json[] };
      expect(groups.slice(0, 6).map((g) => [g.number, g.name])).toEqual(SEEDED_UAGS.map((name, i) => [i + 1, name]));
      const archived = await pg.query(`SELECT id FROM working_group WHERE status = 'archived'`);
      expect(archived.rows.length).toBeGreaterThan(0);
      for (const { id } of archived.rows) expect(groups.map((g) => g.id)).not.toContain(id);

      const row = (o: Organization) => rows.find((r) => r.organizationId === o.id);
      const cell = (o: Organization, groupId: string) =>
        row(o)?.cells.find((c: Json) => c.groupId === groupId)?.people as Json[] | undefined;
      for (const r of rows) expect(r.cells.map((c: Json) => c.groupId)).toEqual(groups.map((g) => g.id));

      expect(row(city)).toMatchObject({
        displayName: city.displayName,
        districtKey: '15084',
        districtName: 'Burgenlandkreis',
        membershipStatus: 'active',
      });
      expect(cell(city, uag[2])).toEqual([
        { id: c1.id, name: 'Abdeckung Anna', role: 'lead' },
        { id: c2.id, name: 'Abdeckung Bert', role: 'member' },
      ]);
      expect(cell(city, uag[3])).toEqual([{ id: c2.id, name: 'Abdeckung Bert', role: 'member' }]);
      expect(cell(city, uag[1])).toEqual([]);
      // A partner organisation appears because of its people; a paused member without people too.
      expect(row(agency)).toMatchObject({ membershipStatus: 'none' });
      expect(cell(agency, uag[3])).toEqual([{ id: d1.id, name: 'Abdeckung Egon', role: 'member' }]);
      expect(row(quiet)).toMatchObject({ membershipStatus: 'paused' });
      expect(row(quiet)?.cells.every((c: Json) => c.people.length === 0)).toBe(true);
      // Retired organisations, requested memberships without people, only deactivated people: absent.
      expect(row(retired)).toBeUndefined();
      expect(row(requested)).toBeUndefined();
      expect(row(leftOnly)).toBeUndefined();
      // No one from another organisation leaks into this organisation's cells.
      const everyone = rows.flatMap((r) =>
        r.cells.flatMap((c: Json) => c.people.map((p: Json) => [r.organizationId, p.id])),
      );
      expect(everyone.filter(([, id]) => id === c1.id || id === c2.id).every(([org]) => org === city.id)).toBe(true);
      expect(everyone.some(([, id]) => id === d1.id)).toBe(true);
    });

    it('filters by organisation; 400 for a malformed organisation id', async () => {
      const only = await member.client.get(`/api/coverage?organizationId=${city.id}`);
      expect(only.status).toBe(200);
      expect(only.body.rows.map((r: Json) => r.organizationId)).toEqual([city.id]);
      expect(only.body.rows[0].cells.flatMap((c: Json) => c.people.map((p: Json) => p.id)).sort()).toEqual(
        [c1.id, c2.id, c2.id].sort(),
      );
      const gone = await member.client.get(`/api/coverage?organizationId=${retired.id}`);
      expect(gone.body.rows).toEqual([]);
      expect((await member.client.get('/api/coverage?organizationId=nope')).status).toBe(400);
      expect((await member.client.get('/api/coverage?evil=1')).status).toBe(400);
    });

    it('exports CSV: text/csv, BOM, semicolons, counts per group', async () => {
      const response = await fetch(`${url}/api/coverage/export`, {
        headers: { cookie: [...member.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="abdeckung-kommunen-arbeitsgruppen.csv"',
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text.startsWith('\uFEFFOrganisation;Landkreis;Mitgliedschaft;UAG 1 Bürger-Apps;')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines.at(-1)).toBe('');
      const header = lines[0].split(';');
      expect(header.slice(3, 9)).toEqual([
        'UAG 1 Bürger-Apps',
        'UAG 2 Daten & Sensorik',
        'UAG 3 Digitaler Zwilling',
        'UAG 4 Bekanntmachungen',
        'UAG 5 Stadtentwicklung',
        'UAG 6 UAG 6',
      ]);
      expect(header.at(-1)).toBe('Gruppen gesamt');
      const line = (o: Organization) => lines.find((l) => l.startsWith(`${o.displayName};`))?.split(';');
      const cityLine = line(city);
      expect(cityLine).toHaveLength(header.length);
      expect(cityLine?.slice(0, 9)).toEqual([
        city.displayName,
        'Burgenlandkreis',
        'aktiv',
        '0',
        '2',
        '1',
        '0',
        '0',
        '0',
      ]);
      expect(cityLine?.at(-1)).toBe('2');
      expect(line(agency)?.slice(0, 9)).toEqual([agency.displayName, '', '–', '0', '0', '1', '0', '0', '0']);
      expect(line(agency)?.at(-1)).toBe('1');
      expect(line(quiet)?.slice(2, 3)).toEqual(['ruhend']);
      expect(line(quiet)?.at(-1)).toBe('0');
      expect(line(retired)).toBeUndefined();
      expect(line(requested)).toBeUndefined();
      // Person names never appear in the export, only counts.
      expect(text).not.toContain('Abdeckung Anna');
    });
  });
});
