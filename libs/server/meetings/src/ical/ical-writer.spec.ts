import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildCalendar, icsFileName, type IcsEvent } from './ical-writer';

const NOW = new Date('2026-01-02T08:15:30.123Z');

function baseEvent(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'm-4711@smartregion-portal',
    sequence: 0,
    status: 'CONFIRMED',
    startsAt: new Date('2026-01-14T09:00:00Z'),
    endsAt: new Date('2026-01-14T10:30:00Z'),
    title: 'Monatsrunde',
    lastModified: new Date('2026-01-01T12:00:00Z'),
    ...overrides,
  };
}

/** Parses the text the way a client would: the embedded VTIMEZONE is registered before any time is read. */
function parse(ics: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vtimezones = calendar.getAllSubcomponents('vtimezone');
  expect(vtimezones).toHaveLength(1);
  ICAL.TimezoneService.register(vtimezones[0]);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

function single(ics: string): ICAL.Event {
  const { events } = parse(ics);
  expect(events).toHaveLength(1);
  return events[0];
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

describe('buildCalendar', () => {
  beforeEach(() => {
    ICAL.TimezoneService.reset();
  });

  it('writes an invitation that a client reads back with the same identity and instants', () => {
    const ics = buildCalendar({ method: 'REQUEST', events: [baseEvent({ sequence: 3 })], now: NOW });
    const { calendar, events } = parse(ics);
    const event = events[0];

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//SmartRegion Portal//Sachsen-Anhalt//DE');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.hasProperty('x-wr-calname')).toBe(false);
    expect(event.uid).toBe('m-4711@smartregion-portal');
    expect(event.sequence).toBe(3);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.component.getFirstPropertyValue('transp')).toBe('OPAQUE');
    expect(event.component.hasProperty('rrule')).toBe(false);
    expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(event.component.getFirstProperty('dtend')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20260114T100000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Europe/Berlin:20260114T113000\r\n');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-01-14T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-01-14T10:30:00.000Z');
    expect(ics).toContain('\r\nDTSTAMP:20260102T081530Z\r\n');
    expect(ics).toContain('\r\nLAST-MODIFIED:20260101T120000Z\r\n');
  });

  it('writes summer dates as CEST local time', () => {
    const event = single(
      buildCalendar({
        events: [baseEvent({ startsAt: new Date('2026-07-08T08:00:00Z'), endsAt: new Date('2026-07-08T09:00:00Z') })],
      }),
    );
    expect(event.component.getFirstProperty('dtstart')?.toICALString()).toBe(
      'DTSTART;TZID=Europe/Berlin:20260708T100000',
    );
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-07-08T08:00:00.000Z');
  });

  it('keeps every instant across the DST changes of several years, including the repeated October hour', () => {
    const instants: Date[] = [];
    for (const day of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2030-10-27']) {
      const midnight = Date.parse(`${day}T00:00:00Z`);
      for (let minutes = -180; minutes <= 240; minutes += 30) instants.push(new Date(midnight + minutes * 60_000));
    }
    const events = instants.map((startsAt, index) =>
      baseEvent({ uid: `dst-${index}`, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) }),
    );

    const parsed = parse(buildCalendar({ events })).events;

    expect(parsed.map((event) => event.startDate.toJSDate().toISOString())).toEqual(
      instants.map((instant) => instant.toISOString()),
    );
    expect(parsed.map((event) => event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime())).toEqual(
      instants.map(() => 30 * 60_000),
    );
  });

  it('writes both passes of the repeated October hour in UTC, since clients resolve them differently', () => {
    const ics = buildCalendar({
      events: [
        baseEvent({ startsAt: new Date('2026-10-25T00:30:00Z'), endsAt: new Date('2026-10-25T01:30:00Z') }),
        baseEvent({ startsAt: new Date('2026-10-24T23:59:59Z'), endsAt: new Date('2026-10-25T02:00:00Z') }),
      ],
    });
    expect(ics).toContain('\r\nDTSTART:20261025T003000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261025T013000Z\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20261025T015959\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Europe/Berlin:20261025T030000\r\n');
  });

  it('round-trips text with umlauts, escapes, newlines and a long folded description exactly', () => {
    const title = 'Ausschuss für Bau, Verkehr; Umwelt \\ Öffentlichkeit – „Straße“ 🚲';
    const paragraph =
      'Tagesordnung: 1. Begrüßung; 2. Bericht, Haushalt \\ Anträge; 3. Verschiedenes. Änderungen vorbehalten. ';
    const description = `${paragraph.repeat(3)}\nZweite Zeile mit € und 🚲.\n\nLetzter Absatz; Ende`.slice(0, 300);
    expect(description).toHaveLength(300);

    const ics = buildCalendar({ events: [baseEvent({ title, description, location: 'Rathaus, Raum 1.02; EG' })] });
    const event = single(ics);

    expect(event.summary).toBe(title);
    expect(event.description).toBe(description);
    expect(event.location).toBe('Rathaus, Raum 1.02; EG');
    expect(ics).toContain('SUMMARY:Ausschuss für Bau\\, Verkehr\\; Umwelt \\\\ Öffentlichkeit');
  });

  it('folds at 75 octets with CRLF only and never splits a multi-byte character', () => {
    const ics = buildCalendar({
      name: 'Sitzungen – Kreistag Börde',
      events: [
        baseEvent({
          title: 'ä'.repeat(50) + '🚲'.repeat(30) + 'x'.repeat(10),
          description: 'ö€'.repeat(200),
          location: 'L'.repeat(74),
          attendees: [{ name: 'Dr. Jürgen Müller-Lüdenscheidt'.repeat(3), email: 'juergen.mueller@example.org' }],
        }),
      ],
    });

    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const bytes = Buffer.from(ics, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    let folded = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        const line = bytes.subarray(start, i);
        expect(line.length).toBeLessThanOrEqual(75);
        expect(() => decoder.decode(line)).not.toThrow();
        if (line[0] === 0x20) folded++;
        start = i + 2;
      }
    }
    expect(start).toBe(bytes.length);
    expect(folded).toBeGreaterThan(10);
    expect(physicalLines(ics)).toContain('LOCATION:' + 'L'.repeat(66));
    expect(single(ics).summary).toBe('ä'.repeat(50) + '🚲'.repeat(30) + 'x'.repeat(10));
  });

  it('shows the join link in LOCATION and DESCRIPTION and the portal page as URL', () => {
    const joinUrl = 'https://meet.example.org/b/abc-def-ghi?pwd=1,2;3';
    const url = 'https://portal.example.org/sitzungen/4711';
    const ics = buildCalendar({ events: [baseEvent({ description: 'Bitte Kamera an.', joinUrl, url })] });
    const event = single(ics);

    expect(event.location).toBe(joinUrl);
    expect(event.description).toBe(`Bitte Kamera an.\n\nOnline teilnehmen: ${joinUrl}\n\nSitzung im Portal: ${url}`);
    expect(event.component.getFirstPropertyValue('url')).toBe(url);
  });

  it('keeps a physical location and still adds the join link to the description of a hybrid meeting', () => {
    const joinUrl = 'https://meet.example.org/hybrid';
    const event = single(buildCalendar({ events: [baseEvent({ location: 'Rathaus Halle, Saal 2', joinUrl })] }));

    expect(event.location).toBe('Rathaus Halle, Saal 2');
    expect(event.description).toBe(`Online teilnehmen: ${joinUrl}`);
  });

  it('writes organizer and attendee with CN, role, RSVP and participation status', () => {
    const ics = buildCalendar({
      method: 'REQUEST',
      events: [
        baseEvent({
          organizer: { name: 'Geschäftsstelle "Kreistag"', email: 'kreistag@example.org' },
          attendees: [{ name: 'Müller, Erika', email: 'erika@example.org', partstat: 'TENTATIVE' }],
        }),
      ],
    });
    const event = single(ics);

    const organizer = event.component.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:kreistag@example.org');
    expect(organizer?.getParameter('cn')).toBe('Geschäftsstelle Kreistag');
    expect(event.attendees).toHaveLength(1);
    const attendee = event.attendees[0];
    expect(attendee.getFirstValue()).toBe('mailto:erika@example.org');
    expect(attendee.getParameter('cn')).toBe('Müller, Erika');
    expect(attendee.getParameter('partstat')).toBe('TENTATIVE');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(ics).toContain('ORGANIZER;CN="Geschäftsstelle Kreistag":mailto:kreistag@example.org');
  });

  it('defaults the participation status to NEEDS-ACTION', () => {
    const event = single(
      buildCalendar({ events: [baseEvent({ attendees: [{ name: 'Erika', email: 'erika@example.org' }] })] }),
    );
    expect(event.attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
  });

  it('writes a feed with calendar name, one VTIMEZONE for three events and no attendees', () => {
    const events = [0, 1, 2].map((week) =>
      baseEvent({
        uid: `m-${week}@smartregion-portal`,
        startsAt: new Date(Date.UTC(2026, 5, 1 + week * 7, 16)),
        endsAt: new Date(Date.UTC(2026, 5, 1 + week * 7, 18)),
        categories: ['Kreistag', 'Bau, Verkehr'],
        created: new Date('2025-12-01T07:00:00Z'),
      }),
    );
    const ics = buildCalendar({ method: 'PUBLISH', name: 'Kreistag Saalekreis; öffentlich', events });
    const { calendar, events: parsed } = parse(ics);

    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js leaves X- properties unescaped; calendar apps read them as TEXT.
    expect(ics).toContain('\r\nX-WR-CALNAME:Kreistag Saalekreis\\; öffentlich\r\n');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(ics.match(/^BEGIN:VTIMEZONE\r$/gm)).toHaveLength(1);
    expect(parsed.map((event) => event.uid)).toEqual([
      'm-0@smartregion-portal',
      'm-1@smartregion-portal',
      'm-2@smartregion-portal',
    ]);
    expect(parsed.map((event) => event.startDate.toJSDate().toISOString())).toEqual([
      '2026-06-01T16:00:00.000Z',
      '2026-06-08T16:00:00.000Z',
      '2026-06-15T16:00:00.000Z',
    ]);
    expect(parsed[0].component.getFirstProperty('categories')?.getValues()).toEqual(['Kreistag', 'Bau, Verkehr']);
    expect(parsed[0].component.getFirstPropertyValue('created')?.toString()).toBe('2025-12-01T07:00:00Z');
    expect(ics).not.toContain('ATTENDEE');
    expect(ics).not.toContain('ORGANIZER');
  });

  it('describes Berlin time in the VTIMEZONE with the EU rules', () => {
    const vtimezone = parse(buildCalendar({ events: [baseEvent()] })).calendar.getFirstSubcomponent('vtimezone');
    const daylight = vtimezone?.getFirstSubcomponent('daylight');
    const standard = vtimezone?.getFirstSubcomponent('standard');

    expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(daylight?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART:19700329T020000');
    expect(daylight?.getFirstProperty('rrule')?.toICALString()).toBe('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(daylight?.getFirstProperty('tzoffsetfrom')?.toICALString()).toBe('TZOFFSETFROM:+0100');
    expect(daylight?.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+0200');
    expect(daylight?.getFirstPropertyValue('tzname')).toBe('CEST');
    expect(standard?.getFirstProperty('dtstart')?.toICALString()).toBe('DTSTART:19701025T030000');
    expect(standard?.getFirstProperty('rrule')?.toICALString()).toBe('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(standard?.getFirstProperty('tzoffsetfrom')?.toICALString()).toBe('TZOFFSETFROM:+0200');
    expect(standard?.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+0100');
    expect(standard?.getFirstPropertyValue('tzname')).toBe('CET');
  });

  it('cancels with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const attendees = [{ name: 'Erika', email: 'erika@example.org', partstat: 'ACCEPTED' as const }];
    const organizer = { name: 'Kreistag', email: 'kreistag@example.org' };
    const request = single(
      buildCalendar({ method: 'REQUEST', events: [baseEvent({ sequence: 1, organizer, attendees })] }),
    );
    const cancelIcs = buildCalendar({
      method: 'CANCEL',
      events: [baseEvent({ sequence: 2, status: 'CONFIRMED', organizer, attendees })],
    });
    const cancel = single(cancelIcs);

    expect(new ICAL.Component(ICAL.parse(cancelIcs)).getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.uid).toBe(request.uid);
    expect(cancel.sequence).toBeGreaterThan(request.sequence);
    expect(request.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(cancel.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('takes attendees off an event that goes on: CANCEL without STATUS (RFC 5546 3.2.5)', () => {
    const attendees = [{ name: 'Erika', email: 'erika@example.org' }];
    const organizer = { name: 'Kreistag', email: 'kreistag@example.org' };
    const ics = buildCalendar({
      method: 'CANCEL',
      events: [baseEvent({ sequence: 3, status: 'CONFIRMED', organizer, attendees, uninvite: true })],
    });
    const event = single(ics);
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.component.getFirstPropertyValue('status')).toBeNull();
    expect(event.component.getFirstPropertyValue('attendee')).toBe('mailto:erika@example.org');
    expect(ics).not.toContain('STATUS:');
  });

  it('keeps a cancelled event in a feed as CANCELLED', () => {
    const event = single(buildCalendar({ method: 'PUBLISH', events: [baseEvent({ status: 'CANCELLED' })] }));
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('cannot be tricked into extra properties by line breaks in user input', () => {
    const ics = buildCalendar({
      events: [
        baseEvent({
          title: 'Sitzung\r\nATTENDEE:mailto:evil@example.org',
          url: 'https://portal.example.org/x\r\nATTENDEE:mailto:evil@example.org',
          organizer: { name: 'A"\r\nATTENDEE:mailto:evil@example.org', email: 'a@example.org\r\nX-EVIL:1' },
        }),
      ],
    });
    const event = single(ics);

    expect(event.attendees).toHaveLength(0);
    expect(event.component.hasProperty('x-evil')).toBe(false);
    expect(event.summary).toBe('Sitzung\nATTENDEE:mailto:evil@example.org');
    expect(physicalLines(ics).filter((line) => line.startsWith('ATTENDEE'))).toEqual([]);
  });

  it('writes an empty but valid feed', () => {
    const ics = buildCalendar({ method: 'PUBLISH', name: 'Leer', events: [] });
    const { events } = parse(ics);
    expect(events).toHaveLength(0);
    expect(physicalLines(ics)[0]).toBe('BEGIN:VCALENDAR');
    expect(physicalLines(ics).at(-1)).toBe('END:VCALENDAR');
  });

  it('omits DTEND for an event without duration', () => {
    const startsAt = new Date('2026-01-14T09:00:00Z');
    const event = single(buildCalendar({ events: [baseEvent({ startsAt, endsAt: startsAt })] }));
    expect(event.component.hasProperty('dtend')).toBe(false);
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-01-14T09:00:00.000Z');
  });

  it('rejects an event that ends before it starts, an invalid date and a negative sequence', () => {
    const startsAt = new Date('2026-01-14T09:00:00Z');
    expect(() =>
      buildCalendar({ events: [baseEvent({ startsAt, endsAt: new Date(startsAt.getTime() - 1) })] }),
    ).toThrow(RangeError);
    expect(() => buildCalendar({ events: [baseEvent({ lastModified: new Date('kaputt') })] })).toThrow(RangeError);
    expect(() => buildCalendar({ events: [baseEvent({ sequence: -1 })] })).toThrow(RangeError);
  });
});

describe('icsFileName', () => {
  it.each([
    ['Monatsrunde', '2026-01-14T09:00:00Z', '2026-01-14-monatsrunde.ics'],
    [
      'Ausschuss für Straßenbau & Öffentliche Übergänge',
      '2026-07-08T08:00:00Z',
      '2026-07-08-ausschuss-fuer-strassenbau-oeffentliche-uebergaenge.ics',
    ],
    ['  Café / Réunion #3  ', '2026-03-01T12:00:00Z', '2026-03-01-cafe-reunion-3.ics'],
    ['🚲🚲', '2026-03-01T12:00:00Z', '2026-03-01-termin.ics'],
    // 23:30 UTC on 31 Dec is already New Year's Day in Berlin.
    ['Silvester', '2026-12-31T23:30:00Z', '2027-01-01-silvester.ics'],
  ])('%s on %s → %s', (title, iso, expected) => {
    expect(icsFileName(title, new Date(iso))).toBe(expected);
  });

  it('transliterates decomposed umlauts and stays short and ASCII', () => {
    const name = icsFileName('Mu\u0308ller '.repeat(40), new Date('2026-01-14T09:00:00Z'));
    expect(name.startsWith('2026-01-14-mueller-mueller')).toBe(true);
    expect(name).toMatch(/^[a-z0-9-]+\.ics$/);
    expect(name.length).toBeLessThanOrEqual(75);
    expect(name).not.toMatch(/--|-\.ics$/);
  });
});
