/**
 * iCalendar (RFC 5545) writer for invitations (.ics attachments, iTIP REQUEST/CANCEL)
 * and subscription feeds (PUBLISH). Hand-written on purpose: no runtime dependency,
 * and the output is tuned for Outlook and Thunderbird (standard properties only,
 * one embedded VTIMEZONE, no recurrence rules on events).
 */

export type IcsPartstat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsAttendee extends IcsPerson {
  partstat?: IcsPartstat;
}

export interface IcsEvent {
  /** Stable across updates and cancellation, e.g. `${meetingId}@smartregion-portal`. */
  uid: string;
  /** Raised on each change so that clients replace their copy. */
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED';
  /**
   * With METHOD:CANCEL: the event goes on, only the attendees named are taken off. RFC 5546
   * (3.2.5) forbids STATUS then; a CANCEL without it removes the event from their calendar only.
   */
  uninvite?: boolean;
  startsAt: Date;
  endsAt: Date;
  title: string;
  /** Plain text. */
  description?: string;
  /** Address and room, or the online link for online meetings. */
  location?: string;
  /** The meeting page in the portal. */
  url?: string;
  /** Online link; always appended to DESCRIPTION, and used as LOCATION when no location is given. */
  joinUrl?: string;
  organizer?: IcsPerson;
  /** Only for an invitation mail to one person; feeds never carry attendees. */
  attendees?: IcsAttendee[];
  lastModified: Date;
  created?: Date;
  categories?: string[];
}

export interface IcsCalendarInput {
  method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** Calendar name shown by subscribing clients (feeds only). */
  name?: string;
  events: IcsEvent[];
  /** DTSTAMP of every event; defaults to the current time. */
  now?: Date;
}

export const ICS_TZID = 'Europe/Berlin';
export const ICS_PRODID = '-//SmartRegion Portal//Sachsen-Anhalt//DE';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const HOUR_MS = 3_600_000;

// EU rules since 1996; the 1970 start dates are the usual convention and cover every date the portal writes.
const VTIMEZONE_LINES = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TZID}`,
  'BEGIN:DAYLIGHT',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const berlinFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ICS_TZID,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Builds a complete VCALENDAR text with CRLF line endings and folded lines. */
export function buildCalendar(input: IcsCalendarInput): string {
  const now = input.now ?? new Date();
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${ICS_PRODID}`, 'CALSCALE:GREGORIAN'];
  if (input.method) lines.push(`METHOD:${input.method}`);
  if (input.name !== undefined) {
    lines.push(`X-WR-CALNAME:${escapeText(input.name)}`, `X-WR-TIMEZONE:${ICS_TZID}`);
  }
  // Written even for an empty feed: RFC 5545 requires at least one component per VCALENDAR.
  lines.push(...VTIMEZONE_LINES);
  for (const event of input.events) lines.push(...eventLines(event, input.method, now));
  lines.push('END:VCALENDAR');
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

/** Safe ASCII attachment name such as `2026-01-14-monatsrunde.ics` (date in Berlin time). */
export function icsFileName(title: string, date: Date): string {
  const { year, month, day } = berlinParts(date);
  const slug = transliterate(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${year}-${month}-${day}-${slug || 'termin'}.ics`;
}

function eventLines(event: IcsEvent, method: IcsCalendarInput['method'], now: Date): string[] {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`SEQUENCE must be a non-negative integer, got ${event.sequence}`);
  }
  if (event.endsAt.getTime() < event.startsAt.getTime()) {
    throw new RangeError(`Event ${event.uid} ends before it starts`);
  }
  const status = method === 'CANCEL' ? (event.uninvite ? null : 'CANCELLED') : event.status;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(now)}`,
    `DTSTART${berlinDateTime(event.startsAt)}`,
  ];
  // Per RFC 5545 an event without DTEND ends at its start; an equal DTEND is rejected by strict validators.
  if (event.endsAt.getTime() > event.startsAt.getTime()) lines.push(`DTEND${berlinDateTime(event.endsAt)}`);
  lines.push(
    `SEQUENCE:${event.sequence}`,
    ...(status ? [`STATUS:${status}`] : []),
    `SUMMARY:${escapeText(event.title)}`,
  );

  const description = composeDescription(event);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  const location = event.location || event.joinUrl;
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  if (event.url) lines.push(`URL:${cleanUri(event.url)}`);
  if (event.organizer) lines.push(`ORGANIZER${cnParam(event.organizer.name)}:${mailto(event.organizer.email)}`);
  for (const attendee of event.attendees ?? []) {
    const partstat = attendee.partstat ?? 'NEEDS-ACTION';
    lines.push(
      `ATTENDEE${cnParam(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=TRUE:${mailto(attendee.email)}`,
    );
  }
  if (event.created) lines.push(`CREATED:${utcDateTime(event.created)}`);
  lines.push(`LAST-MODIFIED:${utcDateTime(event.lastModified)}`);
  const categories = (event.categories ?? []).filter((category) => category.trim() !== '');
  if (categories.length > 0) lines.push(`CATEGORIES:${categories.map(escapeText).join(',')}`);
  lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

// Outlook hides the URL property, so the join link (and the portal page) must also be readable in the body.
function composeDescription(event: IcsEvent): string {
  const parts: string[] = [];
  const body = (event.description ?? '').replace(/\r\n?/g, '\n');
  if (body.trim()) parts.push(body);
  if (event.joinUrl && !body.includes(event.joinUrl)) parts.push(`Online teilnehmen: ${event.joinUrl}`);
  if (event.url && !body.includes(event.url)) parts.push(`Sitzung im Portal: ${event.url}`);
  return parts.join('\n\n');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11) and drops control characters that TEXT must not contain. */
function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

// Parameter values cannot be escaped, only quoted, so the quote character itself has to go.
function cnParam(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/["\x00-\x1F\x7F]/g, '').trim();
  return clean ? `;CN="${clean}"` : '';
}

function mailto(email: string): string {
  return `mailto:${cleanUri(email).replace(/^mailto:/i, '')}`;
}

// URIs are written verbatim; removing whitespace and control characters prevents property injection.
function cleanUri(uri: string): string {
  // eslint-disable-next-line no-control-regex
  return uri.replace(/[\x00-\x20\x7F]/g, '');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1); continuation lines start with one space,
 * and multi-byte UTF-8 characters are never split.
 */
function foldLine(line: string): string {
  const segments: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_LINE_OCTETS) {
      segments.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  segments.push(current);
  return segments.join(CRLF);
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

function utcDateTime(date: Date): string {
  assertValid(date);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Property suffix for a DATE-TIME in Berlin local time (`;TZID=Europe/Berlin:20260114T100000`).
 * Times in the repeated hour of the October change are written in UTC instead: RFC 5545 picks the first
 * occurrence of an ambiguous local time, but clients disagree (ical.js, for one, picks the second).
 */
function berlinDateTime(date: Date): string {
  assertValid(date);
  const local = berlinLocal(date);
  const ambiguous =
    local === berlinLocal(new Date(date.getTime() - HOUR_MS)) ||
    local === berlinLocal(new Date(date.getTime() + HOUR_MS));
  return ambiguous ? `:${utcDateTime(date)}` : `;TZID=${ICS_TZID}:${local}`;
}

function berlinLocal(date: Date): string {
  const p = berlinParts(date);
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

function berlinParts(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  assertValid(date);
  const parts = berlinFormat.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year').padStart(4, '0'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

function assertValid(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date in calendar data');
}

const TRANSLITERATIONS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
};

function transliterate(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[äöüÄÖÜßẞ]/g, (char) => TRANSLITERATIONS[char] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}
