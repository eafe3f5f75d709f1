import { resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { berlinDate, TestHttpClient, TestPerson, UNKNOWN_ID, useApiHarness } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

// pdfjs wants the standard font data for Helvetica; without it it only warns, but the warning hides real ones.
const standardFontDataUrl = `${resolve('node_modules/pdfjs-dist/standard_fonts')}/`;

interface MeetingSpec {
  title?: string;
  hostGroupId?: string | null;
  organizer?: TestPerson | null;
  invitees?: TestPerson[];
  present?: TestPerson[];
  excused?: TestPerson[];
  agenda?: string[];
  startsAt?: string;
  status?: 'scheduled' | 'cancelled';
  seriesId?: string | null;
  inviteAll?: boolean;
}

// Tests read arbitrary JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Reads a PDF back and returns its text with whitespace collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join(' ').replace(/\s+/g, ' ');
}

/**
 * Minutes (#6): who sees and writes them in which state (managers, attendees, invitees, the host
 * group, outsiders, coordinators), the autosaved draft with field errors and optimistic locking,
 * review with comments and approvals, release in one transaction (tasks from action items in
 * their groups, frozen revision, decision register), revisions, PDF and Markdown exports, the
 * decision register with German search and filters, the open points of a series' next meeting,
 * and the audit log. Meetings are inserted with SQL (their api is tested on its own).
 */
describe('minutes', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Protokolltest',
  });
  const { next, newPerson, newGroup, putIn } = api;

  // ---------------------------------------------------------------------------------------------
  // Factories and helpers
  // ---------------------------------------------------------------------------------------------

  /** A meeting series (its occurrences are inserted with newMeeting). */
  async function newSeries(hostGroupId: string | null): Promise<string> {
    const { rows } = await api.pg.query(
      `INSERT INTO meeting_series (title, kind, format, host_group_id, rule, version)
       VALUES ('Monatsrunde', 'monatsrunde', 'online', $1, $2::jsonb, 1) RETURNING id`,
      [
        hostGroupId,
        JSON.stringify({
          frequency: 'monthly',
          interval: 1,
          monthlyBy: 'weekday',
          weekday: 'we',
          setPosition: 2,
          startDate: '2026-01-01',
          startTime: '10:00',
          durationMinutes: 90,
          count: 12,
        }),
      ],
    );
    return rows[0].id as string;
  }

  /** A meeting with agenda, invitations and attendance, inserted directly. */
  async function newMeeting(spec: MeetingSpec = {}): Promise<{ id: string; agenda: string[]; title: string }> {
    const startsAt = spec.startsAt ?? '2026-01-14T09:00:00Z';
    const title = spec.title ?? `Sitzung ${next()}`;
    const { rows } = await api.pg.query(
      `INSERT INTO meeting (series_id, occurrence_date, kind, title, format, starts_at, ends_at, host_group_id,
                            organizer_id, status, invite_all, version)
       VALUES ($1, CASE WHEN $1::uuid IS NULL THEN NULL ELSE ($2::timestamptz AT TIME ZONE 'Europe/Berlin')::date END,
               'uag_sitzung', $3, 'hybrid', $2, $2::timestamptz + interval '90 minutes', $4, $5, $6, $7, 1)
       RETURNING id`,
      [
        spec.seriesId ?? null,
        startsAt,
        title,
        spec.hostGroupId ?? null,
        spec.organizer?.id ?? null,
        spec.status ?? 'scheduled',
        spec.inviteAll ?? false,
      ],
    );
    const id = rows[0].id as string;
    for (const person of spec.invitees ?? []) {
      await api.pg.query(`INSERT INTO meeting_person_invitation (meeting_id, account_id) VALUES ($1, $2)`, [
        id,
        person.id,
      ]);
    }
    for (const [status, people] of [
      ['present', spec.present ?? []],
      ['excused', spec.excused ?? []],
    ] as const) {
      for (const person of people) {
        await api.pg.query(
          `INSERT INTO meeting_attendance (meeting_id, account_id, status, mode) VALUES ($1, $2, $3, $4)`,
          [id, person.id, status, status === 'present' ? 'online' : null],
        );
      }
    }
    const agenda: string[] = [];
    for (const [index, itemTitle] of (spec.agenda ?? ['Begrüßung', 'Berichte']).entries()) {
      const item = await api.pg.query(
        `INSERT INTO agenda_item (meeting_id, position, title, status, version) VALUES ($1, $2, $3, 'accepted', 1)
         RETURNING id`,
        [id, index + 1, itemTitle],
      );
      agenda.push(item.rows[0].id as string);
    }
    return { id, agenda, title };
  }

  /** Starts minutes through the api (expects 201). */
  async function newMinutes(person: TestPerson, meetingId: string): Promise<Json> {
    const response = await person.client.post(`/api/meetings/${meetingId}/minutes`);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  const put = (person: TestPerson, id: string, body: unknown) =>
    person.client.request('PUT', `/api/minutes/${id}`, { body });

  /** A save body from the current minutes with some fields replaced. */
  const draft = (minutes: Json, fields: Record<string, unknown> = {}) => ({
    version: minutes.version,
    generalNotes: minutes.generalNotes,
    itemNotes: {},
    publishLevel: minutes.publishLevel,
    entries: [],
    ...fields,
  });

  /** Saves (expects 200). */
  async function save(person: TestPerson, minutes: Json, fields: Record<string, unknown>): Promise<Json> {
    const response = await put(person, minutes.id, draft(minutes, fields));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  /** Runs an action on the minutes (expects 200). */
  async function act(
    person: TestPerson,
    minutes: Json,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<Json> {
    const response = await person.client.post(`/api/minutes/${minutes.id}/${action}`, {
      version: minutes.version,
      ...body,
    });
    expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  }

  /** Writes, submits and releases minutes with these entries (a coordinator acts). */
  async function released(
    coordinator: TestPerson,
    meetingId: string,
    entries: Array<Record<string, unknown>>,
    publishLevel: 'group' | 'initiative' = 'group',
  ): Promise<Json> {
    let minutes = await newMinutes(coordinator, meetingId);
    minutes = await save(coordinator, minutes, { entries, publishLevel });
    minutes = await act(coordinator, minutes, 'submit', { reviewDeadline: berlinDate(7) });
    return act(coordinator, minutes, 'release');
  }

  /** The audit rows of some minutes, oldest first. */
  async function audit(minutesId: string): Promise<Array<{ action: string; actor_id: string; details: Json }>> {
    const { rows } = await api.pg.query(
      `SELECT action, actor_id, details FROM audit_event
        WHERE subject_type = 'minutes' AND subject_id = $1 ORDER BY occurred_at, id`,
      [minutesId],
    );
    return rows;
  }

  /** A GET that keeps the body as bytes (exports). */
  async function download(person: TestPerson, path: string) {
    const response = await fetch(`${api.url}${path}`, {
      headers: { cookie: [...person.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  const fieldsOf = (body: Json) => (body.details as Array<{ field: string }>).map((d) => d.field);
  const entryTexts = (minutes: Json) => [
    ...minutes.items.flatMap((i: Json) => i.entries.map((e: Json) => e.text)),
    ...minutes.entries.map((e: Json) => e.text),
  ];

  // ---------------------------------------------------------------------------------------------
  describe('POST and GET /api/meetings/:meetingId/minutes', () => {
    it('lets the host group lead start the minutes; others get 403, 404 or 401 and nothing is written', async () => {
      const group = await newGroup('Mobilität');
      const lead = await newPerson('member', 'Lena Leitung');
      const member = await newPerson('member', 'Max Mitglied');
      const invitee = await newPerson('member', 'Ina Eingeladen');
      const attendee = await newPerson('member', 'Anton Anwesend');
      const outsider = await newPerson('member', 'Otto Außen');
      await putIn(group, lead, 'lead');
      await putIn(group, member);
      const meeting = await newMeeting({
        title: 'UAG-Sitzung Mobilität Januar',
        hostGroupId: group,
        invitees: [invitee, attendee],
        present: [attendee, lead],
        excused: [invitee],
        agenda: ['Begrüßung', 'Ladesäulen'],
      });

      // Those who see the meeting but do not run it: 403; those who do not see it: 404.
      for (const person of [member, invitee, attendee]) {
        const refused = await person.client.post(`/api/meetings/${meeting.id}/minutes`);
        expect(refused.status).toBe(403);
        expect(refused.body.message).toContain('Koordination');
      }
      const hidden = await outsider.client.post(`/api/meetings/${meeting.id}/minutes`);
      const missing = await outsider.client.post(`/api/meetings/${UNKNOWN_ID}/minutes`);
      expect(hidden.status).toBe(404);
      expect({ ...hidden.body, correlationId: null }).toEqual({ ...missing.body, correlationId: null });
      expect((await outsider.client.post(`/api/meetings/kaputt/minutes`)).status).toBe(404);
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.post(`/api/meetings/${meeting.id}/minutes`)).status).toBe(401);
      expect((await anonymous.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(401);
      expect((await lead.client.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(404);
      const { rows: none } = await api.pg.query(`SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1`, [
        meeting.id,
      ]);
      expect(none[0].n).toBe(0);

      const created = await lead.client.post(`/api/meetings/${meeting.id}/minutes`);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        meetingId: meeting.id,
        meeting: { title: 'UAG-Sitzung Mobilität Januar', kind: 'uag_sitzung', hostGroup: { id: group } },
        status: 'draft',
        revision: 1,
        version: 1,
        publishLevel: 'group',
        revisionInProgress: false,
        items: [
          { id: meeting.agenda[0], number: 1, title: 'Begrüßung', entries: [] },
          { id: meeting.agenda[1], number: 2, title: 'Ladesäulen', entries: [] },
        ],
        entries: [],
        approvals: [],
        expectedApprovers: 2,
        revisions: [],
        permissions: { edit: true, submit: true, approve: false, release: false, revise: false, export: false },
      });
      // Present first, then excused; by name.
      expect(created.body.attendance.map((a: Json) => [a.person.name, a.status])).toEqual([
        ['Anton Anwesend', 'present'],
        ['Lena Leitung', 'present'],
        ['Ina Eingeladen', 'excused'],
      ]);
      const again = await lead.client.post(`/api/meetings/${meeting.id}/minutes`);
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('bereits ein Protokoll');

      // A draft is the writers' own: readers of the meeting and the host group get 404.
      const read = await lead.client.get(`/api/meetings/${meeting.id}/minutes`);
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(created.body.id);
      expect((await lead.client.get(`/api/minutes/${created.body.id}`)).body.id).toBe(created.body.id);
      for (const person of [member, invitee, attendee, outsider]) {
        expect((await person.client.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(404);
        expect((await person.client.get(`/api/minutes/${created.body.id}`)).status).toBe(404);
      }
      expect((await outsider.client.get(`/api/minutes/${UNKNOWN_ID}`)).status).toBe(404);
      expect(await audit(created.body.id)).toEqual([
        { action: 'minutes.created', actor_id: lead.id, details: { meetingId: meeting.id } },
      ]);
    });

    it('lets organisers and coordinators start minutes for any meeting, but not for a cancelled one', async () => {
      const organizer = await newPerson('member', 'Olga Organisatorin');
      const coordinator = await newPerson('coordinator', 'Kora Koordination');
      const own = await newMeeting({ organizer });
      expect((await newMinutes(organizer, own.id)).permissions.edit).toBe(true);
      const other = await newMeeting({ hostGroupId: await newGroup() });
      expect((await newMinutes(coordinator, other.id)).status).toBe('draft');
      const cancelled = await newMeeting({ organizer, status: 'cancelled' });
      const refused = await organizer.client.post(`/api/meetings/${cancelled.id}/minutes`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('abgesagt');
    });
  });

  it('answers 401 on every minutes route when signed out', async () => {
    const anonymous = new TestHttpClient(api.url);
    await anonymous.get('/api/auth/me');
    const id = UNKNOWN_ID;
    const requests: Array<[string, string, unknown?]> = [
      ['GET', `/api/meetings/${id}/minutes`],
      ['POST', `/api/meetings/${id}/minutes`],
      ['GET', `/api/meetings/${id}/open-points`],
      ['GET', '/api/decisions'],
      ['GET', `/api/minutes/${id}`],
      ['PUT', `/api/minutes/${id}`, { version: 1 }],
      ['POST', `/api/minutes/${id}/submit`, { version: 1, reviewDeadline: berlinDate(1) }],
      ['POST', `/api/minutes/${id}/reopen`, { version: 1 }],
      ['POST', `/api/minutes/${id}/approve`],
      ['POST', `/api/minutes/${id}/comments`, { body: 'x' }],
      ['POST', `/api/minutes/${id}/release`, { version: 1 }],
      ['POST', `/api/minutes/${id}/revise`, { version: 1, changeNote: 'x' }],
      ['GET', `/api/minutes/${id}/export.pdf`],
      ['GET', `/api/minutes/${id}/export.md`],
    ];
    for (const [method, path, body] of requests) {
      const response = await anonymous.request(method, path, { body });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  // ---------------------------------------------------------------------------------------------
  describe('PUT /api/minutes/:id (autosave)', () => {
    it('saves the whole draft: notes per item, entries in order with stable ids; audits what changed', async () => {
      const group = await newGroup('Daten');
      const lead = await newPerson('member', 'Lea Leitung');
      const member = await newPerson('member', 'Mia Mitglied');
      await putIn(group, lead, 'lead');
      await putIn(group, member);
      const meeting = await newMeeting({ hostGroupId: group, agenda: ['Begrüßung', 'Datenkatalog'] });
      const minutes = await newMinutes(lead, meeting.id);
      const [top1, top2] = meeting.agenda;

      const first = await save(lead, minutes, {
        generalNotes: 'Die Leitung **begrüßt** alle.<script>alert(1)</script>',
        itemNotes: { [top1]: 'Keine Einwände.', [top2]: '  ' },
        publishLevel: 'initiative',
        entries: [
          { agendaItemId: top2, kind: 'decision', text: 'Der Datenkatalog wird öffentlich.' },
          {
            agendaItemId: top2,
            kind: 'action_item',
            text: 'Katalog veröffentlichen',
            groupId: group,
            assigneeIds: [member.id],
            dueDate: '2026-12-18',
          },
          { agendaItemId: null, kind: 'information', text: 'Nächster Termin im Februar.', confidential: true },
          { agendaItemId: top1, kind: 'information', text: 'Information mit Gruppe', groupId: group },
        ],
      });
      expect(first).toMatchObject({
        version: 2,
        publishLevel: 'initiative',
        generalNotes: expect.stringContaining('**'),
      });
      expect(first.generalNotesHtml).toContain('<strong>begrüßt</strong>');
      expect(first.generalNotesHtml).not.toContain('<script');
      expect(first.items[0]).toMatchObject({ notes: 'Keine Einwände.', notesHtml: '<p>Keine Einwände.</p>\n' });
      expect(first.items[1].notes).toBe('');
      expect(first.items[1].entries).toMatchObject([
        { kind: 'decision', text: 'Der Datenkatalog wird öffentlich.', assignees: [], group: null, task: null },
        {
          kind: 'action_item',
          assignees: [{ id: member.id, name: 'Mia Mitglied' }],
          dueDate: '2026-12-18',
          group: { id: group, shortName: 'Daten' },
          task: null,
        },
      ]);
      // Fields only action items have are cleared on other kinds.
      expect(first.items[0].entries).toMatchObject([{ text: 'Information mit Gruppe', group: null }]);
      expect(first.entries).toMatchObject([{ text: 'Nächster Termin im Februar.', confidential: true }]);

      // Reorder, edit, drop one, add one; an unknown id gets a new one.
      const [decision, action] = first.items[1].entries;
      const second = await save(lead, first, {
        generalNotes: first.generalNotes,
        itemNotes: { [top1]: 'Keine Einwände.' },
        publishLevel: 'initiative',
        entries: [
          { id: action.id, agendaItemId: top2, kind: 'action_item', text: 'Katalog veröffentlichen', groupId: group },
          { id: decision.id, agendaItemId: top2, kind: 'decision', text: 'Der Datenkatalog wird öffentlich (CC BY).' },
          { id: UNKNOWN_ID, agendaItemId: null, kind: 'information', text: 'Neu' },
        ],
      });
      expect(second.version).toBe(3);
      expect(second.items[1].entries.map((e: Json) => [e.id, e.text, e.assignees.length])).toEqual([
        [action.id, 'Katalog veröffentlichen', 0],
        [decision.id, 'Der Datenkatalog wird öffentlich (CC BY).', 0],
      ]);
      expect(second.items[0].entries).toEqual([]);
      expect(second.entries.map((e: Json) => e.text)).toEqual(['Neu']);
      expect(second.entries[0].id).not.toBe(UNKNOWN_ID);
      const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM minutes_entry WHERE minutes_id = $1`, [
        minutes.id,
      ]);
      expect(rows[0].n).toBe(3);

      // The same body again changes nothing: same version, no audit row.
      const same = await put(lead, minutes.id, {
        version: 3,
        generalNotes: first.generalNotes,
        itemNotes: { [top1]: 'Keine Einwände.' },
        publishLevel: 'initiative',
        entries: [
          { id: action.id, agendaItemId: top2, kind: 'action_item', text: 'Katalog veröffentlichen', groupId: group },
          { id: decision.id, agendaItemId: top2, kind: 'decision', text: 'Der Datenkatalog wird öffentlich (CC BY).' },
          { id: second.entries[0].id, agendaItemId: null, kind: 'information', text: 'Neu' },
        ],
      });
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(3);

      const rowsAudit = await audit(minutes.id);
      expect(rowsAudit.map((r) => r.action)).toEqual(['minutes.created', 'minutes.saved', 'minutes.saved']);
      expect(rowsAudit[1].details).toEqual({
        changed: ['generalNotes', 'itemNotes', 'publishLevel', 'entries'],
        entryCount: 4,
        entriesAdded: 4,
        entriesChanged: 0,
        entriesRemoved: 0,
        publishLevel: 'initiative',
        version: 2,
      });
      // The blank note of TOP 2 was never stored, so the notes did not change.
      expect(rowsAudit[2].details).toMatchObject({
        changed: ['entries'],
        entryCount: 3,
        entriesAdded: 1,
        entriesChanged: 2,
        entriesRemoved: 2,
      });
      // The text itself stays out of the audit log.
      expect(JSON.stringify(rowsAudit)).not.toContain('Datenkatalog');
    });

    it('refuses invalid drafts with 400 and field errors (entries by index), and writes nothing', async () => {
      const group = await newGroup();
      const archived = await newGroup();
      await api.pg.query(`UPDATE working_group SET status = 'archived' WHERE id = $1`, [archived]);
      const lead = await newPerson();
      const stranger = await newPerson();
      await putIn(group, lead, 'lead');
      const meeting = await newMeeting({ hostGroupId: group });
      const foreign = await newMeeting({ hostGroupId: group });
      const minutes = await newMinutes(lead, meeting.id);
      const ok = { kind: 'information', text: 'Gültig' };
      const action = { kind: 'action_item', text: 'Aufgabe', groupId: group };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ itemNotes: { [foreign.agenda[0]]: 'Fremder TOP' } }, `itemNotes.${foreign.agenda[0]}`],
        [{ itemNotes: { 'kein-top': 'x' } }, 'itemNotes'],
        [{ itemNotes: 'Text' }, 'itemNotes'],
        [{ entries: [{ ...action, assigneeIds: [stranger.id] }] }, 'entries.0.assigneeIds'],
        [{ entries: [ok, { ...action, groupId: archived }] }, 'entries.1.groupId'],
        [{ entries: [{ ...action, groupId: UNKNOWN_ID }] }, 'entries.0.groupId'],
        [{ entries: [{ ...ok, agendaItemId: foreign.agenda[1] }] }, 'entries.0.agendaItemId'],
        [{ entries: [{ ...ok, text: '   ' }] }, 'entries.0.text'],
        [{ entries: [{ ...ok, text: 'x'.repeat(5001) }] }, 'entries.0.text'],
        [{ entries: [{ ...ok, kind: 'wish' }] }, 'entries.0.kind'],
        [{ entries: [{ ...action, dueDate: '2026-02-30' }] }, 'entries.0.dueDate'],
        [{ entries: [{ ...ok, taskId: UNKNOWN_ID }] }, 'entries.0.taskId'],
        [{ entries: Array.from({ length: 201 }, () => ok) }, 'entries'],
        [{ generalNotes: 'x'.repeat(20_001) }, 'generalNotes'],
        [{ publishLevel: 'public' }, 'publishLevel'],
        [{ version: undefined }, 'version'],
        [{ status: 'released' }, 'status'],
      ];
      for (const [fields, field] of cases) {
        const response = await put(lead, minutes.id, draft(minutes, fields));
        expect(response.status, JSON.stringify(fields).slice(0, 200)).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(response.body), JSON.stringify(fields).slice(0, 200)).toContain(field);
      }
      const { rows } = await api.pg.query(`SELECT version FROM minutes WHERE id = $1`, [minutes.id]);
      expect(rows[0].version).toBe(1);
      expect((await audit(minutes.id)).map((r) => r.action)).toEqual(['minutes.created']);

      // An action item without its group yet is a normal draft (autosave keeps everything else);
      // sending the minutes to review insists on the group.
      const saved = await put(
        lead,
        minutes.id,
        draft(minutes, { entries: [ok, ok, { kind: 'action_item', text: 'Ohne Gruppe' }] }),
      );
      expect(saved.status).toBe(200);
      const submit = await lead.client.post(`/api/minutes/${minutes.id}/submit`, {
        version: saved.body.version,
        reviewDeadline: berlinDate(7),
      });
      expect(submit.status).toBe(400);
      expect(fieldsOf(submit.body)).toEqual(['entries.2.groupId']);
    });

    it('answers a stale version with 409 and the current version; unseen or unknown minutes with 404', async () => {
      const group = await newGroup();
      const lead = await newPerson();
      const colead = await newPerson();
      const member = await newPerson();
      await putIn(group, lead, 'lead');
      await putIn(group, colead, 'lead');
      await putIn(group, member);
      const meeting = await newMeeting({ hostGroupId: group });
      const minutes = await newMinutes(lead, meeting.id);
      await save(colead, minutes, { generalNotes: 'Zuerst gespeichert' });
      const stale = await put(lead, minutes.id, draft(minutes, { generalNotes: 'Zu spät' }));
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect(stale.body.details).toEqual({ currentVersion: 2 });
      for (const id of [minutes.id, UNKNOWN_ID, 'kaputt']) {
        expect((await put(member, id, draft(minutes, { version: 2 }))).status).toBe(404);
      }
      const { rows } = await api.pg.query(`SELECT general_notes FROM minutes WHERE id = $1`, [minutes.id]);
      expect(rows[0].general_notes).toBe('Zuerst gespeichert');
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('review: submit, comment, approve, reopen', () => {
    it('shows the minutes in review to attendees (with confidential entries), who comment and approve once', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', 'Lutz Leitung');
      const anna = await newPerson('member', 'Anna Anwesend');
      const bert = await newPerson('member', 'Bert Beisitz');
      const ines = await newPerson('member', 'Ines Entschuldigt');
      const hostMember = await newPerson('member', 'Hanna Host');
      await putIn(group, lead, 'lead');
      await putIn(group, hostMember);
      const meeting = await newMeeting({
        hostGroupId: group,
        invitees: [anna, bert, ines],
        present: [anna, bert],
        excused: [ines],
      });
      let minutes = await newMinutes(lead, meeting.id);
      minutes = await save(lead, minutes, {
        entries: [
          { agendaItemId: meeting.agenda[1], kind: 'decision', text: 'Öffentlicher Beschluss' },
          { agendaItemId: meeting.agenda[1], kind: 'decision', text: 'Vertraulicher Beschluss', confidential: true },
        ],
      });

      // Submitting needs a deadline from today up to 60 days ahead, and the current version.
      const submitCases: Array<[Record<string, unknown>, number, string?]> = [
        [{ reviewDeadline: berlinDate(-1) }, 400, 'reviewDeadline'],
        [{ reviewDeadline: berlinDate(61) }, 400, 'reviewDeadline'],
        [{ reviewDeadline: '14.01.2026' }, 400, 'reviewDeadline'],
        [{}, 400, 'reviewDeadline'],
        [{ reviewDeadline: berlinDate(7), version: minutes.version - 1 }, 409],
      ];
      for (const [body, status, field] of submitCases) {
        const response = await lead.client.post(`/api/minutes/${minutes.id}/submit`, {
          version: minutes.version,
          ...body,
        });
        expect(response.status, JSON.stringify(body)).toBe(status);
        if (field) expect(fieldsOf(response.body)).toContain(field);
      }
      expect(
        (await anna.client.post(`/api/minutes/${minutes.id}/submit`, { version: 2, reviewDeadline: berlinDate(7) }))
          .status,
      ).toBe(404);
      minutes = await act(lead, minutes, 'submit', { reviewDeadline: berlinDate(60) });
      expect(minutes).toMatchObject({ status: 'in_review', reviewDeadline: berlinDate(60), version: 3 });
      expect(minutes.permissions).toMatchObject({ edit: false, release: true, reopen: true, approve: false });
      const resubmit = await lead.client.post(`/api/minutes/${minutes.id}/submit`, {
        version: minutes.version,
        reviewDeadline: berlinDate(7),
      });
      expect(resubmit.status).toBe(409);
      expect(resubmit.body.details).toEqual({ status: 'in_review' });
      // Attendees see the minutes now, but sending, taking back and releasing is for the writers.
      for (const action of ['submit', 'reopen', 'release']) {
        const response = await anna.client.post(`/api/minutes/${minutes.id}/${action}`, {
          version: minutes.version,
          ...(action === 'submit' ? { reviewDeadline: berlinDate(7) } : {}),
        });
        expect(response.status, action).toBe(403);
      }
      expect(fieldsOf((await lead.client.post(`/api/minutes/${minutes.id}/reopen`, {})).body)).toContain('version');

      // Attendees see it with confidential entries; the excused invitee and the host group do not.
      const seen = await anna.client.get(`/api/meetings/${meeting.id}/minutes`);
      expect(seen.status).toBe(200);
      expect(entryTexts(seen.body)).toEqual(['Öffentlicher Beschluss', 'Vertraulicher Beschluss']);
      expect(seen.body.permissions).toMatchObject({ approve: true, comment: true, edit: false, release: false });
      for (const person of [ines, hostMember]) {
        expect((await person.client.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(404);
        expect((await person.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(404);
        expect((await person.client.post(`/api/minutes/${minutes.id}/comments`, { body: 'Hallo' })).status).toBe(404);
      }
      // Editing is over: 409 for the writer, 403 for an attendee.
      const locked = await put(lead, minutes.id, draft(minutes));
      expect(locked.status).toBe(409);
      expect(locked.body.message).toBe('Das Protokoll ist in Abstimmung und kann nicht bearbeitet werden.');
      expect((await put(anna, minutes.id, draft(minutes))).status).toBe(403);
      expect((await anna.client.post(`/api/minutes/${minutes.id}/release`, { version: 3 })).status).toBe(403);

      const comment = await anna.client.post(`/api/minutes/${minutes.id}/comments`, {
        body: 'Bitte **TOP 2** ergänzen.',
      });
      expect(comment.status).toBe(201);
      expect(comment.body.comments).toMatchObject([
        { author: { id: anna.id, name: 'Anna Anwesend' }, body: 'Bitte **TOP 2** ergänzen.', revision: 1 },
      ]);
      expect(comment.body.comments[0].bodyHtml).toContain('<strong>TOP 2</strong>');
      expect((await anna.client.post(`/api/minutes/${minutes.id}/comments`, { body: ' ' })).status).toBe(400);
      expect((await anna.client.post(`/api/minutes/${minutes.id}/comments`, { body: 'x', extra: 1 })).status).toBe(400);

      const approved = await anna.client.post(`/api/minutes/${minutes.id}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body.approvals).toMatchObject([{ person: { id: anna.id, name: 'Anna Anwesend' } }]);
      expect(approved.body).toMatchObject({ expectedApprovers: 2, permissions: { approve: false } });
      const twice = await anna.client.post(`/api/minutes/${minutes.id}/approve`);
      expect(twice.status).toBe(409);
      expect(twice.body.message).toContain('bereits zugestimmt');
      // The writer did not attend: no approval from them.
      expect((await lead.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(403);
      // After the deadline no more approvals.
      await api.pg.query(`UPDATE minutes SET review_deadline = $2 WHERE id = $1`, [minutes.id, berlinDate(-1)]);
      const late = await bert.client.post(`/api/minutes/${minutes.id}/approve`);
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('Frist');
      await api.pg.query(`UPDATE minutes SET review_deadline = $2 WHERE id = $1`, [minutes.id, berlinDate(3)]);
      expect((await bert.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(200);

      // Reopening removes the approvals (the text will change) and keeps the comments.
      expect((await lead.client.post(`/api/minutes/${minutes.id}/reopen`, { version: 2 })).status).toBe(409);
      const reopened = await act(lead, minutes, 'reopen');
      expect(reopened).toMatchObject({ status: 'draft', reviewDeadline: null, approvals: [], version: 4 });
      expect(reopened.comments).toHaveLength(1);
      expect((await anna.client.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(404);
      expect((await anna.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(404);
      const again = await lead.client.post(`/api/minutes/${minutes.id}/reopen`, { version: 4 });
      expect(again.status).toBe(409);
      expect(again.body.details).toEqual({ status: 'draft' });
      // The writers may note something on the draft.
      expect((await lead.client.post(`/api/minutes/${minutes.id}/comments`, { body: 'Erledigt.' })).status).toBe(201);

      expect((await audit(minutes.id)).map((r) => [r.action, r.actor_id])).toEqual([
        ['minutes.created', lead.id],
        ['minutes.saved', lead.id],
        ['minutes.submitted', lead.id],
        ['minutes.commented', anna.id],
        ['minutes.approved', anna.id],
        ['minutes.approved', bert.id],
        ['minutes.reopened', lead.id],
        ['minutes.commented', lead.id],
      ]);
      const rows = await audit(minutes.id);
      expect(rows[2].details).toEqual({ revision: 1, reviewDeadline: berlinDate(60) });
      expect(rows[6].details).toEqual({ revision: 1, approvalsRemoved: 2 });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('release, tasks, open points, revisions and exports', () => {
    it('runs the whole flow from draft to a released revision 2', async () => {
      const mobility = await newGroup('Mobilität');
      const data = await newGroup('Daten');
      const lead = await newPerson('member', 'Lena Leitung');
      const anna = await newPerson('member', 'Anna Aufgabe');
      const bruno = await newPerson('member', 'Bruno Daten');
      const carla = await newPerson('member', 'Carla Eingeladen');
      const otto = await newPerson('member', 'Otto Außen');
      const coordinator = await newPerson('coordinator', 'Kai Koordination');
      await putIn(mobility, lead, 'lead');
      await putIn(mobility, anna);
      await putIn(data, bruno);
      const series = await newSeries(mobility);
      const invitees = [anna, bruno, carla];
      const january = await newMeeting({
        title: 'Monatsrunde Mobilität',
        seriesId: series,
        hostGroupId: mobility,
        invitees,
        present: [anna, bruno, lead],
        excused: [carla],
        agenda: ['Begrüßung', 'Förderung'],
        startsAt: '2026-01-14T09:00:00Z',
      });
      await newMeeting({
        seriesId: series,
        hostGroupId: mobility,
        startsAt: '2026-01-28T09:00:00Z',
        status: 'cancelled',
      });
      const february = await newMeeting({
        title: 'Monatsrunde Mobilität',
        seriesId: series,
        hostGroupId: mobility,
        invitees,
        startsAt: '2026-02-11T09:00:00Z',
      });
      const [top1, top2] = january.agenda;

      let minutes = await newMinutes(lead, january.id);
      minutes = await save(lead, minutes, {
        generalNotes: 'Die Leitung begrüßt die Runde.',
        itemNotes: { [top1]: 'Zwei neue Kommunen stellen sich vor.' },
        entries: [
          { agendaItemId: top1, kind: 'information', text: 'Die Runde begrüßt die neuen Kommunen.' },
          { agendaItemId: top2, kind: 'decision', text: 'Die UAG stellt gemeinsame Förderanträge für Sensorik.' },
          {
            agendaItemId: top2,
            kind: 'action_item',
            text: 'Förderantrag Sensorik vorbereiten\nMit Kostenschätzung der Kommunen.',
            groupId: mobility,
            assigneeIds: [anna.id],
            dueDate: berlinDate(14),
          },
          {
            agendaItemId: top2,
            kind: 'action_item',
            text: 'Datenkatalog aktualisieren',
            groupId: data,
            assigneeIds: [bruno.id],
            dueDate: berlinDate(21),
          },
          { agendaItemId: null, kind: 'decision', text: 'Personalkosten Digitallotse freigegeben', confidential: true },
        ],
      });
      const entryIds: string[] = [
        ...minutes.items.flatMap((i: Json) => i.entries.map((e: Json) => e.id)),
        ...minutes.entries.map((e: Json) => e.id),
      ];
      const [, decisionId, annaItemId, brunoItemId, confidentialId] = entryIds;

      // Nothing to export before the first release.
      expect((await download(lead, `/api/minutes/${minutes.id}/export.pdf`)).status).toBe(404);
      minutes = await act(lead, minutes, 'submit', { reviewDeadline: berlinDate(7) });
      expect((await download(anna, `/api/minutes/${minutes.id}/export.md`)).status).toBe(404);
      expect((await anna.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(200);
      expect((await bruno.client.post(`/api/minutes/${minutes.id}/approve`)).status).toBe(200);

      // The lead may not create tasks in the data group: a field error names the entry, nothing is created.
      const refused = await lead.client.post(`/api/minutes/${minutes.id}/release`, { version: minutes.version });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual(['entries.3.groupId']);
      const { rows: noTasks } = await api.pg.query(
        `SELECT count(*)::int AS n FROM task WHERE origin_id = ANY($1::uuid[])`,
        [entryIds],
      );
      expect(noTasks[0].n).toBe(0);
      expect((await coordinator.client.post(`/api/minutes/${minutes.id}/release`, { version: 1 })).status).toBe(409);

      const released1 = await act(coordinator, minutes, 'release');
      expect(released1).toMatchObject({ status: 'released', revision: 1, revisionInProgress: false });
      expect(released1.revisions).toEqual([
        { revision: 1, releasedAt: expect.any(String), releasedBy: 'Kai Koordination', changeNote: null },
      ]);
      expect(released1.approvals).toHaveLength(2);

      // Every action item became a task in its group, with assignees, due date and origin; linked both ways.
      const { rows: tasks } = await api.pg.query(
        `SELECT t.*, t.due_date::text AS due,
                ARRAY(SELECT account_id FROM task_assignee WHERE task_id = t.id) AS assignees
           FROM task t WHERE t.origin_id = ANY($1::uuid[]) ORDER BY t.title`,
        [entryIds],
      );
      expect(tasks.map((t) => [t.title, t.group_id, t.assignees, t.due, t.origin_kind, t.origin_id, t.status])).toEqual(
        [
          ['Datenkatalog aktualisieren', data, [bruno.id], berlinDate(21), 'minutes_action_item', brunoItemId, 'open'],
          [
            'Förderantrag Sensorik vorbereiten',
            mobility,
            [anna.id],
            berlinDate(14),
            'minutes_action_item',
            annaItemId,
            'open',
          ],
        ],
      );
      const [brunoTask, annaTask] = tasks;
      expect(annaTask.origin_label).toBe('Protokoll Monatsrunde Mobilität 14.01.2026, TOP 2');
      expect(annaTask.description).toContain('Mit Kostenschätzung der Kommunen.');
      expect(annaTask.description).toContain(`(/termine/${january.id}/protokoll), TOP 2.`);
      expect(annaTask.created_by).toBe(coordinator.id);
      const { rows: links } = await api.pg.query(
        `SELECT id, task_id FROM minutes_entry WHERE minutes_id = $1 AND task_id IS NOT NULL ORDER BY id`,
        [minutes.id],
      );
      expect(Object.fromEntries(links.map((l) => [l.id, l.task_id]))).toEqual({
        [annaItemId]: annaTask.id,
        [brunoItemId]: brunoTask.id,
      });
      const { rows: events } = await api.pg.query(
        `SELECT task_id, kind FROM task_event WHERE task_id = ANY($1::uuid[]) ORDER BY task_id`,
        [[annaTask.id, brunoTask.id]],
      );
      expect(events.map((e) => e.kind)).toEqual(['task.created', 'task.created']);
      // The tasks api shows where the task came from.
      const viaTasks = await anna.client.get(`/api/tasks/${annaTask.id}`);
      expect(viaTasks.body.origin).toEqual({
        kind: 'minutes_action_item',
        id: annaItemId,
        label: 'Protokoll Monatsrunde Mobilität 14.01.2026, TOP 2',
      });

      // The frozen revision and the decision register (the meeting's Berlin date and host group).
      const { rows: revisions } = await api.pg.query(
        `SELECT revision, snapshot FROM minutes_revision WHERE minutes_id = $1`,
        [minutes.id],
      );
      expect(revisions).toHaveLength(1);
      expect(revisions[0].snapshot.entries.map((e: Json) => e.id)).toEqual(entryIds);
      expect(revisions[0].snapshot.entries[2].taskId).toBe(annaTask.id);
      const { rows: decisions } = await api.pg.query(
        `SELECT entry_id, text, agenda_item_title, decided_on::text AS day, group_id, publish_level, confidential, revision
           FROM decision WHERE minutes_id = $1 ORDER BY confidential`,
        [minutes.id],
      );
      expect(decisions).toEqual([
        {
          entry_id: decisionId,
          text: 'Die UAG stellt gemeinsame Förderanträge für Sensorik.',
          agenda_item_title: 'Förderung',
          day: '2026-01-14',
          group_id: mobility,
          publish_level: 'group',
          confidential: false,
          revision: 1,
        },
        expect.objectContaining({ entry_id: confidentialId, agenda_item_title: null, confidential: true }),
      ]);
      const releaseAudit = (await audit(minutes.id)).filter((r) => r.action === 'minutes.released');
      expect(releaseAudit).toEqual([
        {
          action: 'minutes.released',
          actor_id: coordinator.id,
          details: {
            revision: 1,
            taskIds: [annaTask.id, brunoTask.id],
            decisionCount: 2,
            publishLevel: 'group',
          },
        },
      ]);

      // Readers by publish level 'group': whoever sees the meeting, without confidential entries.
      const carlaView = await carla.client.get(`/api/meetings/${january.id}/minutes`);
      expect(carlaView.status).toBe(200);
      expect(entryTexts(carlaView.body)).not.toContain('Personalkosten Digitallotse freigegeben');
      expect(carlaView.body.comments).toEqual([]);
      expect(carlaView.body.permissions).toMatchObject({ export: true, exportConfidential: false, revise: false });
      expect((await otto.client.get(`/api/meetings/${january.id}/minutes`)).status).toBe(404);
      for (const action of ['release', 'revise', 'reopen', 'approve']) {
        const response = await otto.client.post(`/api/minutes/${minutes.id}/${action}`, {
          version: released1.version,
          ...(action === 'revise' ? { changeNote: 'Fremd' } : {}),
        });
        expect(response.status, action).toBe(404);
      }
      expect((await download(otto, `/api/minutes/${minutes.id}/export.pdf`)).status).toBe(404);
      // Attendees who are no managers lose the confidential entries once released.
      expect(entryTexts((await anna.client.get(`/api/minutes/${minutes.id}`)).body)).not.toContain(
        'Personalkosten Digitallotse freigegeben',
      );
      expect(entryTexts((await lead.client.get(`/api/minutes/${minutes.id}`)).body)).toContain(
        'Personalkosten Digitallotse freigegeben',
      );
      // Released minutes are locked.
      expect((await put(lead, minutes.id, draft(released1))).status).toBe(409);
      expect((await anna.client.post(`/api/minutes/${minutes.id}/comments`, { body: 'Noch was' })).status).toBe(409);
      expect(
        (await lead.client.post(`/api/minutes/${minutes.id}/release`, { version: released1.version })).status,
      ).toBe(409);

      // PDF and Markdown of the released revision; confidential entries only on request by a manager.
      const pdf = await download(carla, `/api/minutes/${minutes.id}/export.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(
        'attachment; filename="protokoll-monatsrunde-mobilitaet-2026-01-14-fassung-1.pdf"',
      );
      const text = await pdfText(pdf.bytes);
      expect(text).toContain('Die UAG stellt gemeinsame Förderanträge für Sensorik.');
      expect(text).toContain('Förderantrag Sensorik vorbereiten');
      expect(text).toContain('Datenkatalog aktualisieren');
      expect(text).toContain('Anna Aufgabe');
      expect(text).toContain('Fassung 1');
      expect(text).not.toContain('Personalkosten');
      expect((await download(carla, `/api/minutes/${minutes.id}/export.pdf?confidential=true`)).status).toBe(403);
      expect((await download(carla, `/api/minutes/${minutes.id}/export.pdf?confidential=ja`)).status).toBe(400);
      const full = await download(lead, `/api/minutes/${minutes.id}/export.pdf?confidential=true`);
      expect(full.status).toBe(200);
      expect(await pdfText(full.bytes)).toContain('Personalkosten Digitallotse freigegeben');
      const markdown = await download(carla, `/api/minutes/${minutes.id}/export.md?confidential=false`);
      expect(markdown.status).toBe(200);
      expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(markdown.headers.get('content-disposition')).toContain('fassung-1.md"');
      const md = new TextDecoder().decode(markdown.bytes);
      expect(md).toContain('# Protokoll: Monatsrunde Mobilität');
      expect(md).toContain('TOP 0: Allgemeines');
      expect(md).toContain('Die Leitung begrüßt die Runde.');
      expect(md).toContain('Datenkatalog aktualisieren');
      expect(md).not.toContain('Personalkosten');

      // Completing a task marks the item done in the minutes; the next meeting lists only the open one.
      const done = await anna.client.request('PATCH', `/api/tasks/${annaTask.id}`, {
        body: { status: 'done', version: annaTask.version },
      });
      expect(done.status).toBe(200);
      const afterDone = (await carla.client.get(`/api/minutes/${minutes.id}`)).body;
      const actionItems = afterDone.items[1].entries.filter((e: Json) => e.kind === 'action_item');
      expect(actionItems.map((e: Json) => [e.text.split('\n')[0], e.task])).toEqual([
        ['Förderantrag Sensorik vorbereiten', { id: annaTask.id, status: 'done', done: true }],
        ['Datenkatalog aktualisieren', { id: brunoTask.id, status: 'open', done: false }],
      ]);
      const open = await carla.client.get(`/api/meetings/${february.id}/open-points`);
      expect(open.status).toBe(200);
      expect(open.body).toEqual([
        {
          entryId: brunoItemId,
          text: 'Datenkatalog aktualisieren',
          agendaItemTitle: 'Förderung',
          meeting: { id: january.id, title: 'Monatsrunde Mobilität' },
          task: { id: brunoTask.id, title: 'Datenkatalog aktualisieren', status: 'open' },
          assignees: [{ id: bruno.id, name: 'Bruno Daten' }],
          dueDate: berlinDate(21),
          overdue: false,
          group: { id: data, shortName: 'Daten' },
        },
      ]);
      // The series' first meeting has no previous one; outsiders get 404.
      expect((await carla.client.get(`/api/meetings/${january.id}/open-points`)).body).toEqual([]);
      expect((await otto.client.get(`/api/meetings/${february.id}/open-points`)).status).toBe(404);
      const done2 = await pdfText((await download(carla, `/api/minutes/${minutes.id}/export.pdf`)).bytes);
      expect(done2).toContain('erledigt');

      // Revise: revision 2 is a draft for the writers; readers keep seeing revision 1, exports too.
      expect((await lead.client.post(`/api/minutes/${minutes.id}/revise`, { version: released1.version })).status).toBe(
        400,
      );
      expect(
        (await anna.client.post(`/api/minutes/${minutes.id}/revise`, { version: released1.version, changeNote: 'x' }))
          .status,
      ).toBe(403);
      const revised = await act(lead, released1, 'revise', { changeNote: 'Beschluss um Mobilität ergänzt' });
      expect(revised).toMatchObject({
        status: 'draft',
        revision: 2,
        revisionInProgress: true,
        pendingChangeNote: 'Beschluss um Mobilität ergänzt',
        permissions: { edit: true, revise: false },
      });
      const reader = (await carla.client.get(`/api/meetings/${january.id}/minutes`)).body;
      expect(reader).toMatchObject({ status: 'released', revision: 1, revisionInProgress: true });
      expect(entryTexts(reader)).toContain('Die UAG stellt gemeinsame Förderanträge für Sensorik.');
      expect(reader.permissions).toMatchObject({ export: true, comment: false, approve: false });
      expect((await put(carla, minutes.id, draft(revised))).status).toBe(403);
      expect((await carla.client.post(`/api/minutes/${minutes.id}/comments`, { body: 'Frage' })).status).toBe(403);
      const twice = await lead.client.post(`/api/minutes/${minutes.id}/revise`, {
        version: revised.version,
        changeNote: 'Noch einmal',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.details).toEqual({ status: 'draft' });

      // Entries that have their task stay; the text may be clarified.
      const entriesOf = (m: Json) =>
        [
          ...m.items.flatMap((i: Json) => i.entries.map((e: Json) => ({ ...e, agendaItemId: i.id }))),
          ...m.entries.map((e: Json) => ({ ...e, agendaItemId: null })),
        ].map((e: Json) => ({
          id: e.id,
          agendaItemId: e.agendaItemId,
          kind: e.kind,
          text: e.text,
          confidential: e.confidential,
          assigneeIds: e.assignees.map((a: Json) => a.id),
          dueDate: e.dueDate,
          groupId: e.group?.id ?? null,
        }));
      const current = entriesOf(revised);
      const removing = await put(
        lead,
        minutes.id,
        draft(revised, { entries: current.filter((e) => e.id !== annaItemId) }),
      );
      expect(removing.status).toBe(409);
      expect(removing.body.message).toContain('Förderantrag Sensorik vorbereiten');
      expect(removing.body.details).toEqual({ entryIds: [annaItemId] });
      const edited = await save(lead, revised, {
        generalNotes: revised.generalNotes,
        itemNotes: { [top1]: 'Zwei neue Kommunen stellen sich vor.' },
        entries: current.map((e) =>
          e.id === decisionId
            ? { ...e, text: 'Die UAG stellt gemeinsame Förderanträge für Sensorik und Mobilität.' }
            : e,
        ),
      });
      expect(
        (await download(carla, `/api/minutes/${minutes.id}/export.pdf`)).headers.get('content-disposition'),
      ).toContain('fassung-1.pdf');
      const inReview = await act(lead, edited, 'submit', { reviewDeadline: berlinDate(3) });
      // Every action item has its task now: the lead may release revision 2 themselves.
      const released2 = await act(lead, inReview, 'release');
      expect(released2).toMatchObject({
        status: 'released',
        revision: 2,
        revisionInProgress: false,
        pendingChangeNote: null,
      });
      expect(released2.revisions.map((r: Json) => [r.revision, r.changeNote, r.releasedBy])).toEqual([
        [2, 'Beschluss um Mobilität ergänzt', 'Lena Leitung'],
        [1, null, 'Kai Koordination'],
      ]);
      const { rows: taskCount } = await api.pg.query(
        `SELECT count(*)::int AS n FROM task WHERE origin_id = ANY($1::uuid[])`,
        [entryIds],
      );
      expect(taskCount[0].n).toBe(2);
      const { rows: decisions2 } = await api.pg.query(
        `SELECT entry_id, text, revision FROM decision WHERE minutes_id = $1 AND NOT confidential`,
        [minutes.id],
      );
      expect(decisions2).toEqual([
        {
          entry_id: decisionId,
          text: 'Die UAG stellt gemeinsame Förderanträge für Sensorik und Mobilität.',
          revision: 2,
        },
      ]);
      const pdf2 = await download(carla, `/api/minutes/${minutes.id}/export.pdf`);
      expect(pdf2.headers.get('content-disposition')).toContain('fassung-2.pdf');
      expect(await pdfText(pdf2.bytes)).toContain('Sensorik und Mobilität');
      expect((await audit(minutes.id)).map((r) => r.action)).toEqual([
        'minutes.created',
        'minutes.saved',
        'minutes.submitted',
        'minutes.approved',
        'minutes.approved',
        'minutes.released',
        'minutes.revised',
        'minutes.saved',
        'minutes.submitted',
        'minutes.released',
      ]);
      expect((await audit(minutes.id))[6].details).toEqual({
        revision: 2,
        changeNote: 'Beschluss um Mobilität ergänzt',
      });
    });

    it('lists no open points for a meeting outside a series', async () => {
      const person = await newPerson();
      const meeting = await newMeeting({ invitees: [person] });
      const response = await person.client.get(`/api/meetings/${meeting.id}/open-points`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
      expect((await person.client.get(`/api/meetings/${UNKNOWN_ID}/open-points`)).status).toBe(404);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/decisions', () => {
    it('searches German full text, filters by group and date, and shows each reader only their decisions', async () => {
      const coordinator = await newPerson('coordinator');
      const ladenGroup = await newGroup('Laden');
      const netzGroup = await newGroup('Netz');
      const ladenMember = await newPerson('member', 'Lars Laden');
      const netzMember = await newPerson('member', 'Nora Netz');
      const outsider = await newPerson('member', 'Olaf Außen');
      await putIn(ladenGroup, ladenMember);
      await putIn(netzGroup, netzMember);
      const march = await newMeeting({
        title: 'Laden März',
        hostGroupId: ladenGroup,
        startsAt: '2025-03-05T09:00:00Z',
      });
      const june = await newMeeting({ title: 'Netz Juni', hostGroupId: netzGroup, startsAt: '2025-06-10T08:00:00Z' });
      const september = await newMeeting({
        title: 'Laden September',
        hostGroupId: ladenGroup,
        startsAt: '2025-09-01T08:00:00Z',
      });
      const november = await newMeeting({
        title: 'Ohne Gruppe November',
        invitees: [netzMember],
        startsAt: '2025-11-11T23:30:00Z',
      });
      await released(coordinator, march.id, [
        { kind: 'decision', text: 'Die Gruppe stellt Förderanträge für Ladesäulen.' },
        { kind: 'decision', text: 'Vertraulich: Haushaltsmittel Ladesäulen gesperrt.', confidential: true },
      ]);
      await released(coordinator, june.id, [
        { agendaItemId: june.agenda[1], kind: 'decision', text: 'Die Gruppe beschließt den Förderantrag Breitband.' },
      ]);
      await released(
        coordinator,
        september.id,
        [{ kind: 'decision', text: 'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.' }],
        'initiative',
      );
      await released(coordinator, november.id, [{ kind: 'decision', text: 'Der Messetermin Ladesäulen steht fest.' }]);
      const ours = new Set([march.id, june.id, september.id, november.id]);

      const list = async (person: TestPerson, query = '') => {
        const response = await person.client.get(`/api/decisions?${query}`);
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return (response.body.items as Json[]).filter((d) => ours.has(d.meeting.id));
      };
      const texts = (items: Json[]) => items.map((d) => d.text);

      // Coordination sees all, newest first; "Förderantrag" finds "Förderanträge" (German stemming).
      const all = texts(await list(coordinator, 'limit=100'));
      expect(all.slice(0, 3)).toEqual([
        'Der Messetermin Ladesäulen steht fest.',
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
        'Die Gruppe beschließt den Förderantrag Breitband.',
      ]);
      // Same day: the order among them is by id, so compare as a set.
      expect(all.slice(3).sort()).toEqual([
        'Die Gruppe stellt Förderanträge für Ladesäulen.',
        'Vertraulich: Haushaltsmittel Ladesäulen gesperrt.',
      ]);
      expect(texts(await list(coordinator, `q=${encodeURIComponent('Förderantrag')}`)).sort()).toEqual([
        'Die Gruppe beschließt den Förderantrag Breitband.',
        'Die Gruppe stellt Förderanträge für Ladesäulen.',
      ]);
      const [juneRow] = await list(coordinator, `q=Breitband`);
      expect(juneRow).toMatchObject({
        decidedOn: '2025-06-10',
        group: { id: netzGroup, shortName: 'Netz' },
        meeting: { id: june.id, title: 'Netz Juni' },
        agendaItemTitle: 'Berichte',
        confidential: false,
        revision: 1,
      });
      // The agenda item's title is searched too; the Berlin day counts (23:30 UTC is the next day there).
      expect(texts(await list(coordinator, 'q=Berichte'))).toEqual([
        'Die Gruppe beschließt den Förderantrag Breitband.',
      ]);
      expect((await list(coordinator, 'q=Messetermin'))[0].decidedOn).toBe('2025-11-12');

      // Filters: group, dates (inclusive).
      expect(texts(await list(coordinator, `groupId=${ladenGroup}`))).toEqual([
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
        expect.stringMatching(/^(Die Gruppe stellt|Vertraulich)/),
        expect.stringMatching(/^(Die Gruppe stellt|Vertraulich)/),
      ]);
      expect(texts(await list(coordinator, 'from=2025-06-10&to=2025-09-01'))).toEqual([
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
        'Die Gruppe beschließt den Förderantrag Breitband.',
      ]);

      // Readers: their groups' decisions, initiative-wide ones, group-less meetings they see; confidential
      // decisions only for the host group's leads and the meeting's organiser (as in the minutes themselves).
      expect(texts(await list(ladenMember)).sort()).toEqual([
        'Die Gruppe stellt Förderanträge für Ladesäulen.',
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
      ]);
      expect(texts(await list(netzMember)).sort()).toEqual([
        'Der Messetermin Ladesäulen steht fest.',
        'Die Gruppe beschließt den Förderantrag Breitband.',
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
      ]);
      expect(texts(await list(outsider))).toEqual(['Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.']);
      expect(texts(await list(outsider, `q=Förderanträge`))).toEqual([]);
      expect(texts(await list(outsider, `groupId=${ladenGroup}`))).toEqual([
        'Initiativweit abgestimmt: Förderrichtlinie Ladesäulen.',
      ]);

      // Keyset pages follow each other without gaps or repeats.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await coordinator.client.get(`/api/decisions?q=Ladesäulen&limit=2${suffix}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((d: Json) => d.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);

      // Invalid queries: 400 with the field; signed out: 401.
      for (const [query, field] of [
        ['cursor=kaputt', 'cursor'],
        ['from=2025-09-01&to=2025-06-01', 'to'],
        ['from=01.06.2025', 'from'],
        ['groupId=UAG', 'groupId'],
        ['limit=101', 'limit'],
        ['sort=title', 'sort'],
      ]) {
        const response = await outsider.client.get(`/api/decisions?${query}`);
        expect(response.status, query).toBe(400);
        expect(fieldsOf(response.body)).toContain(field);
      }
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.get('/api/decisions')).status).toBe(401);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('review findings', () => {
    it('confidential decisions in the register: coordination, the host group leads and the organiser only', async () => {
      const coordinator = await newPerson('coordinator');
      const group = await newGroup('Vertraulich');
      const member = await newPerson('member');
      const lead = await newPerson('member');
      const organiser = await newPerson('member');
      await putIn(group, member);
      await putIn(group, lead, 'lead');
      // A plain member of the group, who sees the confidential decision only as the meeting's organiser.
      await putIn(group, organiser);
      const meeting = await newMeeting({ hostGroupId: group, organizer: organiser });
      await released(coordinator, meeting.id, [
        { kind: 'decision', text: 'Offener Beschluss Vertraulich-Test.' },
        { kind: 'decision', text: 'Geheimer Beschluss Vertraulich-Test.', confidential: true },
      ]);
      const texts = async (person: TestPerson) => {
        const response = await person.client.get(`/api/decisions?groupId=${group}`);
        expect(response.status).toBe(200);
        return (response.body.items as Json[]).map((d) => d.text).sort();
      };
      const both = ['Geheimer Beschluss Vertraulich-Test.', 'Offener Beschluss Vertraulich-Test.'];
      expect(await texts(coordinator)).toEqual(both);
      expect(await texts(lead)).toEqual(both);
      expect(await texts(organiser)).toEqual(both);
      expect(await texts(member)).toEqual(['Offener Beschluss Vertraulich-Test.']);
      // The minutes agree: the member reads the released text without the confidential entry.
      const minutes = await member.client.get(`/api/meetings/${meeting.id}/minutes`);
      expect(entryTexts(minutes.body)).toEqual(['Offener Beschluss Vertraulich-Test.']);
    });

    it('released minutes stay as released; attendance and agenda answer 409 outside the draft', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', 'Lea Leitung');
      const anna = await newPerson('member', 'Anna Anwesend');
      const bert = await newPerson('member', 'Bert Entschuldigt');
      await putIn(group, lead, 'lead');
      const meeting = await newMeeting({
        hostGroupId: group,
        invitees: [anna, bert],
        present: [anna, lead],
        excused: [bert],
        agenda: ['Begrüßung', 'Haushalt'],
      });
      const attendance = (version: number, rows: Array<Record<string, unknown>>) =>
        lead.client.request('PUT', `/api/meetings/${meeting.id}/attendance`, { body: { rows, version } });
      const addItem = () => lead.client.post(`/api/meetings/${meeting.id}/agenda-items`, { title: 'Nachtrag' });
      const meetingVersion = async () => (await lead.client.get(`/api/meetings/${meeting.id}`)).body.version as number;
      const everyonePresent = [
        { accountId: anna.id, status: 'present' },
        { accountId: bert.id, status: 'present' },
        { accountId: lead.id, status: 'present' },
      ];

      let minutes = await newMinutes(lead, meeting.id);
      minutes = await save(lead, minutes, { entries: [{ kind: 'information', text: 'Bericht' }] });
      minutes = await act(lead, minutes, 'submit', { reviewDeadline: berlinDate(7) });
      const inReview = await attendance(await meetingVersion(), everyonePresent);
      expect(inReview.status).toBe(409);
      expect(inReview.body.message).toBe(
        'Das Protokoll ist bereits in Abstimmung oder freigegeben; die Anwesenheit ändern Sie über eine neue Fassung des Protokolls.',
      );
      expect((await addItem()).status).toBe(409);
      minutes = await act(lead, minutes, 'release');
      expect((await attendance(await meetingVersion(), everyonePresent)).status).toBe(409);
      const agendaChange = await addItem();
      expect(agendaChange.status).toBe(409);
      expect(agendaChange.body.message).toContain('die Tagesordnung ändern Sie über eine neue Fassung');

      // Whatever happens to the live tables, the released minutes show the frozen revision, to everyone.
      await api.pg.query(`UPDATE meeting_attendance SET status = 'present' WHERE meeting_id = $1`, [meeting.id]);
      await api.pg.query(`UPDATE agenda_item SET title = 'Umbenannt' WHERE meeting_id = $1`, [meeting.id]);
      await api.pg.query(`UPDATE minutes_entry SET text = 'Nachträglich geändert' WHERE minutes_id = $1`, [minutes.id]);
      for (const person of [lead, anna]) {
        const view = (await person.client.get(`/api/minutes/${minutes.id}`)).body;
        expect(view.status).toBe('released');
        expect(view.attendance.map((a: Json) => [a.person.name, a.status])).toEqual([
          ['Anna Anwesend', 'present'],
          ['Lea Leitung', 'present'],
          ['Bert Entschuldigt', 'excused'],
        ]);
        expect(view.items.map((i: Json) => i.title)).toEqual(['Begrüßung', 'Haushalt']);
        expect(entryTexts(view)).toEqual(['Bericht']);
      }

      // A new revision (draft) opens attendance and agenda again.
      await act(lead, minutes, 'revise', { changeNote: 'Anwesenheit korrigiert' });
      expect((await attendance(await meetingVersion(), everyonePresent)).status).toBe(200);
      expect((await addItem()).status).toBe(201);
    });

    it('open points come from the latest released minutes of the series, without a draft revision', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', 'Liv Leitung');
      const anna = await newPerson('member', 'Anna Aufgabe');
      const host = await newPerson('member', 'Hans Gastgeber');
      const coordinator = await newPerson('coordinator');
      await putIn(group, lead, 'lead');
      await putIn(group, anna);
      const series = await newSeries(group);
      const january = await newMeeting({
        seriesId: series,
        hostGroupId: group,
        invitees: [anna, host],
        present: [anna],
        startsAt: '2026-01-14T09:00:00Z',
      });
      // February took place, but its minutes were never released: it is skipped.
      const february = await newMeeting({ seriesId: series, hostGroupId: group, startsAt: '2026-02-11T09:00:00Z' });
      await newMinutes(lead, february.id);
      const march = await newMeeting({
        seriesId: series,
        hostGroupId: group,
        organizer: host,
        invitees: [anna],
        startsAt: '2026-03-11T09:00:00Z',
      });
      const minutes = await released(coordinator, january.id, [
        { kind: 'action_item', text: 'Offener Punkt eins', groupId: group, assigneeIds: [anna.id] },
        {
          kind: 'action_item',
          text: 'Vertraulicher Punkt zwei',
          groupId: group,
          assigneeIds: [anna.id],
          confidential: true,
        },
      ]);
      const open = async (person: TestPerson) => {
        const response = await person.client.get(`/api/meetings/${march.id}/open-points`);
        expect(response.status).toBe(200);
        return (response.body as Json[]).map((p) => [p.text, p.meeting.id, p.assignees.map((a: Json) => a.name)]);
      };
      expect(await open(lead)).toEqual([
        ['Offener Punkt eins', january.id, ['Anna Aufgabe']],
        ['Vertraulicher Punkt zwei', january.id, ['Anna Aufgabe']],
      ]);
      // March's organiser runs March, but January's confidential entries are not theirs to read.
      expect(await open(host)).toEqual([['Offener Punkt eins', january.id, ['Anna Aufgabe']]]);
      expect(await open(anna)).toEqual([['Offener Punkt eins', january.id, ['Anna Aufgabe']]]);

      // Revision 2 in draft: readers of the open points keep seeing the released text.
      const revised = await act(coordinator, minutes, 'revise', { changeNote: 'Text geschärft' });
      await api.pg.query(`UPDATE minutes_entry SET text = 'Entwurf: neuer Text' WHERE minutes_id = $1`, [revised.id]);
      expect(await open(anna)).toEqual([['Offener Punkt eins', january.id, ['Anna Aufgabe']]]);
    });

    it('a confidential action item becomes a task with its first line and a neutral description', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const anna = await newPerson('member');
      await putIn(group, anna);
      const meeting = await newMeeting({ hostGroupId: group, title: 'Haushaltsrunde' });
      const minutes = await released(coordinator, meeting.id, [
        {
          kind: 'action_item',
          text: 'Gespräch mit dem Kämmerer führen\nEs geht um die Kürzung von 40.000 Euro bei Projekt X.',
          groupId: group,
          assigneeIds: [anna.id],
          confidential: true,
        },
        { kind: 'action_item', text: 'Einladung verschicken\nAn alle Kommunen.', groupId: group },
      ]);
      const { rows } = await api.pg.query(
        `SELECT t.title, t.description FROM task t JOIN minutes_entry e ON e.task_id = t.id
          WHERE e.minutes_id = $1 ORDER BY e.position`,
        [minutes.id],
      );
      expect(rows[0].title).toBe('Gespräch mit dem Kämmerer führen');
      expect(rows[0].description).toBe(
        `Vertraulicher Punkt aus dem Protokoll – Details im Protokoll.\n\nAus dem Protokoll [Haushaltsrunde vom 14.01.2026](/termine/${meeting.id}/protokoll).`,
      );
      expect(rows[0].description).not.toContain('40.000');
      expect(rows[1].description).toContain('An alle Kommunen.');
    });
  });
});
