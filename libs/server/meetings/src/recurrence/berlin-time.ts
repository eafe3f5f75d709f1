import { WEEKDAYS, type Weekday } from '@srp/contracts';

const ZONE = 'Europe/Berlin';
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

const MONTH_NAMES = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
] as const;

/** German weekday names ("Mittwoch") by weekday. */
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mo: 'Montag',
  tu: 'Dienstag',
  we: 'Mittwoch',
  th: 'Donnerstag',
  fr: 'Freitag',
  sa: 'Samstag',
  su: 'Sonntag',
};

// hourCycle h23: with `hour12: false` some ICU versions print midnight as "24".
const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number): WallClock {
  const value: Record<string, number> = {};
  for (const part of wallClock.formatToParts(epochMs)) {
    if (part.type !== 'literal') value[part.type] = Number(part.value);
  }
  return {
    year: value['year'] ?? NaN,
    month: value['month'] ?? NaN,
    day: value['day'] ?? NaN,
    hour: value['hour'] ?? NaN,
    minute: value['minute'] ?? NaN,
    second: value['second'] ?? NaN,
  };
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** Offset of Europe/Berlin from UTC in minutes at an instant (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(instant: Date | number): number {
  const epochMs = typeof instant === 'number' ? instant : instant.getTime();
  const local = wallClockAt(epochMs);
  const localMs = utcMs(local.year, local.month, local.day, local.hour, local.minute, local.second);
  return Math.round((localMs - Math.floor(epochMs / 1000) * 1000) / MINUTE_MS);
}

/** Whether the string is a real calendar date in the form YYYY-MM-DD. */
export function isCalendarDate(date: unknown): date is string {
  if (typeof date !== 'string') return false;
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Whether the string is a wall-clock time HH:MM between 00:00 and 23:59. */
export function isWallTime(time: unknown): time is string {
  if (typeof time !== 'string') return false;
  const match = TIME_PATTERN.exec(time);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

function parseDate(date: string): { year: number; month: number; day: number } {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function parseTime(time: string): { hour: number; minute: number } {
  if (!isWallTime(time)) throw new RangeError(`Not a wall-clock time (HH:MM): ${String(time)}`);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute };
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** Formats calendar parts as YYYY-MM-DD. */
export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Number of days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** The calendar date `n` days after (or before, if negative) a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  const shifted = new Date(utcMs(year, month, day) + n * DAY_MS);
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** ISO weekday index of a YYYY-MM-DD date: 0 = Monday … 6 = Sunday. */
export function isoWeekdayIndex(date: string): number {
  const { year, month, day } = parseDate(date);
  return (new Date(utcMs(year, month, day)).getUTCDay() + 6) % 7;
}

/** The weekday of a YYYY-MM-DD date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[isoWeekdayIndex(date)] as Weekday;
}

/**
 * The instant at which the Berlin wall clock shows `date` `time`.
 * - DST gap (last Sunday of March, 02:00–02:59 does not exist): the time is shifted forward by the
 *   gap, so 02:30 becomes 03:30 CEST, as calendar apps do.
 * - DST overlap (last Sunday of October, 02:00–02:59 happens twice): the first, earlier instant
 *   (still CEST) is taken, so a meeting never starts an hour later than announced.
 */
export function berlinInstant(date: string, time: string): Date {
  const { year, month, day } = parseDate(date);
  const { hour, minute } = parseTime(time);
  const naive = utcMs(year, month, day, hour, minute);
  // Berlin changes its offset at most once within two days, so the offsets a day before and after
  // are the only candidates; the larger offset gives the earlier instant.
  const before = berlinOffsetMinutes(naive - DAY_MS);
  const after = berlinOffsetMinutes(naive + DAY_MS);
  const candidates = [...new Set([before, after])].sort((a, b) => b - a);
  for (const offset of candidates) {
    const epochMs = naive - offset * MINUTE_MS;
    if (berlinOffsetMinutes(epochMs) === offset) return new Date(epochMs);
  }
  // No offset fits: the wall time falls into the spring-forward gap. Reading it with the offset
  // in force before the gap lands the same distance past the gap's end.
  return new Date(naive - before * MINUTE_MS);
}

/** The Berlin local date (YYYY-MM-DD), time (HH:MM) and weekday of an instant. */
export function berlinParts(instant: Date): { date: string; time: string; weekday: Weekday } {
  const epochMs = instant.getTime();
  if (Number.isNaN(epochMs)) throw new RangeError('Invalid date');
  const local = wallClockAt(epochMs);
  const date = formatDate(local.year, local.month, local.day);
  return { date, time: `${pad(local.hour)}:${pad(local.minute)}`, weekday: weekdayOf(date) };
}

/** Formats a YYYY-MM-DD date the German way: 14.01.2026. */
export function formatGermanDate(date: string): string {
  const { year, month, day } = parseDate(date);
  return `${pad(day)}.${pad(month)}.${pad(year, 4)}`;
}

/**
 * Formats an instant in Berlin time, German style (for mails, PDFs, .ics descriptions):
 * date `14.01.2026`, dateTime `14.01.2026, 10:00`, time `10:00`,
 * weekdayDateTime `Mittwoch, 14. Januar 2026, 10:00`.
 */
export function formatBerlin(instant: Date, style: 'date' | 'dateTime' | 'time' | 'weekdayDateTime'): string {
  // Built by hand rather than with de-DE Intl styles, whose punctuation differs between ICU versions.
  const { date, time, weekday } = berlinParts(instant);
  switch (style) {
    case 'date':
      return formatGermanDate(date);
    case 'dateTime':
      return `${formatGermanDate(date)}, ${time}`;
    case 'time':
      return time;
    case 'weekdayDateTime': {
      const { year, month, day } = parseDate(date);
      return `${WEEKDAY_NAMES[weekday]}, ${day}. ${MONTH_NAMES[month - 1]} ${year}, ${time}`;
    }
  }
}
