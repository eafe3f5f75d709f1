import type { Weekday } from '@srp/contracts';
import { berlinParts, WEEKDAY_NAMES, weekdayOf } from '@srp/server/meetings';

/**
 * German wording helpers for notices: dates and times in Europe/Berlin, plurals, lists, quotes.
 * Built by hand (like `formatBerlin`) so the output does not depend on the ICU version.
 */

const MONTHS = [
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

const MONTHS_SHORT = [
  'Jan.',
  'Feb.',
  'März',
  'Apr.',
  'Mai',
  'Juni',
  'Juli',
  'Aug.',
  'Sept.',
  'Okt.',
  'Nov.',
  'Dez.',
] as const;

const WEEKDAYS_SHORT: Record<Weekday, string> = {
  mo: 'Mo.',
  tu: 'Di.',
  we: 'Mi.',
  th: 'Do.',
  fr: 'Fr.',
  sa: 'Sa.',
  su: 'So.',
};

const DAY_MS = 86_400_000;

function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The Berlin calendar date (YYYY-MM-DD) of an instant. */
export function berlinDay(instant: Date): string {
  return berlinParts(instant).date;
}

/** "2. Dezember" */
export function dayMonth(date: string): string {
  const { month, day } = parts(date);
  return `${day}. ${MONTHS[month - 1]}`;
}

/** "2. Dezember 2026" */
export function longDate(date: string): string {
  return `${dayMonth(date)} ${parts(date).year}`;
}

/** "Mittwoch, 2. Dezember 2026" */
export function weekdayLongDate(date: string): string {
  return `${WEEKDAY_NAMES[weekdayOf(date)]}, ${longDate(date)}`;
}

/** "Mi., 2. Dez. 2026", or "Mi., 2. Dez." without the year. */
export function shortDate(date: string, withYear = true): string {
  const { year, month, day } = parts(date);
  return `${WEEKDAYS_SHORT[weekdayOf(date)]}, ${day}. ${MONTHS_SHORT[month - 1]}${withYear ? ` ${year}` : ''}`;
}

/** "14.01.2026": compact, for lists. */
export function numericDate(date: string): string {
  const { year, month, day } = parts(date);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** "10:00" (Berlin wall clock). */
export function berlinTime(instant: Date): string {
  return berlinParts(instant).time;
}

/** "Mi., 2. Dez. 2026, 10:00 Uhr" (without the year: "Mi., 2. Dez., 10:00 Uhr"). */
export function shortDateTime(instant: Date, withYear = true): string {
  const { date, time } = berlinParts(instant);
  return `${shortDate(date, withYear)}, ${time} Uhr`;
}

/** "Mittwoch, 2. Dezember 2026, 10:00 Uhr" */
export function longDateTime(instant: Date): string {
  const { date, time } = berlinParts(instant);
  return `${weekdayLongDate(date)}, ${time} Uhr`;
}

/**
 * When a meeting takes place: "Mittwoch, 2. Dezember 2026, 10:00–11:30 Uhr"; across midnight
 * "Mittwoch, 2. Dezember 2026, 10:00 Uhr bis Donnerstag, 3. Dezember 2026, 16:00 Uhr".
 */
export function timeSpan(startsAt: Date, endsAt: Date): string {
  const start = berlinParts(startsAt);
  const end = berlinParts(endsAt);
  if (start.date === end.date) return `${weekdayLongDate(start.date)}, ${start.time}–${end.time} Uhr`;
  return `${longDateTime(startsAt)} bis ${longDateTime(endsAt)}`;
}

/** Whole calendar days from one YYYY-MM-DD date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** "heute", "morgen", "übermorgen", else "am 3. Dezember" (with the year when it is not this year's). */
export function relativeDay(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'heute';
  if (days === 1) return 'morgen';
  if (days === 2) return 'übermorgen';
  return `am ${parts(today).year === parts(date).year ? dayMonth(date) : longDate(date)}`;
}

/** "1 Aufgabe", "3 Aufgaben"; `none` for zero ("keine Aufgaben"). */
export function count(n: number, singular: string, plural: string, none?: string): string {
  if (n === 0 && none !== undefined) return none;
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "A", "A und B", "A, B und C". */
export function germanList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** German quotation marks: „text“. */
export function quote(text: string): string {
  return `„${text}“`;
}

/** Collapses line breaks and runs of white space (for subjects and one-line values). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts a text to at most `max` characters (code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** First letter upper case (a sentence that follows "Guten Tag …," starts lower case in the mail). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** First letter lower case, for the sentence right after the greeting "Guten Tag …,". */
export function uncapitalize(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
