import { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformRole } from '@srp/contracts';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  TestDatabase,
  testConfig,
  TestHttpClient,
  UNKNOWN_ID,
} from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

const PASSWORD = 'Wolken über der Saale 1912';

describe('people administration, audit log and the role × route matrix', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let pg: Client;
  let n = 0;

  /** A signed-in person of this role; admins and coordinators with a verified second factor. */
  async function person(role: PlatformRole, status: 'active' | 'deactivated' = 'active') {
    const email = `${role}${++n}@example.org`;
    const account = await app
      .get(AccountsService)
      .create({ email, name: `${role} ${n}`, password: PASSWORD, role, status }, CLI_ORIGIN);
    const client = new TestHttpClient(url);
    await client.get('/api/auth/me');
    if (status !== 'active') return { account, client };
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
    return { account, client };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('role × route: who may do what (401 signed out, 403 without permission)', async () => {
    const target = (await person('member')).account;
    const clients = {
      anonymous: new TestHttpClient(url),
      member: (await person('member')).client,
      coordinator: (await person('coordinator')).client,
      admin: (await person('admin')).client,
    };
    await clients.anonymous.get('/api/auth/me');
    const org = (
      await pg.query(
        `INSERT INTO organization (kind, ags, official_name, display_name, district_key, district_name, version)
         VALUES ('city', '15002000', 'Halle (Saale), Stadt', 'Halle (Saale)', '15002', 'Halle (Saale)', 1) RETURNING id`,
      )
    ).rows[0].id as string;
    const group = (await pg.query(`SELECT id FROM working_group WHERE number = 1`)).rows[0].id as string;
    const [task, related] = (
      await pg.query(
        `INSERT INTO task (group_id, title, version) VALUES ($1, 'Matrix-Aufgabe', 1), ($1, 'Matrix-Bezug', 1)
         RETURNING id`,
        [group],
      )
    ).rows.map((r) => r.id as string);
    // A UAG 1 meeting with one agenda item: the plain member is neither invited nor in UAG 1.
    const meeting = (
      await pg.query(
        `INSERT INTO meeting (kind, title, format, online_url, starts_at, ends_at, host_group_id, version)
         VALUES ('uag_sitzung', 'Matrix-Termin', 'online', 'https://meet.example.org/matrix',
                 now() + interval '10 days', now() + interval '10 days 1 hour', $1, 1) RETURNING id`,
        [group],
      )
    ).rows[0].id as string;
    const agendaItem = (
      await pg.query(
        `INSERT INTO agenda_item (meeting_id, title, status, position, version)
         VALUES ($1, 'Matrix-TOP', 'accepted', 1, 1) RETURNING id`,
        [meeting],
      )
    ).rows[0].id as string;
    const guestToken = 'G'.repeat(43);
    // Draft minutes of that meeting: coordination manages them, the plain member does not see them.
    const minutes = (await pg.query(`INSERT INTO minutes (meeting_id, version) VALUES ($1, 1) RETURNING id`, [meeting]))
      .rows[0].id as string;
    const everyone = { anonymous: [401], member: [200], coordinator: [200], admin: [200] };
    const coordination = (status: number) => ({
      anonymous: [401],
      member: [403],
      coordinator: [status],
      admin: [status],
    });
    /** Routes on a group's tasks: the plain member is in no group (404), coordination acts anywhere. */
    const outsider = (status: number) => ({
      anonymous: [401],
      member: [404],
      coordinator: [status],
      admin: [status],
    });
    const routes: Array<[string, string, unknown, Record<keyof typeof clients, number[]>]> = [
      ['GET', '/api/auth/me', undefined, { anonymous: [401], member: [200], coordinator: [200], admin: [200] }],
      ['GET', '/api/auth/sessions', undefined, { anonymous: [401], member: [200], coordinator: [200], admin: [200] }],
      [
        'PATCH',
        '/api/auth/me',
        { name: 'Neu', version: 999 },
        { anonymous: [401], member: [409], coordinator: [409], admin: [409] },
      ],
      ['GET', '/api/accounts', undefined, { anonymous: [401], member: [403], coordinator: [200], admin: [200] }],
      ['GET', '/api/audit', undefined, { anonymous: [401], member: [403], coordinator: [403], admin: [200] }],
      [
        'POST',
        '/api/invitations',
        { email: `m${n}@example.org`, name: 'Neu', role: 'member' },
        { anonymous: [401], member: [403], coordinator: [201], admin: [201, 409] },
      ],
      [
        'POST',
        '/api/invitations',
        { email: `c${n}@example.org`, name: 'Neu', role: 'coordinator' },
        { anonymous: [401], member: [403], coordinator: [403], admin: [201] },
      ],
      [
        'PATCH',
        `/api/accounts/${target.id}`,
        { role: 'member', version: 1 },
        { anonymous: [401], member: [403], coordinator: [403], admin: [200] },
      ],
      // Organisations, membership, people (issue #4): reads for everyone signed in, changes by role
      // and object (a plain member is no contact of this organisation).
      ['GET', '/api/organizations', undefined, everyone],
      ['GET', `/api/organizations/${org}`, undefined, everyone],
      ['POST', '/api/organizations', { kind: 'agency', officialName: 'Agentur' }, coordination(201)],
      ['PATCH', `/api/organizations/${org}`, { version: 999 }, coordination(409)],
      ['POST', `/api/organizations/${org}/retire`, { version: 999, reason: 'x' }, coordination(409)],
      ['POST', `/api/organizations/${org}/reactivate`, { version: 999 }, coordination(409)],
      [
        'POST',
        `/api/organizations/${org}/merge`,
        { version: 999, reason: 'x', targetId: target.id },
        coordination(409),
      ],
      ['POST', `/api/organizations/${org}/membership/request`, { version: 999, reason: 'x' }, coordination(409)],
      [
        'POST',
        `/api/organizations/${org}/membership/decision`,
        { version: 999, decision: 'approve' },
        coordination(409),
      ],
      [
        'POST',
        `/api/organizations/${org}/membership`,
        { version: 999, status: 'active', reason: 'x' },
        coordination(409),
      ],
      ['POST', `/api/organizations/${org}/people`, { email: `p${n}@example.org`, name: 'Neu' }, coordination(201)],
      ['PATCH', `/api/organizations/${org}/people/${target.id}`, { version: 999 }, coordination(404)],
      ['GET', '/api/people', undefined, everyone],
      ['GET', '/api/people/export', undefined, everyone],
      ['GET', '/api/districts', undefined, everyone],
      // Working groups: a plain member without organisation takes part nowhere (409 on joining).
      ['GET', '/api/groups', undefined, everyone],
      ['GET', `/api/groups/${group}`, undefined, everyone],
      ['POST', '/api/groups', { name: 'Pilotprojekt', shortName: 'Pilot' }, coordination(201)],
      ['PATCH', `/api/groups/${group}`, { version: 999, goals: 'x' }, coordination(409)],
      ['POST', `/api/groups/${group}/join`, {}, { anonymous: [401], member: [409], coordinator: [200], admin: [200] }],
      ['POST', `/api/groups/${group}/members`, { personId: target.id }, coordination(409)],
      ['POST', `/api/groups/${group}/members/${target.id}/decision`, { decision: 'approve' }, coordination(404)],
      ['PATCH', `/api/groups/${group}/members/${target.id}`, { role: 'lead' }, coordination(404)],
      [
        'DELETE',
        `/api/groups/${group}/members/${target.id}`,
        undefined,
        { anonymous: [401], member: [404], coordinator: [404], admin: [404] },
      ],
      ['GET', '/api/coverage', undefined, everyone],
      ['GET', '/api/coverage/export', undefined, everyone],
      // Tasks (issue #5): lists show what one may see; a task of a group one is not in is 404 for a
      // member (someone else's object), coordinators act in every group (409: stale version).
      ['GET', '/api/tasks?assignee=me', undefined, everyone],
      ['GET', '/api/tasks/export?q=Matrix', undefined, everyone],
      ['GET', '/api/tasks/mine', undefined, everyone],
      ['GET', '/api/tasks/counts', undefined, everyone],
      ['GET', `/api/groups/${group}/board`, undefined, outsider(200)],
      ['POST', '/api/tasks', { groupId: group, title: 'Matrix-Neu' }, { ...outsider(201), member: [403] }],
      ['GET', `/api/tasks/${task}`, undefined, outsider(200)],
      ['PATCH', `/api/tasks/${task}`, { title: 'Neu', version: 999 }, outsider(409)],
      ['POST', `/api/tasks/${task}/move`, { status: 'done', version: 999 }, outsider(409)],
      ['POST', `/api/tasks/${task}/comments`, { body: 'Matrix-Kommentar' }, outsider(201)],
      // The coordinator links first, so the admin finds the link there (409) and the link gone (404).
      [
        'POST',
        `/api/tasks/${task}/links`,
        { taskId: related },
        { anonymous: [401], member: [404], coordinator: [200], admin: [409] },
      ],
      [
        'DELETE',
        `/api/tasks/${task}/links/${related}`,
        undefined,
        { anonymous: [401], member: [404], coordinator: [200], admin: [404] },
      ],
      ['POST', `/api/tasks/${task}/archive`, { version: 999 }, outsider(409)],
      ['POST', `/api/tasks/${task}/restore`, { version: 999 }, outsider(409)],
      // Meetings (issue #6): the calendar for everyone signed in; initiative-wide meetings are planned
      // by coordination; someone else's group meeting is 404 for the member; coordination manages
      // every meeting but answers only where invited (403); stale versions 409.
      ['GET', '/api/meetings?from=2026-01-01&to=2026-12-31', undefined, everyone],
      [
        'POST',
        '/api/meetings',
        {
          kind: 'monatsrunde',
          title: 'Matrix-Runde',
          format: 'online',
          onlineUrl: 'https://meet.example.org/matrix',
          date: '2030-01-09',
          startTime: '10:00',
          endTime: '11:30',
        },
        coordination(201),
      ],
      ['GET', `/api/meetings/${meeting}`, undefined, outsider(200)],
      ['GET', '/api/meetings/00000000-0000-4000-8000-000000000000', undefined, outsider(404)],
      ['PATCH', `/api/meetings/${meeting}`, { title: 'Neu', version: 999 }, outsider(409)],
      ['POST', `/api/meetings/${meeting}/cancel`, { version: 999 }, outsider(409)],
      ['GET', `/api/meetings/${meeting}/ics`, undefined, outsider(200)],
      ['POST', `/api/meetings/${meeting}/answer`, { answer: 'yes' }, { ...outsider(403), member: [404] }],
      ['GET', `/api/meetings/${meeting}/attendance`, undefined, outsider(200)],
      ['PUT', `/api/meetings/${meeting}/attendance`, { rows: [], version: 999 }, outsider(409)],
      ['POST', `/api/meetings/${meeting}/agenda-items`, { title: 'Matrix-Punkt' }, outsider(201)],
      ['POST', `/api/meetings/${meeting}/agenda/order`, { itemIds: [agendaItem], agendaVersion: 999 }, outsider(409)],
      ['PATCH', `/api/agenda-items/${agendaItem}`, { title: 'Neu', version: 999 }, outsider(409)],
      ['POST', `/api/agenda-items/${agendaItem}/decision`, { decision: 'accept', version: 999 }, outsider(409)],
      ['POST', `/api/agenda-items/${agendaItem}/move`, { targetMeetingId: meeting, version: 999 }, outsider(409)],
      ['DELETE', `/api/agenda-items/${agendaItem}?version=999`, undefined, outsider(409)],
      ['GET', '/api/calendar/feed', undefined, everyone],
      ['POST', '/api/calendar/feed', undefined, everyone],
      [
        'DELETE',
        '/api/calendar/feed',
        undefined,
        { anonymous: [401], member: [204], coordinator: [204], admin: [204] },
      ],
      // Public by token: an unknown token is 404 for everyone, signed in or not.
      ['GET', `/api/calendar/feeds/${guestToken}.ics`, undefined, { ...outsider(404), anonymous: [404] }],
      [
        'GET',
        `/api/calendar/feeds/${guestToken}/groups/${group}.ics`,
        undefined,
        { ...outsider(404), anonymous: [404] },
      ],
      ['GET', `/api/guest/${guestToken}`, undefined, { ...outsider(404), anonymous: [404] }],
      ['POST', `/api/guest/${guestToken}/answer`, { answer: 'yes' }, { ...outsider(404), anonymous: [404] }],
      ['GET', `/api/guest/${guestToken}/ics`, undefined, { ...outsider(404), anonymous: [404] }],
      // Minutes (issue #6): draft minutes only for those who manage the meeting; wrong states and
      // stale versions 409; exports exist only after the first release (404 before).
      ['GET', '/api/decisions', undefined, everyone],
      ['GET', `/api/meetings/${meeting}/open-points`, undefined, outsider(200)],
      ['GET', `/api/meetings/${meeting}/minutes`, undefined, outsider(200)],
      ['POST', `/api/meetings/${meeting}/minutes`, undefined, outsider(409)],
      ['GET', `/api/minutes/${minutes}`, undefined, outsider(200)],
      [
        'PUT',
        `/api/minutes/${minutes}`,
        { version: 999, generalNotes: '', itemNotes: {}, publishLevel: 'group', entries: [] },
        outsider(409),
      ],
      ['POST', `/api/minutes/${minutes}/submit`, { version: 999, reviewDeadline: '2030-01-20' }, outsider(409)],
      ['POST', `/api/minutes/${minutes}/reopen`, { version: 999 }, outsider(409)],
      [
        'POST',
        `/api/minutes/${minutes}/approve`,
        undefined,
        { ...outsider(403), coordinator: [403, 409], admin: [403, 409] },
      ],
      ['POST', `/api/minutes/${minutes}/comments`, { body: 'Matrix-Kommentar' }, outsider(201)],
      ['POST', `/api/minutes/${minutes}/release`, { version: 999 }, outsider(409)],
      ['POST', `/api/minutes/${minutes}/revise`, { version: 999, changeNote: 'Matrix' }, outsider(409)],
      ['GET', `/api/minutes/${minutes}/export.pdf`, undefined, outsider(404)],
      ['GET', `/api/minutes/${minutes}/export.md`, undefined, outsider(404)],
      // Notifications (issue #7): everyone their own centre and choices; defaults for coordination;
      // queues and failed e-mails for admins; the e-mail links are public by signed token.
      [
        'PUT',
        `/api/meeting-series/${UNKNOWN_ID}/reminders`,
        { version: 1, meetingReminders: null, agendaCallDaysBefore: null },
        { anonymous: [401], member: [404], coordinator: [404], admin: [404] },
      ],
      ['GET', '/api/notifications', undefined, everyone],
      ['GET', '/api/notifications/unread-count', undefined, everyone],
      ['POST', '/api/notifications/read-all', undefined, everyone],
      [
        'POST',
        `/api/notifications/${UNKNOWN_ID}/read`,
        undefined,
        { ...everyone, member: [404], coordinator: [404], admin: [404] },
      ],
      ['GET', '/api/notification-preferences', undefined, everyone],
      ['PUT', '/api/notification-preferences', { choices: [{ kind: 'task_due', channel: 'email' }] }, everyone],
      ['GET', `/api/unsubscribe/${guestToken}`, undefined, { ...outsider(404), anonymous: [404] }],
      ['POST', `/api/unsubscribe/${guestToken}`, { channel: 'off' }, { ...outsider(404), anonymous: [404] }],
      [
        'GET',
        '/api/notification-settings',
        undefined,
        { anonymous: [401], member: [403], coordinator: [200], admin: [200] },
      ],
      [
        'PUT',
        '/api/notification-settings',
        {
          version: 999,
          settings: {
            channels: {},
            meetingReminders: [],
            agendaCallDaysBefore: null,
            taskDueSoonDays: null,
            minutesDeadlineDays: null,
          },
        },
        { anonymous: [401], member: [403], coordinator: [409], admin: [409] },
      ],
      [
        'GET',
        '/api/admin/notifications/health',
        undefined,
        { anonymous: [401], member: [403], coordinator: [403], admin: [200] },
      ],
      [
        'GET',
        '/api/admin/notifications/failed',
        undefined,
        { anonymous: [401], member: [403], coordinator: [403], admin: [200] },
      ],
      [
        'POST',
        `/api/admin/reminders/${UNKNOWN_ID}/retry`,
        undefined,
        { anonymous: [401], member: [403], coordinator: [403], admin: [404] },
      ],
      [
        'POST',
        `/api/admin/mail/${UNKNOWN_ID}/retry`,
        undefined,
        { anonymous: [401], member: [403], coordinator: [403], admin: [404] },
      ],
    ];
    const failures: string[] = [];
    for (const [method, path, body, expected] of routes) {
      for (const [role, client] of Object.entries(clients) as Array<[keyof typeof clients, TestHttpClient]>) {
        const { status } = await client.request(method, path, { body });
        if (!expected[role].includes(status))
          failures.push(`${role} ${method} ${path}: ${status}, expected ${expected[role].join('/')}`);
      }
    }
    expect(failures).toEqual([]);
    // About 90 routes × 4 roles, one request each: generous on a loaded 2-core machine.
  }, 180_000);

  it('lists and filters people', async () => {
    const { client } = await person('admin');
    await person('coordinator');
    const all = await client.get('/api/accounts');
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThan(2);
    const coordinators = await client.get('/api/accounts?role=coordinator&status=active');
    expect(coordinators.body.every((a: { role: string }) => a.role === 'coordinator')).toBe(true);
    expect(coordinators.body[0]).toMatchObject({ secondFactorEnabled: true, version: expect.any(Number) });
    expect((await client.get('/api/accounts?role=king')).status).toBe(400);
  });

  it('changes a role, audits before/after, and refuses a stale version with 409', async () => {
    const { client } = await person('admin');
    const { account } = await person('member');
    const promoted = await client.request('PATCH', `/api/accounts/${account.id}`, {
      body: { role: 'coordinator', version: account.version },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'coordinator', version: account.version + 1 });
    const stale = await client.request('PATCH', `/api/accounts/${account.id}`, {
      body: { role: 'admin', version: account.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    const { rows } = await pg.query(`SELECT role FROM account WHERE id = $1`, [account.id]);
    expect(rows[0].role).toBe('coordinator');
    const audit = await pg.query(
      `SELECT details FROM audit_event WHERE action = 'account.updated' AND subject_id = $1`,
      [account.id],
    );
    expect(audit.rows[0].details).toMatchObject({ before: { role: 'member' }, after: { role: 'coordinator' } });
  });

  it('deactivating someone ends their sessions; they cannot sign in', async () => {
    const { client } = await person('admin');
    const member = await person('member');
    const response = await client.request('PATCH', `/api/accounts/${member.account.id}`, {
      body: { status: 'deactivated', version: member.account.version },
    });
    expect(response.status).toBe(200);
    expect((await member.client.get('/api/auth/me')).status).toBe(401);
    const again = new TestHttpClient(url);
    await again.get('/api/auth/me');
    expect((await again.post('/api/auth/login', { email: member.account.email, password: PASSWORD })).status).toBe(401);
  });

  it("400 for bad input and mass assignment, 404 for unknown ids, 409 for one's own account", async () => {
    const { client, account } = await person('admin');
    expect(
      (await client.request('PATCH', `/api/accounts/${account.id}`, { body: { status: 'deactivated', version: 1 } }))
        .status,
    ).toBe(409);
    expect(
      (
        await client.request('PATCH', '/api/accounts/00000000-0000-4000-8000-000000000000', {
          body: { role: 'member', version: 1 },
        })
      ).status,
    ).toBe(404);
    expect((await client.request('PATCH', '/api/accounts/nope', { body: { role: 'member', version: 1 } })).status).toBe(
      404,
    );
    const other = (await person('member')).account;
    const extra = await client.request('PATCH', `/api/accounts/${other.id}`, {
      body: { role: 'member', version: 1, email: 'x@y.de' },
    });
    expect(extra.status).toBe(400);
    expect(
      (await client.request('PATCH', `/api/accounts/${other.id}`, { body: { role: 'king', version: 1 } })).status,
    ).toBe(400);
  });

  it('shows the audit log newest first, filtered, page by page', async () => {
    const { client } = await person('admin');
    const failed = await client.get('/api/audit?action=auth.login');
    expect(failed.status).toBe(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    expect(failed.body.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    const times = failed.body.items.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    // Page through everything with the cursor.
    await pg.query(
      `INSERT INTO audit_event (action, occurred_at) SELECT 'test.bulk', now() - (i || ' seconds')::interval FROM generate_series(1, 120) i`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await client.get(`/api/audit?action=test.bulk${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect((await client.get('/api/audit?actorId=not-a-uuid')).status).toBe(400);
  });
});
