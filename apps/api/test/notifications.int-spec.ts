import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { DigestHandler, NotificationPurgeHandler, ReminderSweepHandler } from '@srp/server/notifications';
import {
  AppConfig,
  IdempotencyPurgeHandler,
  JobQueueService,
  PlatformModule,
  QueueName,
  WorkerRuntimeModule,
} from '@srp/server/platform';
import { APP_SCHEMA, WORKER_HANDLER_MODULES } from '@srp/server/schema';
import {
  berlinDate,
  CaughtMail,
  SmtpCatcher,
  TestHttpClient,
  TestPerson,
  testConfig,
  UNKNOWN_ID,
  useApiHarness,
  waitFor,
} from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

// Tests read arbitrary JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const JOIN_URL = 'https://konferenz.example.org/raum/42';

/** A header of the raw message (unfolded). */
function rawHeader(mail: CaughtMail | undefined, name: string): string {
  const head = (mail?.raw ?? '').split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The .ics attachment of a mail, parsed with ical.js. */
function calendarOf(mail: CaughtMail): { method: string; event: ICAL.Event; text: string } {
  const attachment = mail.parsed.attachments.find((a) => a.filename?.endsWith('.ics'));
  expect(attachment, 'mail has an .ics attachment').toBeTruthy();
  const text = attachment?.content.toString('utf8') ?? '';
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezone = calendar.getFirstSubcomponent('vtimezone');
  if (timezone) ICAL.TimezoneService.register(new ICAL.Timezone(timezone));
  const vevent = calendar.getFirstSubcomponent('vevent');
  return { method: String(calendar.getFirstPropertyValue('method')), event: new ICAL.Event(vevent ?? undefined), text };
}

/**
 * Reminders and notifications (#7) with the real worker (BullMQ on Redis) and a real SMTP
 * catcher: every kind, the quiet rules, daylight saving, the person's choices (also through the
 * e-mail's signed link and RFC 8058 one-click), the notification centre, the admin views and the
 * defaults. Time-based reminders are checked twice: where planning put them (due_at), and what
 * goes out once they are due (their due_at moved to now).
 */
describe('notifications', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Hinweistest',
    config: { NOTIFY_BATCH_SECONDS: '1', REMINDER_SWEEP_MS: '300' },
  });
  const { next, newPerson, newGroup, putIn, newOrganization } = api;
  const smtp = new SmtpCatcher();
  let worker: INestApplicationContext;
  let workerConfig: AppConfig;

  beforeAll(async () => {
    await smtp.start();
    workerConfig = testConfig({
      DATABASE_URL: api.config.DATABASE_URL,
      REDIS_PREFIX: api.config.REDIS_PREFIX,
      SECRET_KEY: api.config.SECRET_KEY,
      PUBLIC_URL: api.config.PUBLIC_URL,
      SMTP_URL: smtp.url,
      NOTIFY_BATCH_SECONDS: '1',
      REMINDER_SWEEP_MS: '300',
    });
    // The digests' catch-up (run by the reconciler) would send today's digests to everyone in this
    // file; the tests that are about digests run them explicitly.
    await api.pg.query(
      `INSERT INTO app_meta (key, value) VALUES ('digest.overdue.last_run', to_jsonb($1::text)), ('digest.weekly.last_run', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [berlinDate()],
    );
    // The worker's composition (apps/worker), in-process next to the api so tests can call its jobs.
    worker = await NestFactory.createApplicationContext(
      {
        module: class InProcessWorker {},
        imports: [
          PlatformModule.forRoot({ config: workerConfig, schema: APP_SCHEMA }),
          WorkerRuntimeModule,
          ...WORKER_HANDLER_MODULES,
        ],
      },
      { logger: false },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await smtp.stop();
  });

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  async function emailOf(person: TestPerson): Promise<string> {
    const { rows } = await api.pg.query(`SELECT email FROM account WHERE id = $1`, [person.id]);
    return rows[0].email;
  }

  /** Mails to a person whose subject matches. */
  async function mailsTo(person: TestPerson, subject?: RegExp): Promise<CaughtMail[]> {
    const address = await emailOf(person);
    return smtp.messages.filter((m) => m.to.includes(address) && (!subject || subject.test(m.parsed.subject ?? '')));
  }

  /** Waits until the person has `count` mails matching the subject, and returns them. */
  async function awaitMails(person: TestPerson, subject: RegExp, count = 1): Promise<CaughtMail[]> {
    return waitFor(`${count} mail(s) ${subject} to ${person.name}`, async () => {
      const found = await mailsTo(person, subject);
      return found.length >= count ? found : null;
    });
  }

  /** Reminder rows of a subject (kind optional), oldest due first. */
  async function reminders(subjectId: string, kind?: string): Promise<Json[]> {
    const { rows } = await api.pg.query(
      `SELECT id, kind, account_id, status, due_at, outcome, payload FROM reminder
        WHERE subject_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY due_at, created_at`,
      [subjectId, kind ?? null],
    );
    return rows;
  }

  /** Runs `fn` while the worker takes no notification jobs (nothing is swept or delivered meanwhile). */
  async function withWorkerPaused<T>(fn: () => Promise<T>): Promise<T> {
    const queue = worker.get(JobQueueService).queue(QueueName.Notifications);
    await queue.pause();
    try {
      return await fn();
    } finally {
      await queue.resume();
    }
  }

  /** Makes planned rows due now (as if the time had come) and lets the worker deliver them. */
  async function fallDue(condition: string, params: unknown[]): Promise<void> {
    await api.pg.query(`UPDATE reminder SET due_at = now() WHERE status = 'planned' AND ${condition}`, params);
    await settle();
  }

  /** Sweeps and waits until nothing is planned-and-due or queued and every mail is out. */
  async function settle(): Promise<void> {
    await worker.get(ReminderSweepHandler).sweep();
    await waitFor(
      'reminders and mails delivered',
      async () => {
        const { rows } = await api.pg.query(
          `SELECT (SELECT count(*)::int FROM reminder WHERE (status = 'planned' AND due_at <= now()) OR status = 'queued') AS r,
                  (SELECT count(*)::int FROM mail_outbox WHERE status IN ('queued', 'sending')) AS m`,
        );
        return rows[0].r === 0 && rows[0].m === 0;
      },
      20_000,
      50,
    );
  }

  async function notificationsOf(person: TestPerson): Promise<Json[]> {
    const response = await person.client.get('/api/notifications?limit=100');
    expect(response.status).toBe(200);
    return response.body.items;
  }

  function meetingFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: 'sonstiges',
      title: `Runde ${next()}`,
      format: 'online',
      onlineUrl: JOIN_URL,
      date: berlinDate(14),
      startTime: '10:00',
      endTime: '11:30',
      ...fields,
    };
  }

  async function plan(person: TestPerson, fields: Record<string, unknown>): Promise<Json> {
    const response = await person.client.post('/api/meetings', meetingFields(fields));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.meeting;
  }

  async function newTask(person: TestPerson, groupId: string, fields: Record<string, unknown> = {}): Promise<Json> {
    const response = await person.client.post('/api/tasks', { groupId, title: `Aufgabe ${next()}`, ...fields });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  // ---------------------------------------------------------------------------------------------
  // Meetings
  // ---------------------------------------------------------------------------------------------

  it('sends invitation, change and cancellation with a valid .ics, List-Unsubscribe and a stable Message-ID', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Beispiel');
    const bernd = await newPerson('member', 'Bernd Beispiel');
    const meeting = await plan(coordinator, { invitedPersonIds: [anna.id, bernd.id], title: 'Monatsrunde Dezember' });
    await settle();

    const [invitation] = await awaitMails(anna, /^Einladung: Monatsrunde Dezember/);
    expect(invitation?.parsed.text).toContain('Guten Tag Anna Beispiel');
    expect(invitation?.parsed.text).toContain(JOIN_URL);
    expect(invitation?.parsed.text).toContain(`/termine/${meeting.id}`);
    expect(invitation?.parsed.html).toContain('Warum erhalte ich diese E-Mail?');
    const ics = calendarOf(invitation as CaughtMail);
    expect(ics.method).toBe('REQUEST');
    expect(ics.event.uid).toBe(`${meeting.id}@smartregion-portal`);
    expect(ics.text).toContain('ATTENDEE');
    // Invitations always arrive: no mail client offers to unsubscribe from them.
    expect(rawHeader(invitation, 'List-Unsubscribe')).toBe('');
    const { rows: outbox } = await api.pg.query(
      `SELECT id FROM mail_outbox WHERE dedupe_key LIKE 'reminder:%' AND recipient = $1`,
      [await emailOf(anna)],
    );
    expect(invitation?.parsed.messageId).toBe(`<${outbox[0].id}@${new URL(api.config.PUBLIC_URL).hostname}>`);
    expect(await mailsTo(coordinator)).toEqual([]); // the organiser is not an invitee here
    expect((await notificationsOf(bernd)).map((n: Json) => [n.kind, n.link])).toEqual([
      ['meeting_invitation', `/termine/${meeting.id}`],
    ]);

    // Bernd declines: he hears no change, but the cancellation (which updates his calendar).
    const declined = await bernd.client.post(`/api/meetings/${meeting.id}/answer`, { answer: 'no' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const moved = await api.pg.query(`SELECT version FROM meeting WHERE id = $1`, [meeting.id]);
    const patch = await coordinator.client.request('PATCH', `/api/meetings/${meeting.id}`, {
      body: { version: moved.rows[0].version, startTime: '11:00', endTime: '12:00' },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    await settle();
    const [change] = await awaitMails(anna, /^Geändert: Monatsrunde Dezember/);
    expect(calendarOf(change as CaughtMail).event.startDate.toString()).toContain('T11:00:00');
    expect(calendarOf(change as CaughtMail).event.sequence).toBe(1);
    expect(rawHeader(change, 'List-Unsubscribe')).toMatch(/^<http.*\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(rawHeader(change, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await mailsTo(bernd, /^Geändert/)).toEqual([]);

    const cancel = await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, {
      version: patch.body.meeting.version,
      reason: 'Krankheit',
    });
    expect(cancel.status).toBe(200);
    await settle();
    for (const person of [anna, bernd]) {
      const [cancellation] = await awaitMails(person, /^Abgesagt: Monatsrunde Dezember/);
      expect(calendarOf(cancellation as CaughtMail).method).toBe('CANCEL');
      expect(cancellation?.parsed.text).toContain('Krankheit');
    }
    // Exactly once each: one in-app entry per reminder, one mail per reminder.
    expect(await mailsTo(anna)).toHaveLength(3);
    expect((await notificationsOf(anna)).map((n: Json) => n.kind).sort()).toEqual([
      'meeting_cancelled',
      'meeting_changed',
      'meeting_invitation',
    ]);
  });

  it('e-mails guests their personal link with the .ics, and tells them of a cancellation', async () => {
    const coordinator = await newPerson('coordinator');
    const created = await coordinator.client.post(
      '/api/meetings',
      meetingFields({ title: 'Gästerunde', guests: [{ name: 'Gerda Gast', email: 'gerda.gast@example.org' }] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [link] = created.body.guestLinks;
    const invitation = await waitFor('the guest invitation', () =>
      smtp.messages.find(
        (m) => m.to.includes('gerda.gast@example.org') && /^Einladung: Gästerunde/.test(m.parsed.subject ?? ''),
      ),
    );
    expect(invitation.parsed.text).toContain(link.url);
    expect(invitation.parsed.text).toContain('Guten Tag Gerda Gast');
    expect(calendarOf(invitation).method).toBe('REQUEST');
    const cancel = await coordinator.client.post(`/api/meetings/${created.body.meeting.id}/cancel`, {
      version: created.body.meeting.version,
    });
    expect(cancel.status).toBe(200);
    await settle();
    const cancellation = await waitFor('the guest cancellation', () =>
      smtp.messages.find(
        (m) => m.to.includes('gerda.gast@example.org') && /^Abgesagt: Gästerunde/.test(m.parsed.subject ?? ''),
      ),
    );
    expect(calendarOf(cancellation).method).toBe('CANCEL');
    expect(cancellation.parsed.text).not.toContain('/benachrichtigungen/');
  });

  it('cancels a series with one CANCEL per meeting, each taking that meeting out of the calendar', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Serienabsage');
    const tag = next();
    const first = await plan(coordinator, {
      invitedPersonIds: [anna.id],
      title: `Serienabsage ${tag}`,
      date: '2027-06-02',
      recurrence: { frequency: 'weekly', interval: 1, weekday: 'we', count: 3 },
    });
    await settle();
    const [invitation] = await awaitMails(anna, new RegExp(`^Einladung: Serienabsage ${tag}`));
    const invited = (invitation as CaughtMail).parsed.attachments.filter((a) => a.filename?.endsWith('.ics'));
    expect(invited).toHaveLength(1); // the series as one file to import
    const cancel = await coordinator.client.post(`/api/meetings/${first.id}/cancel`, {
      version: first.version,
      scope: 'following',
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    await settle();
    const [cancellation] = await awaitMails(anna, new RegExp(`^Abgesagt: Serienabsage ${tag}`));
    const files = (cancellation as CaughtMail).parsed.attachments
      .filter((a) => a.filename?.endsWith('.ics'))
      .map((a) => new ICAL.Component(ICAL.parse(a.content.toString('utf8'))));
    expect(files).toHaveLength(3);
    const uids = files.map((c) => {
      expect(c.getFirstPropertyValue('method')).toBe('CANCEL');
      const events = c.getAllSubcomponents('vevent');
      expect(events).toHaveLength(1);
      expect(events[0]?.getFirstPropertyValue('status')).toBe('CANCELLED');
      return events[0]?.getFirstPropertyValue('uid');
    });
    expect(new Set(uids).size).toBe(3);
  });

  it('sends one change notice for several changes within the batch window, with the state when it goes out', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Zweimal');
    const tag = next();
    const meeting = await plan(coordinator, { invitedPersonIds: [anna.id], title: `Doppelt ${tag}` });
    await settle();
    await awaitMails(anna, new RegExp(`^Einladung: Doppelt ${tag}`));
    await withWorkerPaused(async () => {
      const moved = await coordinator.client.request('PATCH', `/api/meetings/${meeting.id}`, {
        body: { version: meeting.version, startTime: '11:00', endTime: '12:00' },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const renamed = await coordinator.client.request('PATCH', `/api/meetings/${meeting.id}`, {
        body: { version: moved.body.meeting.version, title: `Doppelt ${tag} (neu)` },
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    });
    const planned = (await reminders(meeting.id, 'meeting_changed')).filter((r) => r.account_id === null);
    expect(planned).toHaveLength(1);
    await fallDue(`kind = 'meeting_changed' AND subject_id = $1`, [meeting.id]);
    const [change] = await awaitMails(anna, /^Geändert: Doppelt/);
    await settle();
    expect(await mailsTo(anna, /^Geändert/)).toHaveLength(1);
    expect(change?.parsed.subject).toContain(`Doppelt ${tag} (neu)`);
    expect(change?.parsed.text).toContain('Geändert: Zeit und Titel.');
    expect(calendarOf(change as CaughtMail).event.startDate.toString()).toContain('T11:00:00');
  });

  it('tells guests and people taken off a meeting (CANCEL .ics), and no guest who declined of a change', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Ausgeladen');
    const tag = next();
    const gerda = { name: 'Gerda Bleibt', email: `gerda.bleibt.${tag}@example.org` };
    const hans = { name: 'Hans Absage', email: `hans.absage.${tag}@example.org` };
    const ida = { name: 'Ida Gestrichen', email: `ida.gestrichen.${tag}@example.org` };
    const created = await coordinator.client.post(
      '/api/meetings',
      meetingFields({ title: `Gästeliste ${tag}`, invitedPersonIds: [anna.id], guests: [gerda, hans, ida] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const meeting = created.body.meeting;
    const hansLink = created.body.guestLinks.find((l: Json) => l.email === hans.email);
    const guestClient = new TestHttpClient(api.url);
    await guestClient.get('/api/auth/me');
    const declined = await guestClient.post(`/api/guest/${hansLink.url.split('/gast/')[1]}/answer`, { answer: 'no' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    await settle();
    await awaitMails(anna, new RegExp(`^Einladung: Gästeliste ${tag}`));

    // Moved by an hour; Ida and Anna are taken off.
    const patch = await coordinator.client.request('PATCH', `/api/meetings/${meeting.id}`, {
      body: {
        version: meeting.version,
        startTime: '11:00',
        endTime: '12:00',
        guests: [gerda, hans],
        invitedPersonIds: [],
      },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    await settle();
    const to = (address: string, subject: RegExp) =>
      smtp.messages.filter((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''));
    await waitFor('the change notice to the guest who stays', () => to(gerda.email, /^Geändert: Gästeliste/)[0]);
    const [removal] = await waitFor('the notice to the guest taken off', () => {
      const found = to(ida.email, /^Nicht mehr eingeladen: Gästeliste/);
      return found.length ? found : null;
    });
    expect(removal?.parsed.text).toContain('Guten Tag Ida Gestrichen');
    expect(removal?.parsed.text).toContain('gilt nicht mehr');
    const idaCalendar = calendarOf(removal as CaughtMail);
    expect(idaCalendar.method).toBe('CANCEL');
    // Taken off, not cancelled (RFC 5546 3.2.5): no STATUS, the title as it is, a higher SEQUENCE.
    expect(idaCalendar.text).not.toContain('STATUS:');
    expect(idaCalendar.event.summary).toBe(`Gästeliste ${tag}`);
    expect(idaCalendar.event.sequence).toBeGreaterThan(0);
    expect(idaCalendar.event.uid).toBe(calendarOf(to(gerda.email, /^Geändert/)[0] as CaughtMail).event.uid);
    // The person taken off gets a cancellation for their calendar too, not a new invitation.
    const [annaNotice] = await awaitMails(anna, /^Nicht mehr eingeladen: Gästeliste/);
    expect(calendarOf(annaNotice as CaughtMail).method).toBe('CANCEL');
    expect(calendarOf(annaNotice as CaughtMail).text).not.toContain('STATUS:');

    // Taken off and invited again before the notice went out: no "no longer invited" (its CANCEL
    // could reach the calendar after the new invitation and remove the meeting).
    const bernd = await newPerson('member', 'Bernd Zurück');
    const again = await plan(coordinator, { invitedPersonIds: [bernd.id], title: `Zurück ${tag}` });
    await settle();
    await awaitMails(bernd, new RegExp(`^Einladung: Zurück ${tag}`));
    await withWorkerPaused(async () => {
      const off = await coordinator.client.request('PATCH', `/api/meetings/${again.id}`, {
        body: { version: again.version, invitedPersonIds: [] },
      });
      expect(off.status, JSON.stringify(off.body)).toBe(200);
      const on = await coordinator.client.request('PATCH', `/api/meetings/${again.id}`, {
        body: { version: off.body.meeting.version, invitedPersonIds: [bernd.id] },
      });
      expect(on.status, JSON.stringify(on.body)).toBe(200);
    });
    await settle();
    const outcomes = (await reminders(again.id, 'meeting_cancelled')).map((r) => r.outcome);
    expect(outcomes).toEqual(['quiet:invited_again']);
    expect(await mailsTo(bernd, /^Nicht mehr eingeladen/)).toEqual([]);
    // Hans declined: no change notice (he would hear of a cancellation); Ida hears nothing more.
    expect(to(hans.email, /^Geändert/)).toEqual([]);
    expect(to(ida.email, /^Geändert/)).toEqual([]);
    expect(to(ida.email, /./)).toHaveLength(2);
  });

  it('plans reminders 24 h and 1 h before, re-plans a moved meeting, and stays quiet for those who declined', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Erinnerung');
    const bernd = await newPerson('member', 'Bernd Absage');
    const date = berlinDate(10);
    const meeting = await plan(coordinator, { invitedPersonIds: [anna.id, bernd.id], date, title: 'Erinnerungsrunde' });
    await settle();
    const planned = (await reminders(meeting.id, 'meeting_reminder')).filter((r) => r.status === 'planned');
    const start = new Date(meeting.startsAt).getTime();
    expect(planned.map((r) => start - new Date(r.due_at).getTime()).sort((a, b) => b - a)).toEqual([
      86_400_000, 3_600_000,
    ]);
    expect(planned.every((r) => r.account_id === null)).toBe(true); // fan out when due

    // Moved by a day: the old reminders are cancelled, new ones planned for the new time.
    const patch = await coordinator.client.request('PATCH', `/api/meetings/${meeting.id}`, {
      body: { version: meeting.version, date: berlinDate(11), endDate: berlinDate(11) },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const after = await reminders(meeting.id, 'meeting_reminder');
    expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(2);
    const replanned = after.filter((r) => r.status === 'planned');
    const newStart = new Date(patch.body.meeting.startsAt).getTime();
    expect(replanned.map((r) => newStart - new Date(r.due_at).getTime()).sort((a, b) => b - a)).toEqual([
      86_400_000, 3_600_000,
    ]);

    expect((await bernd.client.post(`/api/meetings/${meeting.id}/answer`, { answer: 'no' })).status).toBe(200);
    expect((await anna.client.post(`/api/meetings/${meeting.id}/answer`, { answer: 'yes' })).status).toBe(200);
    await fallDue(`subject_id = $1 AND kind = 'meeting_reminder'`, [meeting.id]);
    const mails = await awaitMails(anna, /^Erinnerung: Erinnerungsrunde/, 2);
    expect(mails[0]?.parsed.text).toContain(JOIN_URL);
    expect(calendarOf(mails[0] as CaughtMail).method).toBe('REQUEST');
    expect(await mailsTo(bernd, /^Erinnerung/)).toEqual([]);

    // Cancelled: nothing planned remains.
    const current = await anna.client.get(`/api/meetings/${meeting.id}`);
    expect(
      (await coordinator.client.post(`/api/meetings/${meeting.id}/cancel`, { version: current.body.version })).status,
    ).toBe(200);
    expect((await reminders(meeting.id, 'meeting_reminder')).filter((r) => r.status === 'planned')).toEqual([]);
  });

  it('asks a series for agenda items 7 days before at 09:00 and fires "the day before at 09:00" once across both DST changes', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Serie');
    // The coordinators switch the default to "the day before at 09:00".
    const current = await coordinator.client.get('/api/notification-settings');
    expect(current.status).toBe(200);
    const changed = await coordinator.client.request('PUT', '/api/notification-settings', {
      body: {
        version: current.body.version,
        settings: { ...current.body.settings, meetingReminders: [{ type: 'day_before_at', time: '09:00' }] },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    try {
      // Clocks change on Sunday 28 March 2027 (forward) and Sunday 31 October 2027 (back).
      const cases = [
        ['2027-03-28', '2027-03-27T08:00:00.000Z'], // Saturday 09:00 CET
        ['2027-03-29', '2027-03-28T07:00:00.000Z'], // Sunday 09:00 CEST
        ['2027-10-31', '2027-10-30T07:00:00.000Z'], // Saturday 09:00 CEST
        ['2027-11-01', '2027-10-31T08:00:00.000Z'], // Sunday 09:00 CET
      ];
      const ids: string[] = [];
      for (const [date, expected] of cases) {
        const meeting = await plan(coordinator, { invitedPersonIds: [anna.id], date, title: `DST ${date}` });
        ids.push(meeting.id);
        const due = (await reminders(meeting.id, 'meeting_reminder')).map((r) => new Date(r.due_at).toISOString());
        expect(due, date).toEqual([expected]);
      }
      await fallDue(`subject_id = ANY($1::uuid[]) AND kind = 'meeting_reminder'`, [ids]);
      for (const [date] of cases) {
        expect(await mailsTo(anna, new RegExp(`^Erinnerung: DST ${date}`)), date).toHaveLength(1);
      }

      // A weekly series: each occurrence's call for agenda items 7 days before at 09:00 local.
      const series = await plan(coordinator, {
        invitedPersonIds: [anna.id],
        title: 'Wochenrunde',
        date: '2027-03-24',
        recurrence: { frequency: 'weekly', interval: 1, weekday: 'we', count: 3 },
      });
      const { rows } = await api.pg.query(
        `SELECT m.starts_at, r.due_at FROM reminder r JOIN meeting m ON m.id = r.subject_id
          WHERE r.kind = 'agenda_call' AND m.series_id = $1 ORDER BY m.starts_at`,
        [series.series.id],
      );
      expect(rows.map((r: Json) => new Date(r.due_at).toISOString())).toEqual([
        '2027-03-17T08:00:00.000Z',
        '2027-03-24T08:00:00.000Z',
        '2027-03-31T07:00:00.000Z',
      ]);
      await fallDue(`kind = 'agenda_call' AND subject_id = ANY(SELECT id FROM meeting WHERE series_id = $1)`, [
        series.series.id,
      ]);
      expect(await mailsTo(anna, /Wochenrunde/)).toHaveLength(4); // 1 invitation for the series + 3 calls
    } finally {
      const now = await coordinator.client.get('/api/notification-settings');
      await coordinator.client.request('PUT', '/api/notification-settings', {
        body: { version: now.body.version, settings: current.body.settings },
      });
    }
  });

  it('lets a series override the reminder times of its meetings (organisers; 400, 403, 404, 409)', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member', 'Anna Serienmitglied');
    const saved = await plan(coordinator, {
      invitedPersonIds: [anna.id],
      title: 'Serie mit eigenen Zeiten',
      date: berlinDate(20),
      recurrence: { frequency: 'weekly', interval: 1, weekday: berlinWeekday(20), count: 2 },
    });
    const seriesId = saved.series.id;
    expect(saved.series.reminders).toEqual({ meetingReminders: null, agendaCallDaysBefore: null, version: 1 });
    const put = (person: TestPerson, body: unknown, id = seriesId) =>
      person.client.request('PUT', `/api/meeting-series/${id}/reminders`, { body });
    const own = { version: 1, meetingReminders: [{ type: 'hours_before', hours: 2 }], agendaCallDaysBefore: 3 };
    expect((await put(anna, own)).status).toBe(403);
    expect((await put(coordinator, { ...own, meetingReminders: [{ type: 'hours_before', hours: 0 }] })).status).toBe(
      400,
    );
    expect((await put(coordinator, { ...own, meetingReminders: [{ type: 'weekly' }] })).status).toBe(400);
    expect((await put(coordinator, own, UNKNOWN_ID)).status).toBe(404);
    const changed = await put(coordinator, own);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      meetingReminders: [{ type: 'hours_before', hours: 2 }],
      agendaCallDaysBefore: 3,
    });
    expect((await put(coordinator, own)).status).toBe(409);
    const { rows } = await api.pg.query(
      `SELECT r.kind, m.starts_at, r.due_at FROM reminder r JOIN meeting m ON m.id = r.subject_id
        WHERE m.series_id = $1 AND r.status = 'planned' AND r.kind IN ('meeting_reminder', 'agenda_call') ORDER BY m.starts_at, r.kind`,
      [seriesId],
    );
    expect(
      rows.map((r: Json) => [
        r.kind,
        Math.round((new Date(r.starts_at).getTime() - new Date(r.due_at).getTime()) / 3_600_000),
      ]),
    ).toEqual([
      ['agenda_call', 73], // 3 days before at 09:00 for a 10:00 meeting
      ['meeting_reminder', 2],
      ['agenda_call', 73],
      ['meeting_reminder', 2],
    ]);
    const { rows: audit } = await api.pg.query(
      `SELECT actor_id FROM audit_event WHERE action = 'meeting_series.reminders_changed' AND subject_id = $1`,
      [seriesId],
    );
    expect(audit).toEqual([{ actor_id: coordinator.id }]);
  });

  // ---------------------------------------------------------------------------------------------
  // Tasks
  // ---------------------------------------------------------------------------------------------

  it('batches assignments and mentions, plans due reminders at 08:00 and cancels them when the task is done', async () => {
    const lead = await newPerson('member', 'Lea Leitung');
    const anna = await newPerson('member', 'Anna Aufgabe');
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    await putIn(group, anna);
    const due = berlinDate(9);
    const first = await newTask(lead, group, {
      assigneeIds: [anna.id, lead.id],
      dueDate: due,
      title: 'Förderantrag prüfen',
    });
    await newTask(lead, group, { assigneeIds: [anna.id], title: 'Protokoll lesen' });
    await new Promise((r) => setTimeout(r, 1_200)); // the batch window (1 s in this test)
    await settle();
    const [assigned] = await awaitMails(anna, /^2 neue Aufgaben für Sie/);
    expect(assigned?.parsed.text).toContain('Förderantrag prüfen');
    expect(assigned?.parsed.text).toContain('Protokoll lesen');
    expect(await mailsTo(lead, /Aufgabe/)).toEqual([]); // nobody hears of their own doing

    const dueRows = (await reminders(first.id, 'task_due')).filter((r) => r.account_id === anna.id);
    expect(dueRows.map((r) => [r.payload.which, new Date(r.due_at).toISOString()])).toEqual([
      ['soon', new Date(`${berlinDate(7)}T08:00:00${offsetOf(berlinDate(7))}`).toISOString()],
      ['today', new Date(`${due}T08:00:00${offsetOf(due)}`).toISOString()],
    ]);

    const comment = await lead.client.post(`/api/tasks/${first.id}/comments`, {
      body: 'Bitte bis Freitag, @Anna Aufgabe!',
      mentionIds: [anna.id],
    });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    await new Promise((r) => setTimeout(r, 1_200));
    await settle();
    const [mention] = await awaitMails(anna, /hat Sie in „Förderantrag prüfen“ erwähnt/);
    expect(mention?.parsed.text).toContain('Bitte bis Freitag');

    // Done: its due reminders are cancelled.
    const done = await lead.client.post(`/api/tasks/${first.id}/move`, {
      status: 'done',
      version: (await lead.client.get(`/api/tasks/${first.id}`)).body.version,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await reminders(first.id, 'task_due')).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const { rows } = await api.pg.query(
      `SELECT count(*)::int AS n FROM task_event WHERE task_id = $1 AND processed_at IS NULL`,
      [first.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('reminds of a task due today, and sends one overdue digest per day', async () => {
    const lead = await newPerson('member');
    const anna = await newPerson('member', 'Anna Überfällig');
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    await putIn(group, anna);
    const soon = await newTask(lead, group, { assigneeIds: [anna.id], dueDate: berlinDate(3), title: 'Bald fällig' });
    await fallDue(`subject_id = $1 AND kind = 'task_due'`, [soon.id]);
    // Both due reminders (not the assignment, which may arrive meanwhile).
    expect(
      await mailsTo(anna, /^(Fällig in \d+ Tagen|Fällig morgen|Heute fällig|Bald fällig): Bald fällig/),
    ).toHaveLength(2);

    const late = await newTask(lead, group, { assigneeIds: [anna.id], title: 'Längst fällig' });
    await api.pg.query(`UPDATE task SET due_date = $2::date WHERE id = $1`, [late.id, berlinDate(-3)]);
    const digest = worker.get(DigestHandler);
    await digest.overdue();
    await digest.overdue(); // a second run the same day adds nothing
    await settle();
    const [overdue] = await awaitMails(anna, /überfällige Aufgabe/);
    expect(overdue?.parsed.text).toContain('Längst fällig');
    expect(await mailsTo(anna, /überfällige Aufgabe/)).toHaveLength(1);
  });

  // ---------------------------------------------------------------------------------------------
  // Minutes, memberships, digest
  // ---------------------------------------------------------------------------------------------

  it('asks attendees to approve minutes, reminds before the deadline unless approved, and announces the release', async () => {
    const lead = await newPerson('member', 'Lea Protokoll');
    const anna = await newPerson('member', 'Anna Anwesend');
    const bernd = await newPerson('member', 'Bernd Anwesend');
    const carla = await newPerson('member', 'Carla Gruppe');
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    await putIn(group, carla);
    const { rows } = await api.pg.query(
      `INSERT INTO meeting (kind, title, format, online_url, starts_at, ends_at, host_group_id, organizer_id, status, version)
       VALUES ('uag_sitzung', 'Sitzung mit Protokoll', 'online', $1, now() - interval '2 days', now() - interval '47 hours', $2, $3, 'scheduled', 1)
       RETURNING id`,
      [JOIN_URL, group, lead.id],
    );
    const meetingId = rows[0].id;
    for (const person of [lead, anna, bernd]) {
      await api.pg.query(
        `INSERT INTO meeting_attendance (meeting_id, account_id, status, mode) VALUES ($1, $2, 'present', 'online')`,
        [meetingId, person.id],
      );
    }
    let minutes = (await lead.client.post(`/api/meetings/${meetingId}/minutes`)).body;
    const submitted = await lead.client.post(`/api/minutes/${minutes.id}/submit`, {
      version: minutes.version,
      reviewDeadline: berlinDate(7),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    minutes = submitted.body;
    await settle();
    await awaitMails(anna, /^Bitte prüfen/);
    await awaitMails(bernd, /^Bitte prüfen/);
    expect(await mailsTo(lead, /^Bitte prüfen/)).toEqual([]);
    const second = (await reminders(minutes.id, 'minutes_review')).filter((r) => r.status === 'planned');
    expect(second.map((r) => new Date(r.due_at).toISOString()).sort()).toEqual(
      Array(2).fill(new Date(`${berlinDate(5)}T09:00:00${offsetOf(berlinDate(5))}`).toISOString()),
    );

    const approved = await anna.client.post(`/api/minutes/${minutes.id}/approve`, { version: minutes.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await fallDue(`subject_id = $1 AND kind = 'minutes_review'`, [minutes.id]);
    expect(await mailsTo(anna, /Frist läuft/)).toEqual([]);
    await awaitMails(bernd, /Frist läuft/);

    const released = await lead.client.post(`/api/minutes/${minutes.id}/release`, { version: approved.body.version });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    await settle();
    for (const person of [anna, bernd, carla]) await awaitMails(person, /^Protokoll freigegeben/);
  });

  it('tells people of membership and group join decisions', async () => {
    const coordinator = await newPerson('coordinator');
    const contact = await newPerson('member', 'Kim Kontakt');
    const organization = await newOrganization(contact);
    await api.pg.query(`UPDATE account SET is_contact = true WHERE id = $1`, [contact.id]);
    await api.pg.query(`UPDATE organization SET kind = 'municipality' WHERE id = $1`, [organization]);
    const before = await contact.client.get(`/api/organizations/${organization}`);
    const requested = await contact.client.post(`/api/organizations/${organization}/membership/request`, {
      version: before.body.version,
      reason: 'Wir möchten mitarbeiten.',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBeLessThan(300);
    const decided = await coordinator.client.post(`/api/organizations/${organization}/membership/decision`, {
      decision: 'approve',
      version: requested.body.version,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await settle();
    const [welcome] = await awaitMails(contact, /^Willkommen/);
    expect(welcome?.parsed.text).toContain('Warum erhalte ich diese E-Mail?');

    const lead = await newPerson('member');
    const joiner = await newPerson('member', 'Jo Beitritt');
    await api.pg.query(`UPDATE account SET organization_id = $2 WHERE id = $1`, [joiner.id, organization]);
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    expect((await joiner.client.post(`/api/groups/${group}/join`, {})).status).toBeLessThan(300);
    const decide = await lead.client.post(`/api/groups/${group}/members/${joiner.id}/decision`, {
      decision: 'approve',
    });
    expect(decide.status, JSON.stringify(decide.body)).toBe(200);
    await settle();
    await awaitMails(joiner, /Sie sind jetzt Mitglied/);
    expect((await notificationsOf(joiner)).map((n: Json) => n.kind)).toEqual(['group_join_decided']);
  });

  it('sends a weekly digest only to people with something this week', async () => {
    const lead = await newPerson('member');
    const anna = await newPerson('member', 'Anna Woche');
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    await putIn(group, anna);
    await newTask(lead, group, { assigneeIds: [anna.id], title: 'Wochenaufgabe' });
    await worker.get(DigestHandler).weekly();
    await worker.get(DigestHandler).weekly();
    await settle();
    const [digest] = await awaitMails(anna, /^Ihre Woche/);
    expect(digest?.parsed.text).toContain('Wochenaufgabe');
    expect(await mailsTo(anna, /^Ihre Woche/)).toHaveLength(1);
    const { rows } = await api.pg.query(
      `SELECT count(*)::int AS n FROM reminder WHERE kind = 'weekly_digest' AND account_id = $1 AND status = 'done'`,
      [anna.id],
    );
    expect(rows[0].n).toBe(1);
  });

  // ---------------------------------------------------------------------------------------------
  // Choices, centre, admin
  // ---------------------------------------------------------------------------------------------

  it("follows each person's choice per kind, also changed through the e-mail link and RFC 8058 one-click", async () => {
    const lead = await newPerson('member');
    const anna = await newPerson('member', 'Anna Auswahl');
    const group = await newGroup();
    await putIn(group, lead, 'lead');
    await putIn(group, anna);

    const prefs = await anna.client.get('/api/notification-preferences');
    expect(prefs.status).toBe(200);
    expect(prefs.body.items.find((i: Json) => i.kind === 'meeting_invitation')).toMatchObject({
      mandatory: true,
      channel: 'email',
    });
    // Invitations cannot be switched off; unknown kinds and channels are refused; nothing changes.
    for (const choices of [
      [{ kind: 'meeting_invitation', channel: 'off' }],
      [{ kind: 'task_due', channel: 'sms' }],
      [{ kind: 'party', channel: 'off' }],
    ]) {
      expect((await anna.client.request('PUT', '/api/notification-preferences', { body: { choices } })).status).toBe(
        400,
      );
    }
    expect((await new TestHttpClient(api.url).get('/api/notification-preferences')).status).toBe(401);

    const set = await anna.client.request('PUT', '/api/notification-preferences', {
      body: {
        choices: [
          { kind: 'task_due', channel: 'in_app' },
          { kind: 'task_assigned', channel: 'off' },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.items.find((i: Json) => i.kind === 'task_due')).toMatchObject({ channel: 'in_app', own: true });
    const task = await newTask(lead, group, { assigneeIds: [anna.id], dueDate: berlinDate(5), title: 'Nur im Portal' });
    await new Promise((r) => setTimeout(r, 1_200));
    await fallDue(`(subject_id = $1 AND kind = 'task_due') OR (account_id = $2 AND kind = 'task_assigned')`, [
      task.id,
      anna.id,
    ]);
    expect(await mailsTo(anna)).toEqual([]);
    const inApp = await notificationsOf(anna);
    expect(inApp.map((n: Json) => n.kind)).toEqual(['task_due', 'task_due']);
    expect(inApp[0].link).toBe(`/aufgaben/${task.id}`);
    const { rows: audit } = await api.pg.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'notification.preferences_changed' AND subject_id = $1`,
      [anna.id],
    );
    expect(audit[0].n).toBe(1);

    // The signed link from an e-mail: view and change without signing in; one-click stops e-mail.
    await anna.client.request('PUT', '/api/notification-preferences', {
      body: {
        choices: [
          { kind: 'task_due', channel: 'default' },
          { kind: 'task_assigned', channel: 'default' },
        ],
      },
    });
    await newTask(lead, group, { assigneeIds: [anna.id], title: 'Mit Link' });
    await new Promise((r) => setTimeout(r, 1_200));
    await settle();
    const [mail] = await awaitMails(anna, /Neue Aufgabe für Sie: Mit Link/);
    const oneClick = rawHeader(mail, 'List-Unsubscribe').slice(1, -1);
    const token = oneClick.split('/').pop() as string;
    const anonymous = new TestHttpClient(api.url);
    const view = await anonymous.get(`/api/unsubscribe/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      kind: 'task_assigned',
      channel: 'email',
      name: 'Anna Auswahl',
      mandatory: false,
    });
    expect(mail?.parsed.text).toContain(`/benachrichtigungen/${token}`);
    // A mail client's one-click POST: form-encoded, no cookie, no CSRF header.
    const response = await fetch(`${api.url}${new URL(oneClick).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect((await anonymous.get(`/api/unsubscribe/${token}`)).body.channel).toBe('in_app');
    const off = await anonymous.post(`/api/unsubscribe/${token}`, { channel: 'off' });
    expect(off.status).toBe(200);
    expect(off.body.channel).toBe('off');
    expect((await anonymous.post(`/api/unsubscribe/${token}x`, { channel: 'off' })).status).toBe(404);
    expect((await anonymous.post(`/api/unsubscribe/${token}`, { channel: 'sms' })).status).toBe(400);
    expect((await anonymous.get(`/api/unsubscribe/not-a-token`)).status).toBe(404);
  });

  it('keeps a notification centre with unread count (ETag), mark read and all read, each person only their own', async () => {
    const coordinator = await newPerson('coordinator');
    const anna = await newPerson('member');
    const other = await newPerson('member');
    await plan(coordinator, { invitedPersonIds: [anna.id] });
    await plan(coordinator, { invitedPersonIds: [anna.id, other.id] });
    await settle();
    const count = await anna.client.get('/api/notifications/unread-count');
    expect(count.status).toBe(200);
    expect(count.body.count).toBe(2);
    const etag = count.headers.get('etag') ?? '';
    expect(etag).toBeTruthy();
    const same = await anna.client.request('GET', '/api/notifications/unread-count', {
      headers: { 'if-none-match': etag },
    });
    expect(same.status).toBe(304);

    const page = await anna.client.get('/api/notifications?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toBeTruthy();
    const rest = await anna.client.get(`/api/notifications?limit=1&cursor=${page.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.items[0].id).not.toBe(page.body.items[0].id);
    expect((await anna.client.get('/api/notifications?cursor=kaputt')).status).toBe(400);
    expect((await anna.client.get('/api/notifications?limit=1000')).status).toBe(400);

    const otherItem = (await notificationsOf(other))[0];
    expect((await anna.client.post(`/api/notifications/${otherItem.id}/read`)).status).toBe(404);
    expect((await anna.client.post(`/api/notifications/${UNKNOWN_ID}/read`)).status).toBe(404);
    const read = await anna.client.post(`/api/notifications/${page.body.items[0].id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.unreadCount).toBe(1);
    const changed = await anna.client.request('GET', '/api/notifications/unread-count', {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect((await anna.client.post('/api/notifications/read-all')).body).toMatchObject({ marked: 1, unreadCount: 0 });
    expect((await notificationsOf(other)).every((n: Json) => n.readAt === null)).toBe(true);
    expect((await new TestHttpClient(api.url).get('/api/notifications')).status).toBe(401);
  });

  it('shows admins the queues and failed e-mails with a retry; coordinators change the defaults (409 when stale)', async () => {
    const admin = await newPerson('admin');
    const coordinator = await newPerson('coordinator');
    const member = await newPerson('member');
    const anna = await newPerson('member', 'Anna Fehlschlag');

    const health = await admin.client.get('/api/admin/notifications/health');
    expect(health.status).toBe(200);
    expect(health.body.redisReachable).toBe(true);
    expect(health.body.queues.map((q: Json) => q.name)).toContain(QueueName.Notifications);
    expect(health.body.schedules.find((s: Json) => s.id === 'digest-weekly')).toMatchObject({
      rule: '0 7 * * 1 (Europe/Berlin)',
    });
    expect(health.body.schedules.find((s: Json) => s.id === 'digest-weekly').nextRunAt).toBeTruthy();
    for (const person of [coordinator, member]) {
      expect((await person.client.get('/api/admin/notifications/health')).status).toBe(403);
      expect((await person.client.get('/api/admin/notifications/failed')).status).toBe(403);
    }

    // A permanent SMTP failure: failed, listed with the reason, not retried; an admin retries it.
    smtp.failNext(1, 550);
    await plan(coordinator, { invitedPersonIds: [anna.id], title: 'Fehlerrunde' });
    await settle();
    const failed = await admin.client.get('/api/admin/notifications/failed');
    const row = failed.body.items.find((i: Json) => i.subject.startsWith('Einladung: Fehlerrunde'));
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toContain('550');
    expect((await member.client.post(`/api/admin/mail/${row.id}/retry`)).status).toBe(403);
    expect((await admin.client.post(`/api/admin/mail/${UNKNOWN_ID}/retry`)).status).toBe(404);
    const retried = await admin.client.post(`/api/admin/mail/${row.id}/retry`);
    expect(retried.status).toBe(200);
    await awaitMails(anna, /^Einladung: Fehlerrunde/);
    expect((await admin.client.post(`/api/admin/mail/${row.id}/retry`)).status).toBe(409);
    const { rows: audit } = await api.pg.query(
      `SELECT actor_id FROM audit_event WHERE action = 'mail.retried' AND subject_id = $1`,
      [row.id],
    );
    expect(audit).toEqual([{ actor_id: admin.id }]);

    // Defaults: members may not; invalid input is refused; a stale version is a 409.
    expect((await member.client.get('/api/notification-settings')).status).toBe(403);
    const settings = await coordinator.client.get('/api/notification-settings');
    const put = (body: unknown) => coordinator.client.request('PUT', '/api/notification-settings', { body });
    expect(
      (await put({ version: settings.body.version, settings: { ...settings.body.settings, taskDueSoonDays: 99 } }))
        .status,
    ).toBe(400);
    expect(
      (
        await put({
          version: settings.body.version,
          settings: { ...settings.body.settings, meetingReminders: [{ type: 'hours_before', hours: 0 }] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await put({
          version: settings.body.version,
          settings: { ...settings.body.settings, channels: { meeting_cancelled: 'off' } },
        })
      ).status,
    ).toBe(400);
    expect((await put({ version: settings.body.version, settings: settings.body.settings, extra: 1 })).status).toBe(
      400,
    );
    const saved = await put({
      version: settings.body.version,
      settings: { ...settings.body.settings, taskDueSoonDays: 3 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.settings.taskDueSoonDays).toBe(3);
    expect((await put({ version: settings.body.version, settings: settings.body.settings })).status).toBe(409);
    expect((await put({ version: saved.body.version, settings: settings.body.settings })).status).toBe(200);
  });

  it('purges reminders and notifications processed more than a year ago, and old Idempotency-Key records', async () => {
    const anna = await newPerson('member');
    const insert = async (status: string, processedDaysAgo: number | null) => {
      const { rows } = await api.pg.query(
        `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, status, dedupe_key, processed_at)
         VALUES ('weekly_digest', $1, 'person', $1, now(), $2, gen_random_uuid()::text,
                 CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END) RETURNING id`,
        [anna.id, status, processedDaysAgo],
      );
      await api.pg.query(
        `INSERT INTO notification (account_id, reminder_id, kind, title, body, link) VALUES ($1, $2, 'weekly_digest', 'x', 'x', '/')`,
        [anna.id, rows[0].id],
      );
      return rows[0].id as string;
    };
    const old = await insert('done', 400);
    const recent = await insert('done', 30);
    const failed = await insert('failed', 400);
    const planned = await insert('planned', null);
    expect((await worker.get(NotificationPurgeHandler).purge()).purged).toBeGreaterThanOrEqual(1);
    const { rows } = await api.pg.query(`SELECT id FROM reminder WHERE id = ANY($1::uuid[])`, [
      [old, recent, failed, planned],
    ]);
    expect(rows.map((r: Json) => r.id).sort()).toEqual([recent, failed, planned].sort());
    expect((await notificationsOf(anna)).length).toBe(3);

    await api.pg.query(
      `INSERT INTO idempotent_request (account_id, key, method, path, body_hash, state, created_at)
       VALUES ($1, 'alt', 'POST', '/api/tasks', 'x', 'done', now() - interval '25 hours'),
              ($1, 'neu', 'POST', '/api/tasks', 'x', 'done', now())`,
      [anna.id],
    );
    await worker.get(IdempotencyPurgeHandler).purge();
    const keys = await api.pg.query(`SELECT key FROM idempotent_request WHERE account_id = $1`, [anna.id]);
    expect(keys.rows).toEqual([{ key: 'neu' }]);
  });

  describe('review findings', () => {
    it('plans one reminder when two rules give the same instant', async () => {
      const coordinator = await newPerson('coordinator');
      const current = await coordinator.client.get('/api/notification-settings');
      const rules = [
        { type: 'hours_before', hours: 24 },
        { type: 'day_before_at', time: '10:00' },
      ];
      const saved = await coordinator.client.request('PUT', '/api/notification-settings', {
        body: { version: current.body.version, settings: { ...current.body.settings, meetingReminders: rules } },
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      try {
        const meeting = await plan(coordinator, { invitedPersonIds: [coordinator.id], startTime: '10:00' });
        expect((await reminders(meeting.id, 'meeting_reminder')).filter((r) => r.status === 'planned')).toHaveLength(1);
      } finally {
        await coordinator.client.request('PUT', '/api/notification-settings', {
          body: { version: saved.body.version, settings: current.body.settings },
        });
      }
    });

    it('keeps reminders that fell due but were not swept yet when the subject changes', async () => {
      const lead = await newPerson('member');
      const anna = await newPerson('member');
      const group = await newGroup();
      await putIn(group, lead, 'lead');
      await putIn(group, anna);
      const task = await newTask(lead, group, { assigneeIds: [anna.id], dueDate: berlinDate(4) });
      // As if the worker had been down: the "soon" reminder is due and still planned.
      await withWorkerPaused(async () => {
        await api.pg.query(
          `UPDATE reminder SET due_at = now() - interval '1 hour' WHERE subject_id = $1 AND kind = 'task_due' AND payload ->> 'which' = 'soon'`,
          [task.id],
        );
        const comment = await lead.client.post(`/api/tasks/${task.id}/comments`, { body: 'Nur ein Kommentar' });
        expect(comment.status).toBe(201);
      });
      const rows = await reminders(task.id, 'task_due');
      expect(rows.map((r) => [r.payload.which, r.status])).toEqual([
        ['soon', 'planned'],
        ['today', 'planned'],
      ]);
    });

    it('invites to a series even when its first meeting was cancelled before the invitation went out', async () => {
      const coordinator = await newPerson('coordinator');
      const anna = await newPerson('member', 'Anna Zweiter Termin');
      // Before the invitation goes out, the first occurrence is cancelled.
      const saved = await withWorkerPaused(async () => {
        const created = await plan(coordinator, {
          invitedPersonIds: [anna.id],
          title: 'Serie ohne ersten Termin',
          date: berlinDate(21),
          recurrence: { frequency: 'weekly', interval: 1, weekday: berlinWeekday(21), count: 3 },
        });
        const cancelled = await coordinator.client.post(`/api/meetings/${created.id}/cancel`, {
          version: created.version,
        });
        expect(cancelled.status).toBe(200);
        return created;
      });
      await fallDue(`kind = 'meeting_invitation' AND subject_id = $1`, [saved.id]);
      const [invitation] = await awaitMails(anna, /^Einladung: Serie ohne ersten Termin/);
      const ics = calendarOf(invitation as CaughtMail);
      expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    });

    it('sends a person added before the invitation went out one invitation, and none to a person removed meanwhile', async () => {
      const coordinator = await newPerson('coordinator');
      const anna = await newPerson('member', 'Anna Früh');
      const bernd = await newPerson('member', 'Bernd Dazu');
      const carla = await newPerson('member', 'Carla Weg');
      const meeting = await withWorkerPaused(async () => {
        const created = await plan(coordinator, { invitedPersonIds: [anna.id, carla.id], title: 'Frühe Runde' });
        const patch = await coordinator.client.request('PATCH', `/api/meetings/${created.id}`, {
          body: { version: created.version, invitedPersonIds: [anna.id, bernd.id], title: 'Frühe Runde (neu)' },
        });
        expect(patch.status, JSON.stringify(patch.body)).toBe(200);
        return created;
      });
      await fallDue(`kind = 'meeting_invitation' AND subject_id = $1`, [meeting.id]);
      expect(await awaitMails(bernd, /^Einladung: Frühe Runde \(neu\)/)).toHaveLength(1);
      expect(await mailsTo(anna)).toHaveLength(1); // the invitation with the new title, no change notice
      expect(await mailsTo(carla)).toEqual([]);
    });

    it('stays quiet for someone no longer invited, and counts no confidential entries', async () => {
      const coordinator = await newPerson('coordinator');
      const anna = await newPerson('member', 'Anna Ausgeladen');
      const meeting = await plan(coordinator, { invitedPersonIds: [anna.id, coordinator.id], title: 'Ohne Anna' });
      await settle();
      const row = await withWorkerPaused(async () => {
        const inserted = await api.pg.query(
          `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key, payload)
           VALUES ('meeting_reminder', $1, 'meeting', $2, now(), gen_random_uuid()::text, $3) RETURNING id`,
          [anna.id, meeting.id, JSON.stringify({ startsAt: meeting.startsAt })],
        );
        await api.pg.query(`DELETE FROM meeting_person_invitation WHERE meeting_id = $1 AND account_id = $2`, [
          meeting.id,
          anna.id,
        ]);
        return inserted;
      });
      await settle();
      const { rows } = await api.pg.query(`SELECT status, outcome FROM reminder WHERE id = $1`, [row.rows[0].id]);
      expect(rows[0]).toEqual({ status: 'skipped', outcome: 'quiet:not_invited' });
    });

    it('refuses a non-list of choices (400) and pages notifications created in the same millisecond', async () => {
      const anna = await newPerson('member');
      const bad = await anna.client.request('PUT', '/api/notification-preferences', {
        body: { choices: { kind: 'task_due', channel: 'off' } },
      });
      expect(bad.status).toBe(400);
      for (let i = 0; i < 3; i++) {
        const r = await api.pg.query(
          `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, status, dedupe_key)
           VALUES ('weekly_digest', $1, 'person', $1, now(), 'done', gen_random_uuid()::text) RETURNING id`,
          [anna.id],
        );
        await api.pg.query(
          `INSERT INTO notification (account_id, reminder_id, kind, title, body, link, created_at)
           VALUES ($1, $2, 'weekly_digest', $3, 'x', '/', '2026-11-20T10:00:00.000123Z'::timestamptz + make_interval(secs => $4::float / 1e6))`,
          [anna.id, r.rows[0].id, `Eintrag ${i}`, i * 100],
        );
      }
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await anna.client.get(`/api/notifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((n: Json) => n.title));
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
      expect(seen).toEqual(['Eintrag 2', 'Eintrag 1', 'Eintrag 0']);
    });

    it('lists reminders that ran out of attempts for admins, who deliver them again', async () => {
      const admin = await newPerson('admin');
      const anna = await newPerson('member', 'Anna Nachgeholt');
      const group = await newGroup();
      const { rows } = await api.pg.query(
        `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, status, dedupe_key, payload, outcome, processed_at)
         VALUES ('group_join_decided', $1, 'group', $2, now(), 'failed', gen_random_uuid()::text, $3, 'error: boom', now()) RETURNING id`,
        [anna.id, group, JSON.stringify({ approved: true, actorId: admin.id })],
      );
      const failed = await admin.client.get('/api/admin/notifications/failed');
      expect(failed.body.failedReminders.find((r: Json) => r.id === rows[0].id)).toMatchObject({
        kind: 'group_join_decided',
        recipient: 'Anna Nachgeholt',
        reason: 'error: boom',
      });
      expect((await admin.client.post(`/api/admin/reminders/${UNKNOWN_ID}/retry`)).status).toBe(404);
      expect((await admin.client.post(`/api/admin/reminders/${rows[0].id}/retry`)).status).toBe(200);
      await awaitMails(anna, /Mitglied/);
      expect((await admin.client.post(`/api/admin/reminders/${rows[0].id}/retry`)).status).toBe(409);
    });

    it('catches up a digest whose slot passed today while the worker was down', async () => {
      const lead = await newPerson('member');
      const anna = await newPerson('member', 'Anna Nachholen');
      const group = await newGroup();
      await putIn(group, lead, 'lead');
      await putIn(group, anna);
      const late = await newTask(lead, group, { assigneeIds: [anna.id], title: 'Nachgeholt überfällig' });
      await api.pg.query(`UPDATE task SET due_date = $2::date WHERE id = $1`, [late.id, berlinDate(-2)]);
      await api.pg.query(`UPDATE app_meta SET value = to_jsonb($1::text) WHERE key = 'digest.overdue.last_run'`, [
        berlinDate(-1),
      ]);
      const nineToday = new Date(`${berlinDate()}T09:00:00${offsetOf(berlinDate())}`);
      await worker.get(DigestHandler).catchUp(nineToday);
      await worker.get(DigestHandler).catchUp(nineToday);
      await settle();
      expect(await awaitMails(anna, /überfällige Aufgabe/)).toHaveLength(1);
      const { rows } = await api.pg.query(
        `SELECT value #>> '{}' AS day FROM app_meta WHERE key = 'digest.overdue.last_run'`,
      );
      expect(rows[0].day).toBe(berlinDate());
    });
  });

  it('creates the job schedulers with fixed ids and Europe/Berlin cron patterns', async () => {
    const schedulers = await worker.get(JobQueueService).queue(QueueName.Notifications).getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern ?? null, s.tz ?? null]).sort()).toEqual([
      ['digest-overdue', '0 8 * * *', 'Europe/Berlin'],
      ['digest-weekly', '0 7 * * 1', 'Europe/Berlin'],
      ['reminder-reconcile', null, null],
      ['reminder-sweep', null, null],
    ]);
  });
});

/** The weekday (mo … su) of the Berlin date `days` from today. */
function berlinWeekday(days: number): string {
  return ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'][new Date(`${berlinDate(days)}T12:00:00Z`).getUTCDay()] as string;
}

/** The UTC offset of Europe/Berlin on a date, as "+01:00" / "+02:00". */
function offsetOf(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(noon);
  return `+0${Number(local) - 12}:00`;
}
