import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { berlinDate, TestHttpClient, TestPerson, UNKNOWN_ID, useApiHarness } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

const JOIN_URL = 'https://meet.example.org/smartregion-monatsrunde';

// Tests read arbitrary JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The second Wednesday of next month (Berlin calendar), as YYYY-MM-DD. */
function secondWednesdayNextMonth(): string {
  const today = new Date(`${berlinDate()}T00:00:00Z`);
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const offset = (3 - first.getUTCDay() + 7) % 7;
  first.setUTCDate(1 + offset + 7);
  return first.toISOString().slice(0, 10);
}

/** Local Berlin wall-clock time HH:MM of an instant. */
function berlinTime(instant: string | Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** Parses an iCalendar text with ical.js: the calendar, its first event and the event's start instant. */
function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezone = calendar.getFirstSubcomponent('vtimezone');
  if (timezone) ICAL.TimezoneService.register(new ICAL.Timezone(timezone));
  const vevent = calendar.getFirstSubcomponent('vevent');
  return { calendar, vevent, event: vevent ? new ICAL.Event(vevent) : null };
}

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

/**
 * Meetings (#6): planning single meetings and series (Monatsrunde every 2nd Wednesday across
 * daylight saving), changing "this" or "this and following", cancelling, the .ics files through
 * create → move → cancel, private and group feeds, answers with capacity and waiting list,
 * deputies, the call for agenda items, attendance, visibility by group, guests by link, and the
 * audit rows. Every test builds its own people and groups; the seeded UAGs 2 and 4 serve the
 * visibility test.
 */
describe('meetings', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Termintest',
  });
  const { uag, next, newPerson, newGroup, putIn, newOrganization } = api;

  // ---------------------------------------------------------------------------------------------
  // Factories and helpers
  // ---------------------------------------------------------------------------------------------

  /** Fields of a valid online meeting in two weeks. */
  function meetingFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: 'sonstiges',
      title: `Termin ${next()}`,
      format: 'online',
      onlineUrl: JOIN_URL,
      date: berlinDate(14),
      startTime: '10:00',
      endTime: '11:30',
      ...fields,
    };
  }

  /** Plans a meeting through the api (expects 201) and returns the saved answer. */
  async function plan(person: TestPerson, fields: Record<string, unknown> = {}): Promise<Json> {
    const response = await person.client.post('/api/meetings', meetingFields(fields));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  /** Plans a meeting and returns only its detail. */
  const newMeeting = async (person: TestPerson, fields: Record<string, unknown> = {}): Promise<Json> =>
    (await plan(person, fields)).meeting;

  const patch = (person: TestPerson, id: string, body: unknown) =>
    person.client.request('PATCH', `/api/meetings/${id}`, { body });

  const answer = (person: TestPerson, id: string, body: Record<string, unknown>) =>
    person.client.post(`/api/meetings/${id}/answer`, body);

  /** The audit rows of one subject, oldest first. */
  async function audit(subjectId: string, action?: string): Promise<Array<{ action: string; details: Json }>> {
    const { rows } = await api.pg.query(
      `SELECT action, actor_id, details FROM audit_event
        WHERE subject_id = $1 AND ($2::text IS NULL OR action = $2) ORDER BY occurred_at, id`,
      [subjectId, action ?? null],
    );
    return rows;
  }

  /** Moves a meeting's instants directly (for rules that depend on the clock: started, attendance). */
  async function shiftTo(meetingId: string, startsInMinutes: number): Promise<void> {
    await api.pg.query(
      `UPDATE meeting SET starts_at = now() + make_interval(mins => $2),
                          ends_at = now() + make_interval(mins => $2 + 90) WHERE id = $1`,
      [meetingId, startsInMinutes],
    );
  }

  const fieldsOf = (body: Json) => (body.details as Array<{ field: string }>).map((d) => d.field);

  // ---------------------------------------------------------------------------------------------
  describe('series "Monatsrunde"', () => {
    it('plans 12 meetings on the 2nd Wednesday at 10:00 Berlin in winter and summer, edits and cancels by scope', async () => {
      const coordinator = await newPerson('coordinator');
      const first = secondWednesdayNextMonth();
      const saved = await plan(coordinator, {
        kind: 'monatsrunde',
        title: 'Monatsrunde',
        date: first,
        startTime: '10:00',
        endTime: '11:30',
        inviteAll: true,
        recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2, count: 12 },
        agenda: [
          { title: 'Begrüßung', plannedMinutes: 5 },
          { title: 'Berichte aus den UAGs', plannedMinutes: 45, presenter: 'Sprecher*innen' },
        ],
      });
      const seriesId = saved.meeting.seriesId as string;
      expect(seriesId).toEqual(expect.any(String));
      expect(saved.meeting).toMatchObject({
        kind: 'monatsrunde',
        inviteAll: true,
        icsSequence: 0,
        plannedMinutes: 50,
        series: { id: seriesId, previousMeetingId: null, nextMeetingId: expect.any(String) },
      });
      expect(saved.meeting.agenda.map((i: Json) => [i.number, i.title])).toEqual([
        [1, 'Begrüßung'],
        [2, 'Berichte aus den UAGs'],
      ]);

      const { rows: meetings } = await api.pg.query(
        `SELECT id, starts_at, ends_at, occurrence_date::text AS date, invite_all, ics_sequence, detached, status,
                (SELECT count(*)::int FROM agenda_item a WHERE a.meeting_id = m.id AND a.status = 'accepted') AS items
           FROM meeting m WHERE series_id = $1 ORDER BY starts_at`,
        [seriesId],
      );
      expect(meetings).toHaveLength(12);
      expect(meetings[0].date).toBe(first);
      for (const m of meetings) {
        const day = new Date(`${m.date}T00:00:00Z`);
        expect(day.getUTCDay()).toBe(3);
        expect(Math.ceil(day.getUTCDate() / 7)).toBe(2);
        expect(berlinTime(m.starts_at)).toBe('10:00');
        expect(new Date(m.ends_at).getTime() - new Date(m.starts_at).getTime()).toBe(90 * 60_000);
        expect(m.invite_all).toBe(true);
        expect(m.items).toBe(2);
      }
      // Twelve consecutive months span both winter (CET, 09:00 UTC) and summer time (CEST, 08:00 UTC).
      const utcHours = new Set(meetings.map((m) => new Date(m.starts_at).getUTCHours()));
      expect([...utcHours].sort()).toEqual([8, 9]);
      expect((await audit(seriesId, 'meeting.series_created'))[0].details.meetingIds).toHaveLength(12);

      // "This and following" from the 3rd: 14:00 from then on, 1st and 2nd unchanged.
      const third = await coordinator.client.get(`/api/meetings/${meetings[2].id}`);
      const moved = await patch(coordinator, meetings[2].id, {
        startTime: '14:00',
        endTime: '15:30',
        scope: 'following',
        version: third.body.version,
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const { rows: after } = await api.pg.query(
        `SELECT id, starts_at, ics_sequence, detached FROM meeting WHERE series_id = $1 ORDER BY occurrence_date`,
        [seriesId],
      );
      expect(after.map((m) => berlinTime(m.starts_at))).toEqual([
        '10:00',
        '10:00',
        ...Array.from({ length: 10 }, () => '14:00'),
      ]);
      expect(after.map((m) => m.ics_sequence)).toEqual([0, 0, ...Array.from({ length: 10 }, () => 1)]);
      expect(after.every((m) => m.detached === false)).toBe(true);
      const updated = await audit(meetings[2].id, 'meeting.updated');
      expect(updated[0].details).toMatchObject({ scope: 'following', fields: expect.arrayContaining(['startsAt']) });
      expect(updated[0].details.followingMeetingIds).toHaveLength(9);

      // "This one": the 5th moves alone and is detached from the series' rhythm.
      const fifth = await coordinator.client.get(`/api/meetings/${meetings[4].id}`);
      const alone = await patch(coordinator, meetings[4].id, {
        startTime: '16:00',
        endTime: '17:00',
        scope: 'this',
        version: fifth.body.version,
      });
      expect(alone.status, JSON.stringify(alone.body)).toBe(200);
      const { rows: detached } = await api.pg.query(
        `SELECT id, detached, starts_at FROM meeting WHERE series_id = $1`,
        [seriesId],
      );
      expect(detached.filter((m) => m.detached).map((m) => m.id)).toEqual([meetings[4].id]);
      expect(berlinTime(detached.find((m) => m.id === meetings[5].id).starts_at)).toBe('14:00');

      // Cancelling the 10th "and following" cancels 10th–12th only.
      const tenth = await coordinator.client.get(`/api/meetings/${meetings[9].id}`);
      const cancelled = await coordinator.client.post(`/api/meetings/${meetings[9].id}/cancel`, {
        reason: 'Neue Reihe ab Herbst',
        scope: 'following',
        version: tenth.body.version,
      });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Neue Reihe ab Herbst' });
      const { rows: statuses } = await api.pg.query(
        `SELECT status FROM meeting WHERE series_id = $1 ORDER BY occurrence_date`,
        [seriesId],
      );
      expect(statuses.map((s) => s.status)).toEqual([
        ...Array.from({ length: 9 }, () => 'scheduled'),
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
      expect((await audit(meetings[9].id, 'meeting.cancelled'))[0].details).toMatchObject({
        scope: 'following',
        meetingIds: meetings.slice(9).map((m) => m.id),
      });
    });

    it('400 for a bad rule, a date change for the following ones, or "following" on a single meeting', async () => {
      const coordinator = await newPerson('coordinator');
      const noEnd = await coordinator.client.post(
        '/api/meetings',
        meetingFields({ recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2 } }),
      );
      expect(noEnd.status).toBe(400);
      expect(fieldsOf(noEnd.body)).toContain('recurrence');
      const tooMany = await coordinator.client.post(
        '/api/meetings',
        meetingFields({ recurrence: { frequency: 'weekly', weekday: 'mo', count: 500 } }),
      );
      expect(tooMany.status).toBe(400);
      const badFrequency = await coordinator.client.post(
        '/api/meetings',
        meetingFields({ recurrence: { frequency: 'daily', count: 3 } }),
      );
      expect(badFrequency.status).toBe(400);

      const single = await newMeeting(coordinator);
      const following = await patch(coordinator, single.id, { title: 'Neu', scope: 'following', version: 1 });
      expect(following.status).toBe(400);
      expect(fieldsOf(following.body)).toEqual(['scope']);

      const series = await newMeeting(coordinator, {
        date: secondWednesdayNextMonth(),
        recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2, count: 3 },
      });
      const dateForAll = await patch(coordinator, series.id, {
        date: berlinDate(3),
        scope: 'following',
        version: series.version,
      });
      expect(dateForAll.status).toBe(400);
      expect(fieldsOf(dateForAll.body)).toEqual(['date']);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('POST /api/meetings and PATCH /api/meetings/:id', () => {
    it('creates a meeting with invitees; audit; 400 for bad fields, unknown fields and bad URLs', async () => {
      const coordinator = await newPerson('coordinator');
      const invitee = await newPerson('member', 'Ina Eingeladen');
      const group = await newGroup();
      const meeting = await newMeeting(coordinator, {
        kind: 'workshop',
        title: '  Workshop Sensorik  ',
        format: 'hybrid',
        address: 'Marktplatz 1, Halle (Saale)',
        room: 'Saal 2',
        capacity: 20,
        invitedGroupIds: [group],
        invitedPersonIds: [invitee.id],
      });
      expect(meeting).toMatchObject({
        title: 'Workshop Sensorik',
        kind: 'workshop',
        format: 'hybrid',
        place: 'Marktplatz 1, Halle (Saale), Saal 2',
        capacity: 20,
        status: 'scheduled',
        organizer: { id: coordinator.id },
        invitedGroups: [{ id: group }],
        invitedPeople: [{ id: invitee.id, name: 'Ina Eingeladen' }],
        permissions: { manage: true },
        version: 1,
      });
      expect(berlinTime(meeting.startsAt)).toBe('10:00');
      const seen = await invitee.client.get(`/api/meetings/${meeting.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.permissions).toEqual({ manage: false, answer: true, propose: true });
      expect(seen.body.guests).toEqual([]);
      expect(await audit(meeting.id, 'meeting.created')).toHaveLength(1);

      const bad = async (fields: Record<string, unknown>, field?: string) => {
        const response = await coordinator.client.post('/api/meetings', meetingFields(fields));
        expect(response.status, JSON.stringify(fields)).toBe(400);
        if (field) expect(fieldsOf(response.body)).toContain(field);
      };
      await bad({ startTime: '11:00', endTime: '10:00' }, 'endTime');
      await bad({ startTime: '25:00' }, 'startTime');
      await bad({ date: '2026-02-30' }, 'date');
      await bad({ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl');
      await bad({ onlineUrl: null }, 'onlineUrl');
      await bad({ format: 'in_person', onlineUrl: null }, 'address');
      await bad({ kind: 'party' }, 'kind');
      await bad({ title: '   ' }, 'title');
      await bad({ status: 'cancelled' }, 'status');
      await bad({ icsSequence: 7 }, 'icsSequence');
      await bad({ invitedGroupIds: [UNKNOWN_ID] }, 'invitedGroupIds');
      await bad({ hostGroupId: UNKNOWN_ID }, 'hostGroupId');
      await bad({ guests: [{ name: 'Gast', email: 'kein-email' }] });
      await bad({ capacity: 0 }, 'capacity');
    });

    it('changes fields with optimistic locking; SEQUENCE only for calendar fields; 403/404/409', async () => {
      const coordinator = await newPerson('coordinator');
      const invitee = await newPerson('member');
      const outsider = await newPerson('member');
      const meeting = await newMeeting(coordinator, { invitedPersonIds: [invitee.id] });
      const renamed = await patch(coordinator, meeting.id, { title: 'Neuer Titel', version: 1 });
      expect(renamed.status).toBe(200);
      expect(renamed.body.meeting).toMatchObject({ title: 'Neuer Titel', version: 2, icsSequence: 1 });
      const capacity = await patch(coordinator, meeting.id, { capacity: 5, version: 2 });
      expect(capacity.body.meeting).toMatchObject({ capacity: 5, version: 3, icsSequence: 1 });
      const rows = await audit(meeting.id, 'meeting.updated');
      expect(rows[0].details).toMatchObject({
        fields: ['title'],
        before: { title: meeting.title },
        after: { title: 'Neuer Titel' },
      });

      expect((await patch(coordinator, meeting.id, { title: 'Alt', version: 1 })).status).toBe(409);
      expect((await patch(invitee, meeting.id, { title: 'Von mir', version: 3 })).status).toBe(403);
      expect((await patch(outsider, meeting.id, { title: 'Von mir', version: 3 })).status).toBe(404);
      expect((await patch(coordinator, UNKNOWN_ID, { title: 'X', version: 1 })).status).toBe(404);
      expect((await patch(coordinator, 'kein-termin', { title: 'X', version: 1 })).status).toBe(404);
      expect((await patch(coordinator, meeting.id, { title: 'X' })).status).toBe(400);
      expect((await patch(coordinator, meeting.id, { endTime: '09:00', version: 3 })).status).toBe(400);
      expect((await patch(coordinator, meeting.id, { seriesId: UNKNOWN_ID, version: 3 })).status).toBe(400);
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.request('PATCH', `/api/meetings/${meeting.id}`, { body: { version: 3 } })).status).toBe(
        401,
      );
      expect((await anonymous.post('/api/meetings', meetingFields())).status).toBe(401);
      expect((await anonymous.get(`/api/meetings/${meeting.id}`)).status).toBe(401);
      expect((await anonymous.get(`/api/meetings?from=${berlinDate()}&to=${berlinDate(30)}`)).status).toBe(401);

      // Cancel: 409 stale, 403 invitee, then a cancelled meeting can no longer change.
      expect((await invitee.client.post(`/api/meetings/${meeting.id}/cancel`, { version: 3 })).status).toBe(403);
      expect((await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, { version: 2 })).status).toBe(409);
      const cancelled = await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, {
        version: 3,
        reason: 'Krankheit',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 4 });
      expect((await patch(coordinator, meeting.id, { title: 'Doch', version: 4 })).status).toBe(409);
      expect((await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, { version: 4 })).status).toBe(409);
      expect(
        (await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, { version: 4, scope: 'sometimes' }))
          .status,
      ).toBe(400);
    });

    it('permissions: members plan nothing initiative-wide; a UAG lead plans for the UAG only', async () => {
      const member = await newPerson('member');
      const lead = await newPerson('member');
      await putIn(uag[4], lead, 'lead');
      const forbidden = await member.client.post('/api/meetings', meetingFields());
      expect(forbidden.status).toBe(403);
      expect((await lead.client.post('/api/meetings', meetingFields())).status).toBe(403);
      expect((await member.client.post('/api/meetings', meetingFields({ hostGroupId: uag[4] }))).status).toBe(403);
      const own = await lead.client.post('/api/meetings', meetingFields({ kind: 'uag_sitzung', hostGroupId: uag[4] }));
      expect(own.status, JSON.stringify(own.body)).toBe(201);
      expect(own.body.meeting).toMatchObject({ hostGroup: { id: uag[4] }, permissions: { manage: true } });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('visibility', () => {
    it('a UAG 2 member does not see a UAG 4 meeting but sees meetings for everyone', async () => {
      const lead4 = await newPerson('member');
      await putIn(uag[4], lead4, 'lead');
      const member2 = await newPerson('member');
      await putIn(uag[2], member2);
      const member4 = await newPerson('member');
      await putIn(uag[4], member4);
      const coordinator = await newPerson('coordinator');
      const date = berlinDate(20);
      const uag4 = await newMeeting(lead4, { kind: 'uag_sitzung', hostGroupId: uag[4], date });
      const everyone = await newMeeting(coordinator, { kind: 'monatsrunde', inviteAll: true, date });

      expect((await member2.client.get(`/api/meetings/${uag4.id}`)).status).toBe(404);
      expect((await member2.client.get(`/api/meetings/${uag4.id}/ics`)).status).toBe(404);
      expect((await answer(member2, uag4.id, { answer: 'yes' })).status).toBe(404);
      const list = await member2.client.get(`/api/meetings?from=${berlinDate(19)}&to=${berlinDate(21)}`);
      expect(list.status).toBe(200);
      const ids = list.body.items.map((m: Json) => m.id);
      expect(ids).toContain(everyone.id);
      expect(ids).not.toContain(uag4.id);

      // The UAG 4 member sees it and may answer (host group), but not manage.
      const seen = await member4.client.get(`/api/meetings/${uag4.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.permissions).toMatchObject({ manage: false, answer: true });
      expect((await patch(member4, uag4.id, { title: 'Von mir', version: 1 })).status).toBe(403);
      const list4 = await member4.client.get(
        `/api/meetings?from=${berlinDate(19)}&to=${berlinDate(21)}&groupIds=${uag[4]}`,
      );
      expect(list4.body.items.map((m: Json) => m.id)).toEqual([uag4.id]);
      const kinds = await member4.client.get(
        `/api/meetings?from=${berlinDate(19)}&to=${berlinDate(21)}&kinds=monatsrunde`,
      );
      expect(kinds.body.items.map((m: Json) => m.id)).toContain(everyone.id);
      expect(kinds.body.items.map((m: Json) => m.id)).not.toContain(uag4.id);

      // Coordination sees everything.
      expect((await coordinator.client.get(`/api/meetings/${uag4.id}`)).status).toBe(200);

      // List validation.
      expect((await member2.client.get(`/api/meetings?from=${berlinDate(5)}&to=${berlinDate(1)}`)).status).toBe(400);
      expect((await member2.client.get(`/api/meetings?from=${berlinDate()}&to=${berlinDate(500)}`)).status).toBe(400);
      expect((await member2.client.get(`/api/meetings?from=gestern&to=${berlinDate()}`)).status).toBe(400);
      expect((await member2.client.get(`/api/meetings`)).status).toBe(400);
      expect((await member2.client.get(`/api/meetings/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await member2.client.get(`/api/meetings/not-a-uuid`)).status).toBe(404);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/meetings/:id/ics', () => {
    it('carries UID, SEQUENCE and METHOD through create → move → cancel; Berlin time; links', async () => {
      const coordinator = await newPerson('coordinator');
      const date = berlinDate(30);
      const meeting = await newMeeting(coordinator, { title: 'Monatsrunde Juli', date, inviteAll: true });
      const file = async () => {
        const response = await coordinator.client.get(`/api/meetings/${meeting.id}/ics`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/calendar');
        expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.ics"$/);
        return { text: response.body as string, ...parseIcs(response.body as string) };
      };

      const created = await file();
      expect(created.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(created.vevent?.getFirstPropertyValue('uid')).toBe(`${meeting.id}@smartregion-portal`);
      expect(created.vevent?.getFirstPropertyValue('sequence')).toBe(0);
      expect(created.vevent?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
      expect(created.event?.startDate.toJSDate().toISOString()).toBe(new Date(meeting.startsAt).toISOString());
      expect(created.event?.endDate.toJSDate().toISOString()).toBe(new Date(meeting.endsAt).toISOString());
      const text = unfold(created.text);
      expect(text).toContain(JOIN_URL);
      expect(text).toContain(`${api.config.PUBLIC_URL}/termine/${meeting.id}`);

      const moved = await patch(coordinator, meeting.id, { startTime: '14:00', endTime: '15:00', version: 1 });
      expect(moved.status).toBe(200);
      const afterMove = await file();
      expect(afterMove.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(afterMove.vevent?.getFirstPropertyValue('uid')).toBe(`${meeting.id}@smartregion-portal`);
      expect(afterMove.vevent?.getFirstPropertyValue('sequence')).toBe(1);
      expect(berlinTime(afterMove.event?.startDate.toJSDate() as Date)).toBe('14:00');
      expect(afterMove.event?.startDate.toJSDate().toISOString()).toBe(moved.body.meeting.startsAt);

      expect((await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, { version: 2 })).status).toBe(200);
      const afterCancel = await file();
      expect(afterCancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(afterCancel.vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(afterCancel.vevent?.getFirstPropertyValue('sequence')).toBe(2);
      expect(afterCancel.vevent?.getFirstPropertyValue('uid')).toBe(`${meeting.id}@smartregion-portal`);

      const outsider = await newPerson('member');
      const other = await newMeeting(coordinator);
      expect((await outsider.client.get(`/api/meetings/${other.id}/ics`)).status).toBe(404);
      expect((await coordinator.client.get(`/api/meetings/${UNKNOWN_ID}/ics`)).status).toBe(404);
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.get(`/api/meetings/${meeting.id}/ics`)).status).toBe(401);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('calendar feeds', () => {
    it('a private address shown once; my meetings without participants; group feeds; renew and revoke', async () => {
      const coordinator = await newPerson('coordinator', 'Clara Koordination');
      const member = await newPerson('member', 'Mira Mitglied');
      const stranger = await newPerson('member', 'Sven Fremd');
      const group = await newGroup();
      await putIn(group, member);
      const mine = await newMeeting(coordinator, { title: 'Für Mira', invitedPersonIds: [member.id] });
      const groupMeeting = await newMeeting(coordinator, { title: 'Gruppentermin', invitedGroupIds: [group] });
      const notMine = await newMeeting(coordinator, { title: 'Ohne Mira' });
      expect((await answer(member, mine.id, { answer: 'yes' })).status).toBe(200);

      const none = await member.client.get('/api/calendar/feed');
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ active: false, url: null });
      expect(none.body.groups.map((g: Json) => g.id)).toEqual([group]);

      const created = await member.client.post('/api/calendar/feed');
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        active: true,
        url: expect.stringMatching(/\/api\/calendar\/feeds\/.+\.ics$/),
      });
      expect(await audit(member.id, 'calendar_feed.created')).toHaveLength(1);
      const path = new URL(created.body.url).pathname;
      const again = await member.client.get('/api/calendar/feed');
      expect(again.body).toMatchObject({ active: true, url: null });

      // Public: no cookie needed.
      const feed = await fetch(`${api.url}${path}`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      const body = await feed.text();
      const calendar = new ICAL.Component(ICAL.parse(body));
      const uids = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
      expect(uids).toContain(`${mine.id}@smartregion-portal`);
      expect(uids).toContain(`${groupMeeting.id}@smartregion-portal`);
      expect(uids).not.toContain(`${notMine.id}@smartregion-portal`);
      expect(body).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
      for (const name of ['Mira Mitglied', 'Clara Koordination', 'Sven Fremd'])
        expect(unfold(body)).not.toContain(name);

      const token = path.replace(/^.*\/feeds\//, '').replace(/\.ics$/, '');
      const groupFeed = await fetch(`${api.url}/api/calendar/feeds/${token}/groups/${group}.ics`);
      expect(groupFeed.status).toBe(200);
      const groupUids = new ICAL.Component(ICAL.parse(await groupFeed.text()))
        .getAllSubcomponents('vevent')
        .map((e) => e.getFirstPropertyValue('uid'));
      expect(groupUids).toEqual([`${groupMeeting.id}@smartregion-portal`]);
      expect((await fetch(`${api.url}/api/calendar/feeds/${token}/groups/${uag[4]}.ics`)).status).toBe(404);
      expect((await fetch(`${api.url}/api/calendar/feeds/${token}/groups/keine-gruppe.ics`)).status).toBe(404);

      // Someone else's token does not open the group feed of a group they are not in.
      const strangerFeed = await stranger.client.post('/api/calendar/feed');
      const strangerToken = new URL(strangerFeed.body.url).pathname.replace(/^.*\/feeds\//, '').replace(/\.ics$/, '');
      expect((await fetch(`${api.url}/api/calendar/feeds/${strangerToken}/groups/${group}.ics`)).status).toBe(404);

      // Renewing: the old address stops working.
      const renewed = await member.client.post('/api/calendar/feed');
      expect(renewed.status).toBe(200);
      const newPath = new URL(renewed.body.url).pathname;
      expect(newPath).not.toBe(path);
      expect((await fetch(`${api.url}${path}`)).status).toBe(404);
      expect((await fetch(`${api.url}${newPath}`)).status).toBe(200);

      // Revoking: 204, then 404 for the address and for a second revoke.
      expect((await member.client.delete('/api/calendar/feed')).status).toBe(204);
      expect((await fetch(`${api.url}${newPath}`)).status).toBe(404);
      expect((await member.client.delete('/api/calendar/feed')).status).toBe(404);
      expect(await audit(member.id, 'calendar_feed.revoked')).toHaveLength(1);
      expect((await fetch(`${api.url}/api/calendar/feeds/nichts.ics`)).status).toBe(404);
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.post('/api/calendar/feed')).status).toBe(401);
      expect((await anonymous.get('/api/calendar/feed')).status).toBe(401);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('answers', () => {
    it('capacity 2: the third Zusage waits with its position and moves up when a place frees', async () => {
      const coordinator = await newPerson('coordinator');
      const [a, b, c, d] = [
        await newPerson('member'),
        await newPerson('member'),
        await newPerson('member'),
        await newPerson('member'),
      ];
      const meeting = await newMeeting(coordinator, { capacity: 2, invitedPersonIds: [a.id, b.id, c.id, d.id] });
      expect((await answer(a, meeting.id, { answer: 'yes' })).body.myResponse).toMatchObject({ waitlisted: false });
      expect((await answer(b, meeting.id, { answer: 'yes' })).body.myResponse).toMatchObject({ waitlisted: false });
      const third = await answer(c, meeting.id, { answer: 'yes' });
      expect(third.status).toBe(200);
      expect(third.body.myResponse).toMatchObject({ answer: 'yes', waitlisted: true, waitlistPosition: 1 });
      const fourth = await answer(d, meeting.id, { answer: 'yes' });
      expect(fourth.body.myResponse).toMatchObject({ waitlisted: true, waitlistPosition: 2 });
      expect(fourth.body.answers).toMatchObject({ yes: 2, waitlisted: 2, invited: 4, open: 0 });
      // Answering yes again keeps one's place in the queue.
      expect((await answer(c, meeting.id, { answer: 'yes', comment: 'Gern' })).body.myResponse).toMatchObject({
        waitlistPosition: 1,
      });

      const cancels = await answer(a, meeting.id, { answer: 'no' });
      expect(cancels.status).toBe(200);
      expect(cancels.body.answers).toMatchObject({ yes: 2, no: 1, waitlisted: 1 });
      expect((await c.client.get(`/api/meetings/${meeting.id}`)).body.myResponse).toMatchObject({
        waitlisted: false,
        waitlistPosition: null,
      });
      expect((await d.client.get(`/api/meetings/${meeting.id}`)).body.myResponse).toMatchObject({
        waitlisted: true,
        waitlistPosition: 1,
      });
      const rows = await audit(meeting.id, 'meeting.answered');
      expect(rows.at(-1)?.details).toMatchObject({
        before: { answer: 'yes', waitlisted: false },
        after: { answer: 'no' },
        promotedFromWaitlist: [c.id],
      });
    });

    it('deputy from the same organisation only; mode only for hybrid; 400/403/404/409', async () => {
      const coordinator = await newPerson('coordinator');
      const invitee = await newPerson('member');
      const colleague = await newPerson('member', 'Kora Kollegin');
      const foreigner = await newPerson('member');
      const outsider = await newPerson('member');
      await newOrganization(invitee, colleague);
      await newOrganization(foreigner);
      const online = await newMeeting(coordinator, { invitedPersonIds: [invitee.id] });
      const hybrid = await newMeeting(coordinator, {
        format: 'hybrid',
        address: 'Rathaus Dessau',
        invitedPersonIds: [invitee.id],
      });

      const wrongDeputy = await answer(invitee, online.id, { answer: 'yes', deputyId: foreigner.id });
      expect(wrongDeputy.status).toBe(400);
      expect(fieldsOf(wrongDeputy.body)).toEqual(['deputyId']);
      expect((await answer(invitee, online.id, { answer: 'yes', deputyId: invitee.id })).status).toBe(400);
      expect((await answer(invitee, online.id, { answer: 'yes', deputyId: UNKNOWN_ID })).status).toBe(400);
      const withDeputy = await answer(invitee, online.id, { answer: 'yes', deputyId: colleague.id, mode: 'on_site' });
      expect(withDeputy.status).toBe(200);
      expect(withDeputy.body.myResponse).toMatchObject({
        answer: 'yes',
        mode: null,
        deputy: { id: colleague.id, name: 'Kora Kollegin' },
      });

      const onSite = await answer(invitee, hybrid.id, { answer: 'maybe', mode: 'on_site' });
      expect(onSite.body.myResponse).toMatchObject({ answer: 'maybe', mode: 'on_site' });
      const declined = await answer(invitee, hybrid.id, { answer: 'no', mode: 'online' });
      expect(declined.body.myResponse).toMatchObject({ answer: 'no', mode: null });

      expect((await answer(invitee, online.id, { answer: 'vielleicht' })).status).toBe(400);
      expect((await answer(invitee, online.id, { answer: 'yes', mode: 'beamed' })).status).toBe(400);
      expect((await answer(invitee, online.id, { answer: 'yes', extra: true })).status).toBe(400);
      expect((await answer(outsider, online.id, { answer: 'yes' })).status).toBe(404);
      expect((await answer(invitee, UNKNOWN_ID, { answer: 'yes' })).status).toBe(404);
      // Coordination sees every meeting but answers only where invited.
      expect((await answer(coordinator, online.id, { answer: 'yes' })).status).toBe(403);
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.post(`/api/meetings/${online.id}/answer`, { answer: 'yes' })).status).toBe(401);

      expect((await coordinator.client.post(`/api/meetings/${online.id}/cancel`, { version: 1 })).status).toBe(200);
      expect((await answer(invitee, online.id, { answer: 'no' })).status).toBe(409);
    });

    it('50 concurrent identical answers by one person leave one response row and no 5xx', async () => {
      const coordinator = await newPerson('coordinator');
      const invitee = await newPerson('member');
      const meeting = await newMeeting(coordinator, { capacity: 10, invitedPersonIds: [invitee.id] });
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => answer(invitee, meeting.id, { answer: 'yes' })),
      );
      expect(responses.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
      expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
      const { rows } = await api.pg.query(`SELECT answer, waitlisted FROM meeting_response WHERE meeting_id = $1`, [
        meeting.id,
      ]);
      expect(rows).toEqual([{ answer: 'yes', waitlisted: false }]);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('agenda', () => {
    it('invitees propose, the organiser accepts (next TOP) or rejects with a note, and reorders', async () => {
      const coordinator = await newPerson('coordinator');
      const proposer = await newPerson('member', 'Paula Vorschlag');
      const other = await newPerson('member');
      const outsider = await newPerson('member');
      const meeting = await newMeeting(coordinator, {
        invitedPersonIds: [proposer.id, other.id],
        agenda: [{ title: 'Begrüßung', plannedMinutes: 5 }],
      });

      const proposed = await proposer.client.post(`/api/meetings/${meeting.id}/agenda-items`, {
        title: 'Förderaufruf Digitalisierung',
        plannedMinutes: 15,
        links: [{ label: 'Aufruf', url: 'https://example.org/aufruf' }],
      });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const item = proposed.body.agenda.find((i: Json) => i.title === 'Förderaufruf Digitalisierung');
      expect(item).toMatchObject({ status: 'proposed', number: null, editable: true, proposedBy: { id: proposer.id } });
      expect(proposed.body.plannedMinutes).toBe(5);
      expect(await audit(meeting.id, 'agenda_item.proposed')).toHaveLength(1);
      // Other invitees do not see someone else's proposal.
      const othersView = await other.client.get(`/api/meetings/${meeting.id}`);
      expect(othersView.body.agenda.map((i: Json) => i.title)).toEqual(['Begrüßung']);
      expect(
        (await other.client.post(`/api/agenda-items/${item.id}/decision`, { decision: 'accept', version: 1 })).status,
      ).toBe(404);
      expect(
        (await proposer.client.post(`/api/agenda-items/${item.id}/decision`, { decision: 'accept', version: 1 }))
          .status,
      ).toBe(403);
      // The proposer may change it while it waits; stale version 409.
      const edited = await proposer.client.request('PATCH', `/api/agenda-items/${item.id}`, {
        body: { title: 'Förderaufruf Digitalisierung 2026', plannedMinutes: 20, version: 1 },
      });
      expect(edited.status).toBe(200);
      expect(
        (
          await proposer.client.request('PATCH', `/api/agenda-items/${item.id}`, {
            body: { title: 'Alt', version: 1 },
          })
        ).status,
      ).toBe(409);

      expect(
        (await coordinator.client.post(`/api/agenda-items/${item.id}/decision`, { decision: 'accept', version: 1 }))
          .status,
      ).toBe(409);
      expect(
        (await coordinator.client.post(`/api/agenda-items/${item.id}/decision`, { decision: 'maybe', version: 2 }))
          .status,
      ).toBe(400);
      const accepted = await coordinator.client.post(`/api/agenda-items/${item.id}/decision`, {
        decision: 'accept',
        version: 2,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.agenda.map((i: Json) => [i.number, i.title, i.status])).toEqual([
        [1, 'Begrüßung', 'accepted'],
        [2, 'Förderaufruf Digitalisierung 2026', 'accepted'],
      ]);
      expect(accepted.body.plannedMinutes).toBe(25);
      expect(await audit(meeting.id, 'agenda_item.accepted')).toHaveLength(1);
      const acceptedItem = accepted.body.agenda[1];
      expect((await other.client.get(`/api/meetings/${meeting.id}`)).body.agenda).toHaveLength(2);
      // Deciding twice: 409.
      expect(
        (
          await coordinator.client.post(`/api/agenda-items/${item.id}/decision`, {
            decision: 'reject',
            version: acceptedItem.version,
          })
        ).status,
      ).toBe(409);

      const second = await other.client.post(`/api/meetings/${meeting.id}/agenda-items`, { title: 'Kaffeemaschine' });
      const secondItem = second.body.agenda.find((i: Json) => i.title === 'Kaffeemaschine');
      const rejected = await coordinator.client.post(`/api/agenda-items/${secondItem.id}/decision`, {
        decision: 'reject',
        note: 'Passt besser in die UAG 3.',
        version: 1,
      });
      expect(rejected.status).toBe(200);
      const otherSees = await other.client.get(`/api/meetings/${meeting.id}`);
      expect(otherSees.body.agenda.find((i: Json) => i.id === secondItem.id)).toMatchObject({
        status: 'rejected',
        number: null,
        decisionNote: 'Passt besser in die UAG 3.',
      });
      expect(await audit(meeting.id, 'agenda_item.rejected')).toHaveLength(1);

      // Reorder with every accepted id; a wrong set is 400, a stale agendaVersion 409.
      const current = await coordinator.client.get(`/api/meetings/${meeting.id}`);
      const ids = current.body.agenda.filter((i: Json) => i.status === 'accepted').map((i: Json) => i.id);
      const order = `/api/meetings/${meeting.id}/agenda/order`;
      const v = current.body.agendaVersion;
      expect((await coordinator.client.post(order, { itemIds: [ids[0]], agendaVersion: v })).status).toBe(400);
      expect(
        (await coordinator.client.post(order, { itemIds: [ids[0], secondItem.id], agendaVersion: v })).status,
      ).toBe(400);
      expect((await coordinator.client.post(order, { itemIds: ['x', 'y'], agendaVersion: v })).status).toBe(400);
      expect((await coordinator.client.post(order, { itemIds: [...ids].reverse(), agendaVersion: v - 1 })).status).toBe(
        409,
      );
      expect((await other.client.post(order, { itemIds: [...ids].reverse(), agendaVersion: v })).status).toBe(403);
      expect((await outsider.client.post(order, { itemIds: [...ids].reverse(), agendaVersion: v })).status).toBe(404);
      const reordered = await coordinator.client.post(order, { itemIds: [...ids].reverse(), agendaVersion: v });
      expect(reordered.status).toBe(200);
      expect(reordered.body.agenda.filter((i: Json) => i.status === 'accepted').map((i: Json) => i.number)).toEqual([
        1, 2,
      ]);
      expect(reordered.body.agenda.filter((i: Json) => i.status === 'accepted').map((i: Json) => i.title)).toEqual([
        'Förderaufruf Digitalisierung 2026',
        'Begrüßung',
      ]);
      expect(reordered.body.agendaVersion).toBe(v + 1);
      expect(await audit(meeting.id, 'agenda.reordered')).toHaveLength(1);

      // Removing: stale 409, an invitee may not remove accepted items (403), the organiser may.
      const begruessung = reordered.body.agenda.find((i: Json) => i.title === 'Begrüßung');
      expect((await coordinator.client.delete(`/api/agenda-items/${begruessung.id}?version=99`)).status).toBe(409);
      expect(
        (await other.client.delete(`/api/agenda-items/${begruessung.id}?version=${begruessung.version}`)).status,
      ).toBe(403);
      expect((await coordinator.client.delete(`/api/agenda-items/${begruessung.id}`)).status).toBe(400);
      const removed = await coordinator.client.delete(
        `/api/agenda-items/${begruessung.id}?version=${begruessung.version}`,
      );
      expect(removed.status).toBe(200);
      expect(removed.body.agenda.filter((i: Json) => i.status === 'accepted').map((i: Json) => i.number)).toEqual([1]);
      expect((await coordinator.client.delete(`/api/agenda-items/${UNKNOWN_ID}?version=1`)).status).toBe(404);
      expect(await audit(meeting.id, 'agenda_item.removed')).toHaveLength(1);

      // Organisers add accepted items directly; bad input 400; outsiders 404.
      const added = await coordinator.client.post(`/api/meetings/${meeting.id}/agenda-items`, {
        title: 'Verschiedenes',
      });
      expect(added.status).toBe(201);
      expect(added.body.agenda.find((i: Json) => i.title === 'Verschiedenes')).toMatchObject({
        status: 'accepted',
        number: 2,
      });
      expect(await audit(meeting.id, 'agenda_item.added')).toHaveLength(1);
      const addItem = (p: TestPerson, body: unknown) => p.client.post(`/api/meetings/${meeting.id}/agenda-items`, body);
      expect((await addItem(coordinator, { title: ' ' })).status).toBe(400);
      expect((await addItem(coordinator, { title: 'Link', links: [{ label: 'x', url: 'ftp://x' }] })).status).toBe(400);
      expect((await addItem(coordinator, { title: 'X', plannedMinutes: 0 })).status).toBe(400);
      expect((await addItem(outsider, { title: 'Von außen' })).status).toBe(404);
    });

    it('409 when the call for items is closed or the meeting has started', async () => {
      const coordinator = await newPerson('coordinator');
      const invitee = await newPerson('member');
      const closed = await newMeeting(coordinator, { callForItems: false, invitedPersonIds: [invitee.id] });
      expect((await invitee.client.get(`/api/meetings/${closed.id}`)).body.permissions.propose).toBe(false);
      const refused = await invitee.client.post(`/api/meetings/${closed.id}/agenda-items`, { title: 'Zu spät' });
      expect(refused.status).toBe(409);
      // The organiser still adds items.
      expect((await coordinator.client.post(`/api/meetings/${closed.id}/agenda-items`, { title: 'Ok' })).status).toBe(
        201,
      );

      const started = await newMeeting(coordinator, { invitedPersonIds: [invitee.id] });
      await shiftTo(started.id, -10);
      expect((await invitee.client.post(`/api/meetings/${started.id}/agenda-items`, { title: 'Zu spät' })).status).toBe(
        409,
      );
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('attendance', () => {
    it('suggests from the answers, records with the organisation snapshot, 409 when stale', async () => {
      const coordinator = await newPerson('coordinator');
      const yes = await newPerson('member', 'Anja Anwesend');
      const no = await newPerson('member', 'Bernd Absage');
      const sender = await newPerson('member', 'Dora Delegiert');
      const deputy = await newPerson('member', 'Emil Vertretung');
      const silent = await newPerson('member', 'Fritz Still');
      const orgYes = await newOrganization(yes);
      await newOrganization(sender, deputy);
      const meeting = await newMeeting(coordinator, {
        invitedPersonIds: [yes.id, no.id, sender.id, silent.id],
      });
      expect((await answer(yes, meeting.id, { answer: 'yes' })).status).toBe(200);
      expect((await answer(no, meeting.id, { answer: 'no' })).status).toBe(200);
      expect((await answer(sender, meeting.id, { answer: 'yes', deputyId: deputy.id })).status).toBe(200);

      const sheet = await coordinator.client.get(`/api/meetings/${meeting.id}/attendance`);
      expect(sheet.status).toBe(200);
      expect(sheet.body.recorded).toBe(false);
      const status = Object.fromEntries(sheet.body.rows.map((r: Json) => [r.person.name, r.status]));
      expect(status).toEqual({
        'Anja Anwesend': 'present',
        'Bernd Absage': 'excused',
        'Dora Delegiert': 'excused',
        'Emil Vertretung': 'present',
        'Fritz Still': 'absent',
      });
      expect(sheet.body.rows.find((r: Json) => r.person.id === deputy.id).deputyFor).toMatchObject({ id: sender.id });
      expect((await yes.client.get(`/api/meetings/${meeting.id}/attendance`)).status).toBe(403);

      const put = (p: TestPerson, body: unknown) =>
        p.client.request('PUT', `/api/meetings/${meeting.id}/attendance`, { body });
      const rows = [
        { accountId: yes.id, status: 'present' },
        { accountId: no.id, status: 'excused' },
        { accountId: deputy.id, status: 'present', deputyFor: sender.id },
      ];
      // Weeks ahead: too early to record.
      expect((await put(coordinator, { rows, version: meeting.version })).status).toBe(409);
      await shiftTo(meeting.id, -30);
      expect((await put(coordinator, { rows, version: meeting.version + 5 })).status).toBe(409);
      expect((await put(yes, { rows, version: meeting.version })).status).toBe(403);
      expect((await put(coordinator, { rows: [...rows, rows[0]], version: meeting.version })).status).toBe(400);
      expect(
        (await put(coordinator, { rows: [{ accountId: UNKNOWN_ID, status: 'present' }], version: meeting.version }))
          .status,
      ).toBe(400);
      expect(
        (await put(coordinator, { rows: [{ accountId: yes.id, status: 'asleep' }], version: meeting.version })).status,
      ).toBe(400);
      const recorded = await put(coordinator, { rows, version: meeting.version });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
      expect(recorded.body).toMatchObject({ recorded: true, version: meeting.version + 1 });
      expect(recorded.body.rows.find((r: Json) => r.person.id === deputy.id)).toMatchObject({
        status: 'present',
        recorded: true,
        deputyFor: { id: sender.id },
      });
      const { rows: stored } = await api.pg.query(
        `SELECT account_id, status, organization_id FROM meeting_attendance WHERE meeting_id = $1`,
        [meeting.id],
      );
      expect(stored.find((r) => r.account_id === yes.id)).toMatchObject({ status: 'present', organization_id: orgYes });
      expect(stored.find((r) => r.account_id === no.id)).toMatchObject({ organization_id: null });
      // The snapshot stays when the person later changes organisation.
      await newOrganization(yes);
      expect(
        (
          await api.pg.query(
            `SELECT organization_id FROM meeting_attendance WHERE meeting_id = $1 AND account_id = $2`,
            [meeting.id, yes.id],
          )
        ).rows[0].organization_id,
      ).toBe(orgYes);
      expect(await audit(meeting.id, 'meeting.attendance_recorded')).toHaveLength(1);
      // The old version is stale now.
      expect((await put(coordinator, { rows, version: meeting.version })).status).toBe(409);

      // A deputy recorded as present sees the meeting, but answering is for invitees: 403.
      expect((await deputy.client.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
      expect((await answer(deputy, meeting.id, { answer: 'yes' })).status).toBe(403);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('guests', () => {
    it('get a personal link, see and answer the one meeting without an account; wrong token 404', async () => {
      const coordinator = await newPerson('coordinator');
      const saved = await plan(coordinator, {
        title: 'Workshop mit Gästen',
        agenda: [{ title: 'Vorstellung' }],
        guests: [{ name: 'Gerda Gast', email: 'Gerda.Gast@Example.org' }],
      });
      expect(saved.guestLinks).toEqual([
        { email: 'gerda.gast@example.org', url: expect.stringMatching(new RegExp(`^${api.config.PUBLIC_URL}/gast/`)) },
      ]);
      expect(saved.meeting.guests).toEqual([
        { id: expect.any(String), name: 'Gerda Gast', email: 'gerda.gast@example.org', answer: null },
      ]);
      const token = (saved.guestLinks[0].url as string).split('/gast/')[1];
      const guest = new TestHttpClient(api.url);
      await guest.get('/api/auth/me');
      const view = await guest.get(`/api/guest/${token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        guestName: 'Gerda Gast',
        answer: null,
        title: 'Workshop mit Gästen',
        onlineUrl: JOIN_URL,
        agenda: ['Vorstellung'],
      });
      const answered = await guest.post(`/api/guest/${token}/answer`, { answer: 'yes' });
      expect(answered.status).toBe(200);
      expect(answered.body.answer).toBe('yes');
      expect(await audit(saved.meeting.id, 'meeting.guest_answered')).toHaveLength(1);
      expect((await guest.post(`/api/guest/${token}/answer`, { answer: 'gern' })).status).toBe(400);
      const ics = await guest.get(`/api/guest/${token}/ics`);
      expect(ics.status).toBe(200);
      expect(parseIcs(ics.body).vevent?.getFirstPropertyValue('uid')).toBe(`${saved.meeting.id}@smartregion-portal`);
      // The organiser sees the guest's answer; the link is shown only once.
      const detail = await coordinator.client.get(`/api/meetings/${saved.meeting.id}`);
      expect(detail.body.guests[0].answer).toBe('yes');
      const same = await patch(coordinator, saved.meeting.id, {
        guests: [{ name: 'Gerda Gast', email: 'gerda.gast@example.org' }],
        version: 1,
      });
      expect(same.body.guestLinks).toEqual([]);

      const wrong = 'A'.repeat(43);
      expect((await guest.get(`/api/guest/${wrong}`)).status).toBe(404);
      expect((await guest.get(`/api/guest/kurz`)).status).toBe(404);
      expect((await guest.post(`/api/guest/${wrong}/answer`, { answer: 'yes' })).status).toBe(404);
      expect((await guest.get(`/api/guest/${wrong}/ics`)).status).toBe(404);
      // Without the guest on the list, the link stops working.
      const removed = await patch(coordinator, saved.meeting.id, { guests: [], version: same.body.meeting.version });
      expect(removed.status).toBe(200);
      expect((await guest.get(`/api/guest/${token}`)).status).toBe(404);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('review findings', () => {
    /** The calendar day after a YYYY-MM-DD date. */
    const dayAfter = (date: string) => {
      const day = new Date(`${date}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 1);
      return day.toISOString().slice(0, 10);
    };

    /** A monthly series (2nd Wednesday, 10:00–11:30) with this many occurrences, by the given person. */
    async function newSeries(person: TestPerson, count: number, fields: Record<string, unknown> = {}) {
      const first = await newMeeting(person, {
        date: secondWednesdayNextMonth(),
        recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2, count },
        ...fields,
      });
      const { rows } = await api.pg.query(
        `SELECT id, version, occurrence_date::text AS date FROM meeting WHERE series_id = $1 ORDER BY starts_at`,
        [first.seriesId],
      );
      return {
        first,
        seriesId: first.seriesId as string,
        meetings: rows as Array<{ id: string; version: number; date: string }>,
      };
    }

    it('cancelling "this and following" from the first occurrence cancels all and the series page still loads', async () => {
      const coordinator = await newPerson('coordinator');
      const { first, seriesId } = await newSeries(coordinator, 3);
      const cancelled = await coordinator.client.post(`/api/meetings/${first.id}/cancel`, {
        scope: 'following',
        version: first.version,
      });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.series.description).toContain('3 Termine');
      const { rows } = await api.pg.query(`SELECT status FROM meeting WHERE series_id = $1`, [seriesId]);
      expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect((await coordinator.client.get(`/api/meetings/${first.id}`)).status).toBe(200);

      // A rule that cannot be described (stored before this fix) gives an empty description, not a 500.
      await api.pg.query(
        `UPDATE meeting_series SET rule = rule || '{"until": "2000-01-01", "count": null}'::jsonb WHERE id = $1`,
        [seriesId],
      );
      const page = await coordinator.client.get(`/api/meetings/${first.id}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.series).toMatchObject({ id: seriesId, description: '' });
    });

    it('"this and following" refuses a multi-day end or a too-short duration with 400 and changes nothing', async () => {
      const coordinator = await newPerson('coordinator');
      const { first, seriesId } = await newSeries(coordinator, 3);
      const date = secondWednesdayNextMonth();
      const multiDay = await patch(coordinator, first.id, {
        endDate: dayAfter(date),
        endTime: '09:00',
        scope: 'following',
        version: first.version,
      });
      expect(multiDay.status, JSON.stringify(multiDay.body)).toBe(400);
      expect(multiDay.body.details).toEqual([
        { field: 'endDate', code: 'invalid', message: 'Serien bestehen aus eintägigen Terminen.' },
      ]);
      const tooShort = await patch(coordinator, first.id, {
        endTime: '10:02',
        scope: 'following',
        version: first.version,
      });
      expect(tooShort.status, JSON.stringify(tooShort.body)).toBe(400);
      expect(fieldsOf(tooShort.body)).toEqual(['endTime']);
      expect(tooShort.body.details[0].message).toContain('Dauer');
      const { rows } = await api.pg.query(`SELECT rule FROM meeting_series WHERE id = $1`, [seriesId]);
      expect(rows[0].rule).toMatchObject({ startTime: '10:00', durationMinutes: 90 });
      const page = await coordinator.client.get(`/api/meetings/${first.id}`);
      expect(page.status).toBe(200);
      expect(page.body.version).toBe(first.version);
      // "This one" may still span two days.
      const alone = await patch(coordinator, first.id, {
        endDate: dayAfter(date),
        endTime: '09:00',
        scope: 'this',
        version: first.version,
      });
      expect(alone.status, JSON.stringify(alone.body)).toBe(200);
    });

    it('"this and following" moves the later occurrences but not the detached ones (other fields still apply)', async () => {
      const coordinator = await newPerson('coordinator');
      const { meetings } = await newSeries(coordinator, 4);
      const alone = await patch(coordinator, meetings[2].id, {
        startTime: '16:00',
        endTime: '17:00',
        scope: 'this',
        version: meetings[2].version,
      });
      expect(alone.status).toBe(200);
      const following = await patch(coordinator, meetings[1].id, {
        title: 'Monatsrunde neu',
        startTime: '14:00',
        endTime: '15:30',
        scope: 'following',
        version: meetings[1].version,
      });
      expect(following.status, JSON.stringify(following.body)).toBe(200);
      const { rows } = await api.pg.query(
        `SELECT title, starts_at, ends_at, detached FROM meeting WHERE series_id = $1 ORDER BY occurrence_date`,
        [alone.body.meeting.seriesId],
      );
      expect(rows.map((m) => [berlinTime(m.starts_at), berlinTime(m.ends_at), m.title === 'Monatsrunde neu'])).toEqual([
        ['10:00', '11:30', false],
        ['14:00', '15:30', true],
        ['16:00', '17:00', true],
        ['14:00', '15:30', true],
      ]);
      expect(rows[2].detached).toBe(true);
    });

    it('"this and following" needs the right to manage the series, not just the clicked occurrence', async () => {
      const coordinator = await newPerson('coordinator');
      const organiser = await newPerson('member');
      const { meetings } = await newSeries(coordinator, 3);
      const handed = await patch(coordinator, meetings[1].id, {
        organizerId: organiser.id,
        scope: 'this',
        version: meetings[1].version,
      });
      expect(handed.status, JSON.stringify(handed.body)).toBe(200);
      const version = handed.body.meeting.version;
      expect((await patch(organiser, meetings[1].id, { title: 'Alle neu', scope: 'following', version })).status).toBe(
        403,
      );
      const cancel = await organiser.client.post(`/api/meetings/${meetings[1].id}/cancel`, {
        scope: 'following',
        version,
      });
      expect(cancel.status).toBe(403);
      const { rows } = await api.pg.query(`SELECT title, status FROM meeting WHERE id = ANY($1::uuid[])`, [
        meetings.map((m) => m.id),
      ]);
      expect(rows.every((r) => r.status === 'scheduled' && r.title !== 'Alle neu')).toBe(true);
      // Their own occurrence they still manage; a lead of the series' host group manages the series.
      expect((await patch(organiser, meetings[1].id, { title: 'Nur diese', scope: 'this', version })).status).toBe(200);
      const group = await newGroup();
      const lead = await newPerson('member');
      await putIn(group, lead, 'lead');
      const grouped = await newSeries(coordinator, 2, { hostGroupId: group });
      const byLead = await patch(lead, grouped.first.id, {
        title: 'Von der Leitung',
        scope: 'following',
        version: grouped.first.version,
      });
      expect(byLead.status, JSON.stringify(byLead.body)).toBe(200);
    });

    it('agenda decisions are serialised: 4 parallel decisions with the same version give one 200 and 409s', async () => {
      const coordinator = await newPerson('coordinator');
      const proposer = await newPerson('member');
      const meeting = await newMeeting(coordinator, { invitedPersonIds: [proposer.id] });
      const proposed = await proposer.client.post(`/api/meetings/${meeting.id}/agenda-items`, { title: 'Vorschlag' });
      expect(proposed.status).toBe(201);
      const item = proposed.body.agenda.find((i: Json) => i.title === 'Vorschlag');
      const results = await Promise.all(
        ['accept', 'reject', 'accept', 'reject'].map((decision) =>
          coordinator.client.post(`/api/agenda-items/${item.id}/decision`, { decision, version: item.version }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const decided = await audit(meeting.id);
      expect(decided.filter((r) => ['agenda_item.accepted', 'agenda_item.rejected'].includes(r.action))).toHaveLength(
        1,
      );
    });

    it('a larger capacity moves people up from the waiting list; a re-answer takes a free place', async () => {
      const coordinator = await newPerson('coordinator');
      const [a, b, c, d] = [
        await newPerson('member'),
        await newPerson('member'),
        await newPerson('member'),
        await newPerson('member'),
      ];
      const meeting = await newMeeting(coordinator, { capacity: 1, invitedPersonIds: [a.id, b.id, c.id, d.id] });
      for (const person of [a, b, c, d]) expect((await answer(person, meeting.id, { answer: 'yes' })).status).toBe(200);
      const waiting = async () =>
        (
          await api.pg.query(
            `SELECT account_id FROM meeting_response WHERE meeting_id = $1 AND waitlisted ORDER BY responded_at`,
            [meeting.id],
          )
        ).rows.map((r) => r.account_id);
      expect(await waiting()).toEqual([b.id, c.id, d.id]);
      const raised = await patch(coordinator, meeting.id, { capacity: 3, version: meeting.version });
      expect(raised.status).toBe(200);
      expect(raised.body.meeting.answers).toMatchObject({ yes: 3, waitlisted: 1 });
      expect(await waiting()).toEqual([d.id]);
      const unlimited = await patch(coordinator, meeting.id, { capacity: null, version: raised.body.meeting.version });
      expect(unlimited.status).toBe(200);
      expect(await waiting()).toEqual([]);

      // Places freed without a promotion (as before this fix): the waiting person's new Zusage takes one.
      const other = await newMeeting(coordinator, { capacity: 1, invitedPersonIds: [a.id, b.id] });
      expect((await answer(a, other.id, { answer: 'yes' })).status).toBe(200);
      expect((await answer(b, other.id, { answer: 'yes' })).body.myResponse).toMatchObject({ waitlisted: true });
      await api.pg.query(`UPDATE meeting SET capacity = 2 WHERE id = $1`, [other.id]);
      const again = await answer(b, other.id, { answer: 'yes' });
      expect(again.body.myResponse).toMatchObject({ waitlisted: false, waitlistPosition: null });
    });

    it('the guest file names the organiser (REQUEST); without an organiser both files are PUBLISH', async () => {
      const coordinator = await newPerson('coordinator', 'Olga Organisation');
      const saved = await plan(coordinator, { guests: [{ name: 'Gerd Gast', email: 'gerd.gast@example.org' }] });
      const token = (saved.guestLinks[0].url as string).split('/gast/')[1];
      const guest = new TestHttpClient(api.url);
      await guest.get('/api/auth/me');
      const { rows } = await api.pg.query(`SELECT email FROM account WHERE id = $1`, [coordinator.id]);
      const withOrganiser = parseIcs((await guest.get(`/api/guest/${token}/ics`)).body);
      expect(withOrganiser.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(withOrganiser.vevent?.getFirstPropertyValue('organizer')).toBe(`mailto:${rows[0].email}`);
      expect(withOrganiser.vevent?.getFirstProperty('organizer')?.getParameter('cn')).toBe('Olga Organisation');

      await api.pg.query(`UPDATE meeting SET organizer_id = NULL WHERE id = $1`, [saved.meeting.id]);
      for (const file of [
        await guest.get(`/api/guest/${token}/ics`),
        await coordinator.client.get(`/api/meetings/${saved.meeting.id}/ics`),
      ]) {
        expect(file.status).toBe(200);
        const parsed = parseIcs(file.body);
        expect(parsed.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
        expect(parsed.vevent?.getFirstProperty('organizer')).toBeNull();
      }
    });

    it('attendance: 400 for an unknown deputyFor or an inactive account; the audit names the changes', async () => {
      const coordinator = await newPerson('coordinator');
      const [a, b, gone] = [await newPerson('member'), await newPerson('member'), await newPerson('member')];
      const meeting = await newMeeting(coordinator, { invitedPersonIds: [a.id, b.id, gone.id] });
      await shiftTo(meeting.id, -30);
      const put = (body: unknown) =>
        coordinator.client.request('PUT', `/api/meetings/${meeting.id}/attendance`, { body });
      const unknownDeputy = await put({
        rows: [{ accountId: a.id, status: 'present', deputyFor: UNKNOWN_ID }],
        version: meeting.version,
      });
      expect(unknownDeputy.status).toBe(400);
      expect(fieldsOf(unknownDeputy.body)).toEqual(['rows.0.deputyFor']);
      await api.pg.query(`UPDATE account SET status = 'deactivated' WHERE id = $1`, [gone.id]);
      const inactive = await put({
        rows: [
          { accountId: a.id, status: 'present' },
          { accountId: gone.id, status: 'present' },
        ],
        version: meeting.version,
      });
      expect(inactive.status).toBe(400);
      expect(fieldsOf(inactive.body)).toEqual(['rows.1.accountId']);
      const first = await put({
        rows: [
          { accountId: a.id, status: 'present' },
          { accountId: b.id, status: 'absent' },
        ],
        version: meeting.version,
      });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const second = await put({
        rows: [
          { accountId: a.id, status: 'present' },
          { accountId: b.id, status: 'excused' },
        ],
        version: first.body.version,
      });
      expect(second.status).toBe(200);
      const rows = await audit(meeting.id, 'meeting.attendance_recorded');
      expect(rows.map((r) => r.details.changes)).toEqual([
        expect.arrayContaining([
          { accountId: a.id, before: null, after: 'present' },
          { accountId: b.id, before: null, after: 'absent' },
        ]),
        [{ accountId: b.id, before: 'absent', after: 'excused' }],
      ]);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('moving agenda items', () => {
    const move = (person: TestPerson, itemId: string, body: Record<string, unknown>) =>
      person.client.post(`/api/agenda-items/${itemId}/move`, body);
    const byTitle = (detail: Json, title: string) => detail.agenda.find((i: Json) => i.title === title);

    it('moves an accepted item (last TOP there) and a proposal (still waiting) to the next meeting', async () => {
      const coordinator = await newPerson('coordinator');
      const proposer = await newPerson('member', 'Pia Vorschlag');
      const first = await newMeeting(coordinator, {
        date: secondWednesdayNextMonth(),
        recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2, count: 2 },
        invitedPersonIds: [proposer.id],
        agenda: [{ title: 'Begrüßung', plannedMinutes: 5 }],
      });
      const nextId = first.series.nextMeetingId as string;
      expect(nextId).toEqual(expect.any(String));
      const propose = (title: string) =>
        proposer.client.post(`/api/meetings/${first.id}/agenda-items`, { title, plannedMinutes: 20 });
      const haushalt = byTitle((await propose('Haushalt')).body, 'Haushalt');
      const sensorik = byTitle((await propose('Sensorik')).body, 'Sensorik');
      const accepted = await coordinator.client.post(`/api/agenda-items/${haushalt.id}/decision`, {
        decision: 'accept',
        note: 'Gern, aber kurz.',
        version: haushalt.version,
      });
      expect(accepted.status).toBe(200);
      const acceptedItem = byTitle(accepted.body, 'Haushalt');
      expect(acceptedItem).toMatchObject({ status: 'accepted', number: 2, decisionNote: 'Gern, aber kurz.' });
      const nextBefore = (await coordinator.client.get(`/api/meetings/${nextId}`)).body;

      const movedAccepted = await move(coordinator, acceptedItem.id, {
        targetMeetingId: nextId,
        version: acceptedItem.version,
      });
      expect(movedAccepted.status, JSON.stringify(movedAccepted.body)).toBe(200);
      // The answer is the source meeting, without the item.
      expect(movedAccepted.body.id).toBe(first.id);
      expect(movedAccepted.body.agenda.map((i: Json) => i.title)).toEqual(['Begrüßung', 'Sensorik']);
      expect(movedAccepted.body.agendaVersion).toBe(accepted.body.agendaVersion + 1);
      expect(movedAccepted.body.plannedMinutes).toBe(5);

      const movedProposal = await move(coordinator, sensorik.id, {
        targetMeetingId: nextId,
        version: sensorik.version,
      });
      expect(movedProposal.status, JSON.stringify(movedProposal.body)).toBe(200);
      expect(movedProposal.body.agenda.map((i: Json) => i.title)).toEqual(['Begrüßung']);

      const next = (await coordinator.client.get(`/api/meetings/${nextId}`)).body;
      expect(next.agenda.map((i: Json) => [i.number, i.title, i.status, i.decisionNote])).toEqual([
        [1, 'Begrüßung', 'accepted', null],
        [2, 'Haushalt', 'accepted', null],
        [null, 'Sensorik', 'proposed', null],
      ]);
      expect(next.plannedMinutes).toBe(25);
      expect(next.agendaVersion).toBe(nextBefore.agendaVersion + 2);
      // The proposer still sees their waiting proposal, now on the next meeting, and may withdraw it.
      expect(byTitle((await proposer.client.get(`/api/meetings/${nextId}`)).body, 'Sensorik')).toMatchObject({
        status: 'proposed',
        editable: true,
        proposedBy: { id: proposer.id },
      });
      // The organiser of the next meeting decides on it there.
      const decided = await coordinator.client.post(`/api/agenda-items/${sensorik.id}/decision`, {
        decision: 'accept',
        version: byTitle(next, 'Sensorik').version,
      });
      expect(decided.status).toBe(200);
      expect(byTitle(decided.body, 'Sensorik')).toMatchObject({ status: 'accepted', number: 3 });

      const rows = await audit(first.id, 'agenda_item.moved');
      expect(rows.map((r) => r.details)).toEqual([
        expect.objectContaining({
          agendaItemId: acceptedItem.id,
          fromMeetingId: first.id,
          toMeetingId: nextId,
          status: 'accepted',
        }),
        expect.objectContaining({
          agendaItemId: sensorik.id,
          fromMeetingId: first.id,
          toMeetingId: nextId,
          status: 'proposed',
        }),
      ]);
    });

    it('400 for the same or a target not planned by the actor (without telling which), 403, 404 and 409', async () => {
      const coordinator = await newPerson('coordinator');
      const group = await newGroup();
      const lead = await newPerson('member');
      await putIn(group, lead, 'lead');
      const invitee = await newPerson('member');
      const otherInvitee = await newPerson('member');
      const outsider = await newPerson('member');
      const source = await newMeeting(coordinator, {
        hostGroupId: group,
        invitedPersonIds: [invitee.id, otherInvitee.id],
        agenda: [{ title: 'Bericht' }],
      });
      const target = await newMeeting(coordinator, { hostGroupId: group, date: berlinDate(21) });
      const invitedOnly = await newMeeting(coordinator, { invitedPersonIds: [lead.id] });
      const invisible = await newMeeting(coordinator);
      const item = byTitle(source, 'Bericht');
      const body = (targetMeetingId: string, version = item.version) => ({ targetMeetingId, version });

      const same = await move(lead, item.id, body(source.id));
      expect(same.status).toBe(400);
      expect(fieldsOf(same.body)).toEqual(['targetMeetingId']);
      const messages: string[] = [];
      for (const targetId of [UNKNOWN_ID, invisible.id, invitedOnly.id]) {
        const refused = await move(lead, item.id, body(targetId));
        expect(refused.status).toBe(400);
        expect(fieldsOf(refused.body)).toEqual(['targetMeetingId']);
        messages.push(refused.body.details[0].message);
      }
      expect(new Set(messages)).toEqual(new Set(['Diesen Termin gibt es nicht oder Sie planen ihn nicht.']));
      expect((await move(lead, item.id, body('kein-termin'))).status).toBe(400);
      expect((await move(lead, item.id, { targetMeetingId: target.id })).status).toBe(400);

      expect((await move(invitee, item.id, body(target.id))).status).toBe(403);
      expect((await move(outsider, item.id, body(target.id))).status).toBe(404);
      expect((await move(lead, UNKNOWN_ID, body(target.id))).status).toBe(404);
      // Someone else's proposal does not exist for another invitee; the proposer may not move it either.
      const proposed = await invitee.client.post(`/api/meetings/${source.id}/agenda-items`, { title: 'Idee' });
      const proposal = byTitle(proposed.body, 'Idee');
      expect((await move(otherInvitee, proposal.id, body(target.id, proposal.version))).status).toBe(404);
      expect((await move(invitee, proposal.id, body(target.id, proposal.version))).status).toBe(403);

      const stale = await move(lead, item.id, body(target.id, item.version + 5));
      expect(stale.status).toBe(409);
      expect(stale.body.details).toMatchObject({ currentVersion: item.version });

      const rejected = await coordinator.client.post(`/api/agenda-items/${proposal.id}/decision`, {
        decision: 'reject',
        version: proposal.version,
      });
      expect(rejected.status).toBe(200);
      const rejectedItem = byTitle(rejected.body, 'Idee');
      expect((await move(lead, rejectedItem.id, body(target.id, rejectedItem.version))).status).toBe(409);

      // Draft minutes of the source with notes on the item: moving would orphan them.
      await api.pg.query(`INSERT INTO minutes (meeting_id, version, item_notes) VALUES ($1, 1, $2::jsonb)`, [
        source.id,
        JSON.stringify({ [item.id]: 'Bericht vorgetragen.' }),
      ]);
      const noted = await move(lead, item.id, body(target.id));
      expect(noted.status).toBe(409);
      expect(noted.body.message).toContain('Protokoll');
      // Removing it would orphan the notes just the same.
      const removeNoted = await lead.client.request('DELETE', `/api/agenda-items/${item.id}?version=${item.version}`);
      expect(removeNoted.status).toBe(409);
      expect(removeNoted.body.message).toContain('Protokoll');
      await api.pg.query(`UPDATE minutes SET item_notes = '{}'::jsonb WHERE meeting_id = $1`, [source.id]);
      await api.pg.query(
        `INSERT INTO minutes_entry (minutes_id, agenda_item_id, kind, text)
         SELECT id, $2, 'information', 'Kurz berichtet.' FROM minutes WHERE meeting_id = $1`,
        [source.id, item.id],
      );
      expect((await move(lead, item.id, body(target.id))).status).toBe(409);
      await api.pg.query(`DELETE FROM minutes_entry WHERE agenda_item_id = $1`, [item.id]);
      // Minutes of the target in review: its agenda is fixed.
      await api.pg.query(`INSERT INTO minutes (meeting_id, version, status) VALUES ($1, 1, 'in_review')`, [target.id]);
      expect((await move(lead, item.id, body(target.id))).status).toBe(409);
      await api.pg.query(`DELETE FROM minutes WHERE meeting_id = $1`, [target.id]);

      const started = await newMeeting(coordinator, { hostGroupId: group });
      await shiftTo(started.id, -10);
      const late = await move(lead, item.id, body(started.id));
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('bereits begonnen');
      const cancelled = await newMeeting(coordinator, { hostGroupId: group });
      expect(
        (await coordinator.client.post(`/api/meetings/${cancelled.id}/cancel`, { version: cancelled.version })).status,
      ).toBe(200);
      const off = await move(lead, item.id, body(cancelled.id));
      expect(off.status).toBe(409);
      expect(off.body.message).toContain('abgesagt');

      // Nothing of the refused attempts changed the item; the lead of the host group then moves it.
      const { rows } = await api.pg.query(`SELECT meeting_id, version FROM agenda_item WHERE id = $1`, [item.id]);
      expect(rows).toEqual([{ meeting_id: source.id, version: item.version }]);
      expect(await audit(source.id, 'agenda_item.moved')).toEqual([]);
      const moved = await move(lead, item.id, body(target.id));
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(byTitle(moved.body, 'Bericht')).toBeUndefined();
      expect(byTitle((await lead.client.get(`/api/meetings/${target.id}`)).body, 'Bericht')).toMatchObject({
        number: 1,
        status: 'accepted',
      });
      // The client's version is stale after the move.
      expect((await move(lead, item.id, body(source.id))).status).toBe(409);
    });

    it('two opposite moves at the same time finish without a deadlock or 5xx', async () => {
      const coordinator = await newPerson('coordinator');
      const a = await newMeeting(coordinator, { agenda: [{ title: 'Von A' }] });
      const b = await newMeeting(coordinator, { date: berlinDate(21), agenda: [{ title: 'Von B' }] });
      const fromA = byTitle(a, 'Von A');
      const fromB = byTitle(b, 'Von B');
      const results = await Promise.all([
        move(coordinator, fromA.id, { targetMeetingId: b.id, version: fromA.version }),
        move(coordinator, fromB.id, { targetMeetingId: a.id, version: fromB.version }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const { rows } = await api.pg.query(
        `SELECT title, meeting_id FROM agenda_item WHERE id = ANY($1::uuid[]) ORDER BY title`,
        [[fromA.id, fromB.id]],
      );
      expect(rows).toEqual([
        { title: 'Von A', meeting_id: b.id },
        { title: 'Von B', meeting_id: a.id },
      ]);
    });
  });
});
