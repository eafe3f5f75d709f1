import {
  MANDATORY_NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  NotificationKind,
} from '@srp/contracts';
import { MAIL_TEMPLATES, MailBlock, MailTemplateName, renderMail } from '@srp/server/platform';
import { describe, expect, it } from 'vitest';
import { composeNotice } from './compose';
import { ComposeContext, MeetingFacts, Notice, NoticeData, Recipient, TaskFacts } from './notice-data';

const PORTAL = 'https://portal.example.de';
const ctx: ComposeContext = { portalUrl: PORTAL, preferencesUrl: `${PORTAL}/benachrichtigungen/abbestellen?t=abc` };

// ---- factories ----

function recipient(overrides: Partial<Recipient> = {}): Recipient {
  return { id: 'a-1', name: 'Erika Muster', email: 'erika@example.de', ...overrides };
}

/** Wednesday 2 December 2026, 10:00–11:30 in Berlin (CET, UTC+1). */
function meeting(overrides: Partial<MeetingFacts> = {}): MeetingFacts {
  return {
    id: 'm-1',
    title: 'Monatsrunde',
    kindLabel: 'Monatsrunde',
    startsAt: new Date('2026-12-02T09:00:00Z'),
    endsAt: new Date('2026-12-02T10:30:00Z'),
    format: 'hybrid',
    onlineUrl: 'https://meet.example.de/monatsrunde',
    place: 'Rathaus Halle, Marktplatz 1, Raum 2.14',
    groupName: 'UAG 2',
    organizerName: 'Max Beispiel',
    status: 'scheduled',
    cancelReason: null,
    agenda: [],
    myAnswer: null,
    waitlisted: false,
    ...overrides,
  };
}

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    id: 't-1',
    title: 'Förderantrag prüfen',
    groupName: 'UAG 3',
    dueDate: '2026-12-10',
    status: 'open',
    ...overrides,
  };
}

/** One valid data set per kind, so that rules for every kind are checked for all of them. */
const EXAMPLES: Record<NotificationKind, () => NoticeData> = {
  meeting_invitation: () => ({
    kind: 'meeting_invitation',
    recipient: recipient(),
    meeting: meeting(),
    invitedBy: 'Max Beispiel',
    seriesDates: [],
  }),
  meeting_changed: () => ({
    kind: 'meeting_changed',
    recipient: recipient(),
    meeting: meeting(),
    fields: ['startsAt', 'endsAt'],
    changedBy: 'Max Beispiel',
  }),
  meeting_cancelled: () => ({
    kind: 'meeting_cancelled',
    recipient: recipient(),
    meeting: meeting({ status: 'cancelled' }),
    cancelledDates: [meeting().startsAt],
    uninvited: false,
    cancelledBy: 'Max Beispiel',
  }),
  meeting_reminder: () => ({
    kind: 'meeting_reminder',
    recipient: recipient(),
    meeting: meeting(),
    now: new Date('2026-12-01T08:00:00Z'),
  }),
  agenda_call: () => ({
    kind: 'agenda_call',
    recipient: recipient(),
    meeting: meeting(),
    proposeUntil: new Date('2026-11-30T08:00:00Z'),
  }),
  task_assigned: () => ({
    kind: 'task_assigned',
    recipient: recipient(),
    items: [{ task: task(), by: 'Max Beispiel' }],
  }),
  task_mentioned: () => ({
    kind: 'task_mentioned',
    recipient: recipient(),
    items: [{ task: task(), by: 'Max Beispiel', excerpt: '@Erika bitte prüfen' }],
  }),
  task_due: () => ({ kind: 'task_due', recipient: recipient(), task: task(), which: 'soon', today: '2026-12-08' }),
  task_overdue: () => ({ kind: 'task_overdue', recipient: recipient(), tasks: [task()], today: '2026-12-11' }),
  minutes_review: () => ({
    kind: 'minutes_review',
    recipient: recipient(),
    meeting: meeting(),
    minutesId: 'mi-1',
    deadline: '2026-12-10',
    beforeDeadline: false,
    submittedBy: 'Max Beispiel',
  }),
  minutes_released: () => ({
    kind: 'minutes_released',
    recipient: recipient(),
    meeting: meeting(),
    minutesId: 'mi-1',
    revision: 1,
    decisions: 3,
    actionItems: 2,
  }),
  membership_decided: () => ({
    kind: 'membership_decided',
    recipient: recipient(),
    organizationId: 'o-1',
    organizationName: 'Halle (Saale)',
    approved: true,
    message: 'Herzlich willkommen!',
    decidedBy: 'Koordination SALEG',
  }),
  group_join_decided: () => ({
    kind: 'group_join_decided',
    recipient: recipient(),
    groupId: 'g-1',
    groupName: 'UAG 3',
    approved: true,
    decidedBy: 'Max Beispiel',
  }),
  weekly_digest: () => ({
    kind: 'weekly_digest',
    recipient: recipient(),
    weekStart: '2026-11-30',
    meetings: [meeting()],
    openTasks: [task()],
    overdueTasks: [],
    decisions: [],
    today: '2026-11-30',
  }),
};

// ---- reading a notice ----

function factRows(notice: Notice): Array<[string, string]> {
  return notice.mail.blocks.flatMap((b) => (b.kind === 'facts' ? b.rows : []));
}

function fact(notice: Notice, label: string): string | undefined {
  return factRows(notice).find(([l]) => l === label)?.[1];
}

function buttons(notice: Notice): Array<{ label: string; url: string }> {
  return notice.mail.blocks.flatMap((b) => (b.kind === 'button' ? [{ label: b.label, url: b.url }] : []));
}

function paragraphs(notice: Notice): string[] {
  return notice.mail.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

function headings(notice: Notice): Array<Extract<MailBlock, { kind: 'heading' }>> {
  return notice.mail.blocks.filter((b): b is Extract<MailBlock, { kind: 'heading' }> => b.kind === 'heading');
}

function text(notice: Notice): string {
  return renderMail(notice.mail, PORTAL).text;
}

function compose(data: NoticeData): Notice {
  return composeNotice(data, ctx);
}

describe('composeNotice: rules for every kind', () => {
  for (const kind of NOTIFICATION_KINDS) {
    it(`${kind}: reason, footer link, title and links`, () => {
      const notice = compose(EXAMPLES[kind]());
      expect(notice.kind).toBe(kind);
      expect(notice.title).toBe(notice.mail.subject);
      expect(notice.title.length).toBeGreaterThan(0);
      expect(notice.body.length).toBeGreaterThan(0);
      expect(notice.attachments).toBeUndefined();
      expect(notice.link).toMatch(/^\/(?!\/)/);
      expect(notice.mail.reason).toMatch(/^Warum erhalte ich diese E-Mail\? Sie erhalten diese E-Mail, weil .+\.$/);
      expect(headings(notice)[0]?.text).toBe('Guten Tag Erika Muster,');
      const mandatory = MANDATORY_NOTIFICATION_KINDS.includes(kind);
      expect(notice.mail.footerLinks).toEqual([
        {
          label: mandatory
            ? 'Ihre Benachrichtigungen verwalten'
            : `Benachrichtigungen zu „${NOTIFICATION_KIND_LABELS[kind]}“ ändern oder abbestellen`,
          url: ctx.preferencesUrl,
        },
      ]);
      // The first button leads into the portal; the notice's link is the same page as a path.
      const [primary] = buttons(notice);
      expect(primary?.url.startsWith(`${PORTAL}/`)).toBe(true);
      expect(`${PORTAL}${notice.link}`).toBe(primary?.url);
      const rendered = renderMail(notice.mail, PORTAL);
      expect(rendered.text).toContain(`: ${ctx.preferencesUrl}`);
      expect(rendered.html).toContain('href="https://portal.example.de/benachrichtigungen/abbestellen?t=abc"');
    });
  }

  it('explains that invitations and cancellations always arrive', () => {
    for (const kind of MANDATORY_NOTIFICATION_KINDS) {
      expect(compose(EXAMPLES[kind]()).mail.reason).toContain(
        'Einladungen und Absagen von Terminen erhalten Sie immer',
      );
    }
    expect(compose(EXAMPLES.meeting_reminder()).mail.reason).not.toContain('immer');
  });

  it('cuts titles to 300 characters and keeps subjects on one line', () => {
    const long = `${'Sehr lange Sitzung '.repeat(30)}\nEnde`;
    const notice = compose({
      ...(EXAMPLES.meeting_invitation() as Extract<NoticeData, { kind: 'meeting_invitation' }>),
      meeting: meeting({ title: long }),
    });
    expect(Array.from(notice.title)).toHaveLength(300);
    expect(notice.title.endsWith('…')).toBe(true);
    expect(notice.title).not.toContain('\n');
    expect(notice.mail.subject).toBe(notice.title);
  });

  it('leaves escaping to the renderer: texts stay plain, the HTML part is escaped', () => {
    const notice = compose({
      ...(EXAMPLES.task_assigned() as Extract<NoticeData, { kind: 'task_assigned' }>),
      items: [{ task: task({ title: '<b>Fett</b> & mehr' }), by: 'Max' }],
    });
    expect(notice.title).toBe('Neue Aufgabe für Sie: <b>Fett</b> & mehr');
    const html = renderMail(notice.mail, PORTAL).html;
    expect(html).not.toContain('<b>Fett</b>');
    expect(html).toContain('&lt;b&gt;Fett&lt;/b&gt; &amp; mehr');
  });
});

describe('meeting_invitation', () => {
  const data = (overrides: Partial<Extract<NoticeData, { kind: 'meeting_invitation' }>> = {}): NoticeData => ({
    ...(EXAMPLES.meeting_invitation() as Extract<NoticeData, { kind: 'meeting_invitation' }>),
    ...overrides,
  });

  it('names meeting, weekday, date and time in the subject, facts for when, where and how to join', () => {
    const notice = compose(data());
    expect(notice.title).toBe('Einladung: Monatsrunde am Mi., 2. Dez. 2026, 10:00 Uhr');
    expect(notice.body).toBe(
      'Max Beispiel lädt Sie zu „Monatsrunde“ am Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr ein.',
    );
    expect(notice.link).toBe('/termine/m-1');
    expect(fact(notice, 'Wann')).toBe('Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr');
    expect(fact(notice, 'Wo')).toBe('Rathaus Halle, Marktplatz 1, Raum 2.14');
    expect(fact(notice, 'Online')).toBe('https://meet.example.de/monatsrunde');
    expect(fact(notice, 'Arbeitsgruppe')).toBe('UAG 2');
    expect(fact(notice, 'Organisiert von')).toBe('Max Beispiel');
    expect(fact(notice, 'Art')).toBeUndefined(); // same as the title
    expect(buttons(notice)).toEqual([
      { label: 'Termin im Portal öffnen', url: `${PORTAL}/termine/m-1` },
      { label: 'Online teilnehmen', url: 'https://meet.example.de/monatsrunde' },
    ]);
    expect(paragraphs(notice)).toContain('Bitte sagen Sie im Portal zu oder ab.');
  });

  it('shows summer time as the Berlin wall clock too', () => {
    const notice = compose(
      data({
        meeting: meeting({ startsAt: new Date('2026-06-03T08:00:00Z'), endsAt: new Date('2026-06-03T09:30:00Z') }),
      }),
    );
    expect(notice.title).toBe('Einladung: Monatsrunde am Mi., 3. Juni 2026, 10:00 Uhr');
    expect(fact(notice, 'Wann')).toBe('Mittwoch, 3. Juni 2026, 10:00–11:30 Uhr');
  });

  it('has no join link for meetings on site and no place for online meetings', () => {
    const onSite = compose(data({ meeting: meeting({ format: 'in_person', onlineUrl: null }) }));
    expect(fact(onSite, 'Online')).toBeUndefined();
    expect(buttons(onSite).map((b) => b.label)).toEqual(['Termin im Portal öffnen']);
    const online = compose(data({ meeting: meeting({ format: 'online', place: null, kindLabel: 'UAG-Sitzung' }) }));
    expect(fact(online, 'Wo')).toBeUndefined();
    expect(fact(online, 'Art')).toBe('UAG-Sitzung');
    expect(buttons(online).map((b) => b.label)).toEqual(['Termin im Portal öffnen', 'Online teilnehmen']);
  });

  it('lists the dates of a series in order, across the change to summer time', () => {
    // Weekly on Wednesdays at 10:00 Berlin time from 18 March 2026; clocks go forward on 29 March.
    const dates = [
      new Date('2026-04-01T08:00:00Z'),
      new Date('2026-03-18T09:00:00Z'),
      new Date('2026-03-25T09:00:00Z'),
      new Date('2026-04-08T08:00:00Z'),
    ];
    const notice = compose(
      data({
        invitedBy: null,
        seriesDates: dates,
        meeting: meeting({ startsAt: new Date('2026-03-18T09:00:00Z'), endsAt: new Date('2026-03-18T10:30:00Z') }),
      }),
    );
    expect(notice.title).toBe('Einladung: Monatsrunde – 4 Termine ab 18. März 2026');
    expect(notice.body).toBe('Sie sind zu 4 Terminen der Reihe „Monatsrunde“ ab 18. März 2026 eingeladen.');
    const rows = factRows(notice);
    expect(rows).toContainEqual(['Mi., 18. März 2026', '10:00–11:30 Uhr']);
    expect(rows).toContainEqual(['Mi., 25. März 2026', '10:00–11:30 Uhr']);
    expect(rows).toContainEqual(['Mi., 1. Apr. 2026', '10:00–11:30 Uhr']);
    const labels = rows.map(([label]) => label);
    expect(labels.indexOf('Mi., 25. März 2026')).toBeLessThan(labels.indexOf('Mi., 1. Apr. 2026'));
  });

  it('lists at most 24 dates of a long series', () => {
    const dates = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 0, 7 + 7 * i, 9)));
    const notice = compose(data({ seriesDates: dates }));
    expect(notice.title).toBe('Einladung: Monatsrunde – 30 Termine ab 7. Januar 2026');
    expect(factRows(notice).filter(([label]) => label.startsWith('Mi., '))).toHaveLength(24);
    expect(paragraphs(notice)).toContain('… und 6 weitere Termine. Alle Termine finden Sie im Portal.');
  });
});

describe('meeting_changed', () => {
  const data = (fields: string[], changedBy: string | null = 'Max Beispiel'): NoticeData => ({
    kind: 'meeting_changed',
    recipient: recipient(),
    meeting: meeting(),
    fields,
    changedBy,
  });

  it('says what changed, in German and once per topic', () => {
    const notice = compose(data(['startsAt', 'endsAt', 'room', 'address', 'onlineUrl', 'somethingInternal']));
    expect(notice.title).toBe('Geändert: Monatsrunde am Mi., 2. Dez. 2026, 10:00 Uhr');
    expect(notice.body).toBe(
      'Geändert: Zeit, Ort und Online-Link. Der Termin findet am Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr statt.',
    );
    expect(paragraphs(notice)[0]).toBe(
      'Max Beispiel hat den Termin „Monatsrunde“ geändert. Geändert: Zeit, Ort und Online-Link.',
    );
    expect(fact(notice, 'Wann')).toBe('Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr');
  });

  it('names title and description changes, and copes without a known field or author', () => {
    expect(compose(data(['title', 'description'])).body).toMatch(/^Geändert: Titel und Beschreibung\./);
    const unknown = compose(data(['internal'], null));
    expect(unknown.body).toMatch(/^Die Angaben zum Termin wurden geändert\./);
    expect(paragraphs(unknown)[0]).toBe('der Termin „Monatsrunde“ wurde geändert.');
  });
});

describe('meeting_cancelled', () => {
  const data = (overrides: Partial<Extract<NoticeData, { kind: 'meeting_cancelled' }>> = {}): NoticeData => ({
    ...(EXAMPLES.meeting_cancelled() as Extract<NoticeData, { kind: 'meeting_cancelled' }>),
    ...overrides,
  });

  it('cancels one meeting with its reason', () => {
    const notice = compose(data({ meeting: meeting({ status: 'cancelled', cancelReason: 'Referentin erkrankt' }) }));
    expect(notice.title).toBe('Abgesagt: Monatsrunde am Mi., 2. Dez. 2026, 10:00 Uhr');
    expect(notice.body).toBe(
      'Der Termin „Monatsrunde“ am Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr wurde abgesagt. Grund: Referentin erkrankt',
    );
    expect(paragraphs(notice)[0]).toBe(
      'Max Beispiel hat den Termin „Monatsrunde“ am Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr abgesagt.',
    );
    expect(fact(notice, 'Grund')).toBe('Referentin erkrankt');
    expect(buttons(notice)).toEqual([{ label: 'Termin im Portal öffnen', url: `${PORTAL}/termine/m-1` }]);
  });

  it('lists every date when a series is cancelled from here on', () => {
    const notice = compose(
      data({
        cancelledBy: null,
        cancelledDates: [
          new Date('2026-12-16T09:00:00Z'),
          new Date('2026-12-02T09:00:00Z'),
          new Date('2026-12-09T09:00:00Z'),
        ],
      }),
    );
    expect(notice.title).toBe('Abgesagt: Monatsrunde – 3 Termine ab 2. Dezember 2026');
    expect(notice.body).toBe('3 Termine der Reihe „Monatsrunde“ ab 2. Dezember 2026 wurden abgesagt.');
    expect(factRows(notice)).toContainEqual(['Mi., 16. Dez. 2026', '10:00–11:30 Uhr']);
    expect(paragraphs(notice)).toContain(
      'Wenn Sie die Termine in Ihren Kalender übernommen haben, können Sie sie dort löschen.',
    );
  });

  it('tells someone taken off the list that they are no longer invited', () => {
    const notice = compose(data({ uninvited: true, meeting: meeting() }));
    expect(notice.title).toBe('Nicht mehr eingeladen: Monatsrunde am Mi., 2. Dez. 2026, 10:00 Uhr');
    expect(notice.body).toBe(
      'Sie sind zu „Monatsrunde“ am Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr nicht mehr eingeladen.',
    );
    expect(notice.body).not.toContain('abgesagt');
    expect(notice.link).toBe('/termine');
    expect(notice.mail.footerLinks?.[0]?.label).toBe('Ihre Benachrichtigungen verwalten');
  });
});

describe('meeting_reminder', () => {
  const remind = (now: string, overrides: Partial<MeetingFacts> = {}): Notice =>
    compose({ kind: 'meeting_reminder', recipient: recipient(), meeting: meeting(overrides), now: new Date(now) });

  it('says today, tomorrow, the day after tomorrow or the date, by the Berlin calendar', () => {
    expect(remind('2026-12-02T06:00:00Z').title).toBe('Erinnerung: Monatsrunde heute, 10:00 Uhr');
    expect(remind('2026-12-01T09:00:00Z').title).toBe('Erinnerung: Monatsrunde morgen, 10:00 Uhr');
    expect(remind('2026-11-30T09:00:00Z').title).toBe('Erinnerung: Monatsrunde übermorgen, 10:00 Uhr');
    expect(remind('2026-11-29T09:00:00Z').title).toBe('Erinnerung: Monatsrunde am 2. Dezember, 10:00 Uhr');
    // 23:30 UTC on 1 December is already 2 December in Berlin.
    expect(remind('2026-12-01T23:30:00Z').title).toBe('Erinnerung: Monatsrunde heute, 10:00 Uhr');
    // Across the new year the date carries its year.
    expect(
      remind('2026-12-30T09:00:00Z', {
        startsAt: new Date('2027-01-04T09:00:00Z'),
        endsAt: new Date('2027-01-04T10:00:00Z'),
      }).title,
    ).toBe('Erinnerung: Monatsrunde am 4. Januar 2027, 10:00 Uhr');
  });

  it('uses Berlin days and times around the change back to winter time', () => {
    // Sunday 25 October 2026, 10:00 CET; at 22:30 UTC on the 24th it is 00:30 CEST on the 25th in Berlin.
    const sunday = { startsAt: new Date('2026-10-25T09:00:00Z'), endsAt: new Date('2026-10-25T10:00:00Z') };
    expect(remind('2026-10-24T22:30:00Z', sunday).title).toBe('Erinnerung: Monatsrunde heute, 10:00 Uhr');
    expect(remind('2026-10-24T08:00:00Z', sunday).title).toBe('Erinnerung: Monatsrunde morgen, 10:00 Uhr');
    // In summer 08:00 UTC is 10:00 in Berlin.
    const summer = { startsAt: new Date('2026-07-01T08:00:00Z'), endsAt: new Date('2026-07-01T09:00:00Z') };
    expect(remind('2026-06-30T22:30:00Z', summer).title).toBe('Erinnerung: Monatsrunde heute, 10:00 Uhr');
  });

  it('shows the answer, the waiting list, the agenda and how to join', () => {
    const notice = remind('2026-12-01T09:00:00Z', {
      myAnswer: 'yes',
      waitlisted: true,
      agenda: [
        { title: 'Begrüßung', presenter: 'Max Beispiel', plannedMinutes: 10 },
        { title: 'Digitaler Zwilling', presenter: null, plannedMinutes: null },
      ],
    });
    expect(fact(notice, 'Ihre Antwort')).toBe('Zusage – Sie stehen auf der Warteliste');
    expect(notice.body).toContain('Sie haben zugesagt und stehen auf der Warteliste.');
    expect(factRows(notice)).toContainEqual(['TOP 1', 'Begrüßung – Max Beispiel (10 Min.)']);
    expect(factRows(notice)).toContainEqual(['TOP 2', 'Digitaler Zwilling']);
    expect(buttons(notice).map((b) => b.label)).toEqual(['Termin im Portal öffnen', 'Online teilnehmen']);
    expect(text(notice)).toContain('Online teilnehmen: https://meet.example.de/monatsrunde');
  });

  it('asks for an answer when there is none yet', () => {
    const notice = remind('2026-12-01T09:00:00Z');
    expect(fact(notice, 'Ihre Antwort')).toBe('Noch keine Antwort');
    expect(notice.body).toContain('Bitte sagen Sie im Portal zu oder ab.');
  });
});

describe('agenda_call', () => {
  it('asks for topics until the given time and links to the meeting page', () => {
    const notice = compose({
      kind: 'agenda_call',
      recipient: recipient(),
      meeting: meeting({ startsAt: new Date('2026-12-09T09:00:00Z'), endsAt: new Date('2026-12-09T10:00:00Z') }),
      proposeUntil: new Date('2026-12-07T08:00:00Z'),
    });
    expect(notice.title).toBe('Themen für „Monatsrunde“ am 9. Dezember gesucht');
    expect(fact(notice, 'Vorschläge bis')).toBe('Montag, 7. Dezember 2026, 09:00 Uhr');
    expect(notice.body).toContain('bis Montag, 7. Dezember 2026, 09:00 Uhr');
    expect(buttons(notice)[0]).toEqual({ label: 'Thema vorschlagen', url: `${PORTAL}/termine/m-1` });
    expect(notice.link).toBe('/termine/m-1');
  });
});

describe('task_assigned', () => {
  it('names a single task in the subject', () => {
    const notice = compose(EXAMPLES.task_assigned());
    expect(notice.title).toBe('Neue Aufgabe für Sie: Förderantrag prüfen');
    expect(notice.body).toBe(
      'Max Beispiel hat Ihnen die Aufgabe „Förderantrag prüfen“ zugewiesen. Fällig am Donnerstag, 10. Dezember 2026.',
    );
    expect(notice.link).toBe('/aufgaben/t-1');
    expect(fact(notice, 'Arbeitsgruppe')).toBe('UAG 3');
    expect(fact(notice, 'Fällig am')).toBe('Donnerstag, 10. Dezember 2026');
    expect(fact(notice, 'Status')).toBe('Offen');
  });

  it('collects several tasks with group, due date and who assigned them', () => {
    const notice = compose({
      kind: 'task_assigned',
      recipient: recipient(),
      items: [
        { task: task({ id: 't-1', title: 'A', dueDate: '2026-12-20' }), by: 'Max Beispiel' },
        { task: task({ id: 't-2', title: 'B', dueDate: '2026-12-05', groupName: 'UAG 1' }), by: 'Jana Probe' },
        { task: task({ id: 't-3', title: 'C', dueDate: null }), by: null },
        // Assigned again within the batch window: still one task.
        { task: task({ id: 't-1', title: 'A', dueDate: '2026-12-20' }), by: 'Max Beispiel' },
      ],
    });
    expect(notice.title).toBe('3 neue Aufgaben für Sie');
    expect(notice.body).toBe('Ihnen wurden 3 Aufgaben zugewiesen: „B“, „A“ und „C“.');
    expect(notice.link).toBe('/aufgaben');
    expect(factRows(notice)).toEqual([
      ['B', 'UAG 1 · fällig am 05.12.2026 · von Jana Probe'],
      ['A', 'UAG 3 · fällig am 20.12.2026 · von Max Beispiel'],
      ['C', 'UAG 3 · ohne Fälligkeitsdatum'],
    ]);
    expect(buttons(notice)[0]).toEqual({ label: 'Ihre Aufgaben öffnen', url: `${PORTAL}/aufgaben` });
  });

  it('names the one person who assigned them all and caps the list', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      task: task({ id: `t-${i}`, title: `Aufgabe ${String(i).padStart(2, '0')}` }),
      by: 'Max Beispiel',
    }));
    const notice = compose({ kind: 'task_assigned', recipient: recipient(), items });
    expect(notice.title).toBe('12 neue Aufgaben für Sie');
    expect(paragraphs(notice)[0]).toBe('Max Beispiel hat Ihnen 12 Aufgaben zugewiesen.');
    expect(notice.body).toBe(
      'Max Beispiel hat Ihnen 12 Aufgaben zugewiesen: „Aufgabe 00“, „Aufgabe 01“, „Aufgabe 02“ und 9 weitere.',
    );
    expect(factRows(notice)).toHaveLength(10);
    expect(paragraphs(notice)).toContain('… und 2 weitere Aufgaben.');
  });
});

describe('task_mentioned', () => {
  it('quotes the comment for a single mention', () => {
    const notice = compose(EXAMPLES.task_mentioned());
    expect(notice.title).toBe('Max Beispiel hat Sie in „Förderantrag prüfen“ erwähnt');
    expect(paragraphs(notice)).toContain('„@Erika bitte prüfen“');
    expect(buttons(notice)[0]).toEqual({ label: 'Kommentar lesen', url: `${PORTAL}/aufgaben/t-1` });
  });

  it('counts several mentions and links to the one task they are in', () => {
    const notice = compose({
      kind: 'task_mentioned',
      recipient: recipient(),
      items: [
        { task: task(), by: 'Max Beispiel', excerpt: 'Erste\nZeile' },
        { task: task(), by: 'Jana Probe', excerpt: 'x'.repeat(400) },
        { task: task(), by: null, excerpt: 'Dritter' },
      ],
    });
    expect(notice.title).toBe('Sie wurden in 3 Kommentaren erwähnt');
    expect(notice.body).toBe('Sie wurden in 3 Kommentaren zur Aufgabe „Förderantrag prüfen“ erwähnt.');
    expect(notice.link).toBe('/aufgaben/t-1');
    const rows = factRows(notice);
    expect(rows[0]).toEqual(['Max Beispiel in „Förderantrag prüfen“', '„Erste Zeile“']);
    expect(Array.from(rows[1]?.[1] ?? '').length).toBeLessThanOrEqual(202);
    expect(rows[2]?.[0]).toBe('Kommentar in „Förderantrag prüfen“');
  });

  it('links to the task list when the mentions are in different tasks', () => {
    const notice = compose({
      kind: 'task_mentioned',
      recipient: recipient(),
      items: [
        { task: task({ id: 't-1' }), by: 'Max', excerpt: 'a' },
        { task: task({ id: 't-2', title: 'Andere' }), by: 'Max', excerpt: 'b' },
      ],
    });
    expect(notice.body).toBe('Sie wurden in 2 Kommentaren zu 2 Aufgaben erwähnt.');
    expect(notice.link).toBe('/aufgaben');
  });
});

describe('task_due', () => {
  const due = (today: string, dueDate: string, which: 'soon' | 'today' = 'soon'): Notice =>
    compose({ kind: 'task_due', recipient: recipient(), task: task({ dueDate }), which, today });

  it('counts the days from today to the due date', () => {
    expect(due('2026-12-08', '2026-12-10').title).toBe('Fällig in 2 Tagen: Förderantrag prüfen');
    expect(due('2026-12-09', '2026-12-10').title).toBe('Fällig morgen: Förderantrag prüfen');
    expect(due('2026-12-10', '2026-12-10', 'today').title).toBe('Heute fällig: Förderantrag prüfen');
    // February 2026 has 28 days.
    expect(due('2026-02-27', '2026-03-01').title).toBe('Fällig in 2 Tagen: Förderantrag prüfen');
  });

  it('says when in words and links to the task', () => {
    const notice = due('2026-12-08', '2026-12-10');
    expect(notice.body).toBe(
      'Die Aufgabe „Förderantrag prüfen“ ist in 2 Tagen fällig, am Donnerstag, 10. Dezember 2026.',
    );
    expect(notice.link).toBe('/aufgaben/t-1');
    expect(due('2026-12-10', '2026-12-10', 'today').body).toBe(
      'Die Aufgabe „Förderantrag prüfen“ ist heute, Donnerstag, 10. Dezember 2026, fällig.',
    );
  });
});

describe('task_overdue', () => {
  it('uses the singular for one task and links to it', () => {
    const notice = compose({ kind: 'task_overdue', recipient: recipient(), tasks: [task()], today: '2026-12-11' });
    expect(notice.title).toBe('1 überfällige Aufgabe');
    expect(notice.body).toBe('Die Aufgabe „Förderantrag prüfen“ ist seit 1 Tag überfällig.');
    expect(notice.link).toBe('/aufgaben/t-1');
  });

  it('lists several tasks, the longest overdue first, with the days since', () => {
    const notice = compose({
      kind: 'task_overdue',
      recipient: recipient(),
      tasks: [
        task({ id: 't-1', title: 'Neuer', dueDate: '2026-12-09' }),
        task({ id: 't-2', title: 'Älter', dueDate: '2026-11-28' }),
      ],
      today: '2026-12-11',
    });
    expect(notice.title).toBe('2 überfällige Aufgaben');
    expect(notice.link).toBe('/aufgaben');
    expect(factRows(notice)).toEqual([
      ['Älter', 'UAG 3 · fällig am 28.11.2026, seit 13 Tagen überfällig'],
      ['Neuer', 'UAG 3 · fällig am 09.12.2026, seit 2 Tagen überfällig'],
    ]);
    expect(notice.body).toBe(
      '2 Ihnen zugewiesene Aufgaben sind überfällig. Am längsten „Älter“ (seit 13 Tagen überfällig).',
    );
  });
});

describe('minutes_review and minutes_released', () => {
  const review = (overrides: Partial<Extract<NoticeData, { kind: 'minutes_review' }>> = {}): Notice =>
    compose({ ...(EXAMPLES.minutes_review() as Extract<NoticeData, { kind: 'minutes_review' }>), ...overrides });

  it('asks to check and approve by the deadline, on the minutes page', () => {
    const notice = review();
    expect(notice.title).toBe('Bitte prüfen und zustimmen: Protokoll zu „Monatsrunde“ vom 2. Dezember');
    expect(notice.body).toBe(
      'Max Beispiel hat das Protokoll zu „Monatsrunde“ vom 2. Dezember zur Prüfung vorgelegt. Bitte lesen Sie das Protokoll und stimmen Sie ihm bis einschließlich 10. Dezember 2026 im Portal zu.',
    );
    expect(fact(notice, 'Zustimmung bis')).toBe('einschließlich Do., 10. Dez. 2026');
    expect(notice.link).toBe('/termine/m-1/protokoll');
    expect(buttons(notice)[0]).toEqual({ label: 'Protokoll prüfen', url: `${PORTAL}/termine/m-1/protokoll` });
  });

  it('names the deadline in the second call', () => {
    const notice = review({ beforeDeadline: true });
    expect(notice.title).toBe('Frist läuft am 10. Dezember ab: Protokoll zu „Monatsrunde“ vom 2. Dezember');
    expect(notice.body).toMatch(/^Sie haben dem Protokoll zu „Monatsrunde“ vom 2. Dezember noch nicht zugestimmt\./);
  });

  it('works without a deadline or submitter', () => {
    const notice = review({ deadline: null, submittedBy: null });
    expect(notice.body).toBe(
      'Das Protokoll zu „Monatsrunde“ vom 2. Dezember liegt zur Prüfung vor. Bitte lesen Sie das Protokoll und stimmen Sie ihm im Portal zu.',
    );
    expect(fact(notice, 'Zustimmung bis')).toBe('ohne Frist');
  });

  it('announces released minutes with their decisions and action items', () => {
    const notice = compose(EXAMPLES.minutes_released());
    expect(notice.title).toBe('Protokoll freigegeben: Monatsrunde vom 2. Dezember');
    expect(notice.body).toBe(
      'Das Protokoll zu „Monatsrunde“ vom 2. Dezember 2026 ist freigegeben. Es enthält 3 Beschlüsse und 2 Aufgaben.',
    );
    expect(notice.link).toBe('/termine/m-1/protokoll');
  });

  it('calls a later revision a new version and pluralises the counts', () => {
    const notice = compose({
      ...(EXAMPLES.minutes_released() as Extract<NoticeData, { kind: 'minutes_released' }>),
      revision: 2,
      decisions: 1,
      actionItems: 0,
    });
    expect(notice.title).toBe('Neue Fassung des Protokolls freigegeben: Monatsrunde vom 2. Dezember');
    expect(notice.body).toContain('Es enthält 1 Beschluss und keine Aufgaben.');
    expect(fact(notice, 'Fassung')).toBe('2');
  });
});

describe('membership_decided and group_join_decided', () => {
  it('reuses the membership template and adds the reason lead-in and footer link', () => {
    const notice = compose(EXAMPLES.membership_decided());
    const template = MAIL_TEMPLATES[MailTemplateName.MembershipDecided](
      {
        name: 'Erika Muster',
        organizationName: 'Halle (Saale)',
        approved: true,
        message: 'Herzlich willkommen!',
        decidedBy: 'Koordination SALEG',
        link: `${PORTAL}/kommunen/o-1`,
      },
      { portalUrl: PORTAL },
    );
    expect(notice.title).toBe('Willkommen: Halle (Saale) ist Mitglied der Landesinitiative');
    expect(notice.mail.blocks).toEqual(template.blocks);
    expect(notice.mail.preview).toBe(template.preview);
    expect(notice.mail.reason).toBe(`Warum erhalte ich diese E-Mail? ${template.reason}`);
    expect(notice.link).toBe('/kommunen/o-1');
    expect(text(notice)).toContain('Herzlich willkommen!');
  });

  it('reuses the group join template, also for a refusal', () => {
    const notice = compose({
      ...(EXAMPLES.group_join_decided() as Extract<NoticeData, { kind: 'group_join_decided' }>),
      approved: false,
    });
    expect(notice.title).toBe('Ihre Anfrage zur Mitarbeit in der UAG 3');
    expect(notice.body).toBe('Max Beispiel hat Ihre Anfrage zur Mitarbeit in der UAG 3 nicht angenommen.');
    expect(notice.link).toBe('/arbeitsgruppen/g-1');
    expect(buttons(notice)[0]?.url).toBe(`${PORTAL}/arbeitsgruppen/g-1`);
  });
});

describe('weekly_digest', () => {
  const digest = (overrides: Partial<Extract<NoticeData, { kind: 'weekly_digest' }>> = {}): Notice =>
    compose({ ...(EXAMPLES.weekly_digest() as Extract<NoticeData, { kind: 'weekly_digest' }>), ...overrides });

  it('counts meetings and open tasks in the subject', () => {
    const notice = digest({
      meetings: [
        meeting({ id: 'm-2', title: 'Workshop', startsAt: new Date('2026-12-04T13:00:00Z'), myAnswer: 'yes' }),
        meeting(),
      ],
      openTasks: [task({ id: 't-1' }), task({ id: 't-2' }), task({ id: 't-3' })],
      overdueTasks: [task({ id: 't-4', dueDate: '2026-11-20' }), task({ id: 't-5', dueDate: '2026-11-27' })],
    });
    expect(notice.title).toBe('Ihre Woche: 2 Termine, 5 offene Aufgaben, davon 2 überfällig');
    expect(notice.link).toBe('/');
    expect(
      headings(notice)
        .filter((h) => h.level === 2)
        .map((h) => h.text),
    ).toEqual(['Ihre Termine diese Woche', 'Überfällige Aufgaben', 'Weitere offene Aufgaben']);
    expect(paragraphs(notice)[0]).toBe('hier ist Ihre Übersicht für die Woche vom 30. November bis 6. Dezember 2026.');
    const rows = factRows(notice);
    expect(rows[0]).toEqual(['Mi., 2. Dez., 10:00 Uhr', 'Monatsrunde (UAG 2) · Noch keine Antwort']);
    expect(rows[1]).toEqual(['Fr., 4. Dez., 14:00 Uhr', 'Workshop (UAG 2) · Zusage']);
    expect(rows).toContainEqual(['Förderantrag prüfen', 'UAG 3 · fällig am 20.11.2026, seit 10 Tagen überfällig']);
    expect(buttons(notice)).toEqual([{ label: 'Portal öffnen', url: `${PORTAL}/` }]);
  });

  it('counts a task in both lists once and uses the singular', () => {
    const notice = digest({ meetings: [meeting()], openTasks: [task()], overdueTasks: [task()] });
    expect(notice.title).toBe('Ihre Woche: 1 Termin, 1 offene Aufgabe, davon 1 überfällig');
    expect(headings(notice).map((h) => h.text)).not.toContain('Weitere offene Aufgaben');
  });

  it('caps long lists and shows new decisions', () => {
    const openTasks = Array.from({ length: 12 }, (_, i) =>
      task({ id: `t-${i}`, dueDate: `2026-12-${String(10 + i).padStart(2, '0')}` }),
    );
    const notice = digest({
      meetings: [],
      openTasks,
      decisions: [
        {
          id: 'd-1',
          text: 'Die UAG 2 erarbeitet einen Leitfaden.',
          groupName: 'UAG 2',
          meetingTitle: 'Monatsrunde',
          decidedOn: '2026-11-25',
        },
      ],
    });
    expect(notice.title).toBe('Ihre Woche: keine Termine, 12 offene Aufgaben');
    expect(notice.body).toBe(
      'Woche vom 30. November bis 6. Dezember 2026: keine Termine, 12 offene Aufgaben; 1 neuer Beschluss.',
    );
    expect(paragraphs(notice)).toContain('… und 2 weitere Aufgaben.');
    expect(factRows(notice)).toContainEqual([
      '25.11.2026',
      'Die UAG 2 erarbeitet einen Leitfaden. („Monatsrunde“, UAG 2)',
    ]);
    expect(headings(notice).map((h) => h.text)).toContain('Neue Beschlüsse in Ihren Gruppen');
  });

  it('says so when the week is empty', () => {
    const notice = digest({ meetings: [], openTasks: [], weekStart: '2026-12-28', today: '2026-12-28' });
    expect(notice.title).toBe('Ihre Woche: keine Termine, keine offenen Aufgaben');
    expect(paragraphs(notice)[0]).toBe(
      'hier ist Ihre Übersicht für die Woche vom 28. Dezember 2026 bis 3. Januar 2027.',
    );
    expect(paragraphs(notice)).toContain('Für diese Woche stehen für Sie keine Termine und keine offenen Aufgaben an.');
  });
});
