import { MEETING_LIMITS, RECURRENCE_FREQUENCIES, WEEKDAYS, type RecurrenceRule, type Weekday } from '@srp/contracts';
import {
  addDays,
  berlinInstant,
  daysInMonth,
  formatDate,
  formatGermanDate,
  isCalendarDate,
  isoWeekdayIndex,
  isWallTime,
  WEEKDAY_NAMES,
} from './berlin-time';

const OCCURRENCES_MAX = MEETING_LIMITS.seriesOccurrencesMax;
const INTERVAL_MAX = 12;
const DURATION_MINUTES_MIN = 5;
const SET_POSITIONS: readonly unknown[] = [1, 2, 3, 4, -1];
// A monthly-by-date series may hit no month for a while (29 February every 12 months: at most
// 8 periods across a skipped century leap day) or never (31 February). After this many empty
// periods in a row it is treated as over, so the search always terminates.
const EMPTY_PERIODS_MAX = 100;
const MINUTE_MS = 60_000;

const WEEKDAY_ADVERBS: Record<Weekday, string> = {
  mo: 'montags',
  tu: 'dienstags',
  we: 'mittwochs',
  th: 'donnerstags',
  fr: 'freitags',
  sa: 'samstags',
  su: 'sonntags',
};

/** One occurrence of a series: its Berlin date and its real start and end instants. */
export interface Occurrence {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/** Narrows the occurrences of a series: from a date on (inclusive), at most `limit` of them. */
export interface OccurrenceOptions {
  from?: string;
  limit?: number;
}

function isSet<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function isIntegerBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isWeekday(value: unknown): value is Weekday {
  return (WEEKDAYS as readonly unknown[]).includes(value);
}

// Errors that make a rule impossible to evaluate; rules arrive from JSON, so no field is trusted.
function structuralErrors(rule: RecurrenceRule): string[] {
  const errors: string[] = [];
  if (!(RECURRENCE_FREQUENCIES as readonly unknown[]).includes(rule.frequency)) {
    errors.push('Bitte wählen Sie, ob die Serie wöchentlich oder monatlich wiederholt wird.');
  }
  if (!isIntegerBetween(rule.interval, 1, INTERVAL_MAX)) {
    errors.push(`Das Intervall muss eine ganze Zahl zwischen 1 und ${INTERVAL_MAX} sein.`);
  }
  const needsWeekday = rule.frequency === 'weekly' || (rule.frequency === 'monthly' && rule.monthlyBy === 'weekday');
  if (needsWeekday && !isWeekday(rule.weekday)) {
    errors.push('Bitte wählen Sie den Wochentag der Serie.');
  }
  if (rule.frequency === 'monthly') {
    if (rule.monthlyBy === 'weekday') {
      if (!SET_POSITIONS.includes(rule.setPosition)) {
        errors.push(
          'Bitte wählen Sie, am wievielten Wochentag im Monat (1. bis 4. oder letzter) die Serie stattfindet.',
        );
      }
    } else if (rule.monthlyBy === 'date') {
      if (!isIntegerBetween(rule.monthDay, 1, 31)) {
        errors.push('Der Tag im Monat muss eine ganze Zahl zwischen 1 und 31 sein.');
      }
    } else {
      errors.push('Bitte wählen Sie, ob sich die monatliche Serie nach dem Wochentag oder nach dem Datum richtet.');
    }
  }
  if (!isCalendarDate(rule.startDate)) {
    errors.push('Das Startdatum ist kein gültiges Datum.');
  }
  if (!isWallTime(rule.startTime)) {
    errors.push('Die Uhrzeit muss im Format HH:MM zwischen 00:00 und 23:59 liegen.');
  }
  if (!isIntegerBetween(rule.durationMinutes, DURATION_MINUTES_MIN, MEETING_LIMITS.durationMinutesMax)) {
    errors.push(
      `Die Dauer muss eine ganze Zahl zwischen ${DURATION_MINUTES_MIN} und ${MEETING_LIMITS.durationMinutesMax} Minuten sein.`,
    );
  }
  const hasUntil = isSet(rule.until);
  const hasCount = isSet(rule.count);
  if (!hasUntil && !hasCount) {
    errors.push('Bitte geben Sie ein Enddatum oder die Anzahl der Termine an.');
  } else if (hasUntil && hasCount) {
    errors.push('Bitte geben Sie entweder ein Enddatum oder die Anzahl der Termine an, nicht beides.');
  } else if (hasCount && !isIntegerBetween(rule.count, 1, OCCURRENCES_MAX)) {
    errors.push(`Die Anzahl der Termine muss eine ganze Zahl zwischen 1 und ${OCCURRENCES_MAX} sein.`);
  } else if (hasUntil && !isCalendarDate(rule.until)) {
    errors.push('Das Enddatum ist kein gültiges Datum.');
  } else if (hasUntil && isCalendarDate(rule.startDate) && (rule.until as string) < rule.startDate) {
    errors.push('Das Enddatum darf nicht vor dem Startdatum liegen.');
  }
  return errors;
}

function assertEvaluable(rule: RecurrenceRule): void {
  const errors = structuralErrors(rule);
  if (errors.length > 0) throw new RangeError(`Invalid recurrence rule: ${errors.join(' ')}`);
}

// Day of the month on which a monthly rule falls in the given month, or null if it skips it.
function monthlyDay(rule: RecurrenceRule, year: number, month: number): number | null {
  const length = daysInMonth(year, month);
  if (rule.monthlyBy === 'date') {
    const day = rule.monthDay as number;
    return day <= length ? day : null;
  }
  const weekdayIndex = WEEKDAYS.indexOf(rule.weekday as Weekday);
  if (rule.setPosition === -1) {
    const lastIndex = isoWeekdayIndex(formatDate(year, month, length));
    return length - ((lastIndex - weekdayIndex + 7) % 7);
  }
  const firstIndex = isoWeekdayIndex(formatDate(year, month, 1));
  // The 4th weekday is at most day 28, so every month has it.
  return 1 + ((weekdayIndex - firstIndex + 7) % 7) + 7 * ((rule.setPosition as number) - 1);
}

// All dates matching the rule's pattern from startDate on, ignoring until and count.
function* patternDates(rule: RecurrenceRule): Generator<string> {
  if (rule.frequency === 'weekly') {
    // Intervals count ISO weeks (Monday start) from the week of startDate.
    const weekStart = addDays(rule.startDate, -isoWeekdayIndex(rule.startDate));
    const first = addDays(weekStart, WEEKDAYS.indexOf(rule.weekday as Weekday));
    for (let period = 0; ; period++) {
      const date = addDays(first, 7 * rule.interval * period);
      // Years past 9999 no longer fit YYYY-MM-DD.
      if (date.length > 10) return;
      if (date >= rule.startDate) yield date;
    }
  }
  // Intervals count months from the month of startDate.
  const [startYear, startMonth] = rule.startDate.split('-').map(Number) as [number, number];
  const startMonthIndex = startYear * 12 + startMonth - 1;
  let emptyPeriods = 0;
  for (let period = 0; emptyPeriods < EMPTY_PERIODS_MAX; period++) {
    const monthIndex = startMonthIndex + period * rule.interval;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    if (year > 9999) return;
    const day = monthlyDay(rule, year, month);
    if (day === null) {
      emptyPeriods++;
      continue;
    }
    emptyPeriods = 0;
    const date = formatDate(year, month, day);
    if (date >= rule.startDate) yield date;
  }
}

// The series' dates in order, ending at until, after count occurrences, or after `cap`.
function* seriesDates(rule: RecurrenceRule, cap: number): Generator<string> {
  const limit = isSet(rule.count) ? Math.min(rule.count, cap) : cap;
  if (limit <= 0) return;
  let index = 0;
  for (const date of patternDates(rule)) {
    if (isSet(rule.until) && date > rule.until) return;
    yield date;
    if (++index >= limit) return;
  }
}

/**
 * Checks a rule and returns German, user-readable error messages (empty when the rule is valid).
 * Beyond the fields, a valid rule has at least one occurrence and, when ending on `until`, no more
 * than the series limit, so that the series is never silently cut short.
 */
export function validateRule(rule: RecurrenceRule): string[] {
  const errors = structuralErrors(rule);
  if (errors.length > 0) return errors;
  let count = 0;
  for (const _date of seriesDates(rule, OCCURRENCES_MAX + 1)) count++;
  if (count === 0) {
    errors.push('Die Serie enthält keinen Termin. Bitte prüfen Sie Startdatum, Enddatum und Rhythmus.');
  } else if (count > OCCURRENCES_MAX) {
    errors.push(
      `Eine Serie darf höchstens ${OCCURRENCES_MAX} Termine umfassen. Bitte wählen Sie ein früheres Enddatum.`,
    );
  }
  return errors;
}

/**
 * The Berlin dates (YYYY-MM-DD) of a series' occurrences in order, from the first matching date
 * on or after startDate. `count` always counts from the series' start, also when `from` skips
 * some; never more than MEETING_LIMITS.seriesOccurrencesMax. Throws a RangeError on a rule that
 * cannot be evaluated (see validateRule).
 */
export function occurrenceDates(rule: RecurrenceRule, options: OccurrenceOptions = {}): string[] {
  assertEvaluable(rule);
  const { from, limit = Infinity } = options;
  if (from !== undefined && !isCalendarDate(from)) throw new RangeError(`Not a calendar date: ${String(from)}`);
  if (limit !== Infinity && !isIntegerBetween(limit, 0, Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Limit must be a non-negative integer: ${String(limit)}`);
  }
  const dates: string[] = [];
  if (limit === 0) return dates;
  for (const date of seriesDates(rule, OCCURRENCES_MAX)) {
    if (from !== undefined && date < from) continue;
    dates.push(date);
    if (dates.length >= limit) break;
  }
  return dates;
}

/**
 * A series' occurrences with their instants: the start is the Berlin wall-clock start time on
 * that date (see berlinInstant for DST), the end is durationMinutes real minutes later.
 */
export function occurrences(rule: RecurrenceRule, options: OccurrenceOptions = {}): Occurrence[] {
  return occurrenceDates(rule, options).map((date) => {
    const startsAt = berlinInstant(date, rule.startTime);
    return { date, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * MINUTE_MS) };
  });
}

function describePattern(rule: RecurrenceRule): string {
  if (rule.frequency === 'weekly') {
    const weekday = rule.weekday as Weekday;
    return rule.interval === 1
      ? `Jeden ${WEEKDAY_NAMES[weekday]}`
      : `Alle ${rule.interval} Wochen ${WEEKDAY_ADVERBS[weekday]}`;
  }
  if (rule.monthlyBy === 'date') {
    const day = rule.monthDay as number;
    const every = rule.interval === 1 ? 'Monatlich' : `Alle ${rule.interval} Monate`;
    // Say so up front rather than surprise people with a missing meeting.
    const skipped = day > 28 ? ` (entfällt in Monaten ohne ${day}. Tag)` : '';
    return `${every} am ${day}.${skipped}`;
  }
  const position = rule.setPosition === -1 ? 'letzten' : `${rule.setPosition}.`;
  const weekday = WEEKDAY_NAMES[rule.weekday as Weekday];
  return rule.interval === 1
    ? `Jeden ${position} ${weekday} im Monat`
    : `Alle ${rule.interval} Monate am ${position} ${weekday}`;
}

function describeTimes(rule: RecurrenceRule): string {
  const [hour, minute] = rule.startTime.split(':').map(Number) as [number, number];
  // Wall-clock arithmetic on purpose: people read "10:00–11:30 Uhr", whatever DST does that day.
  const endMinutes = hour * 60 + minute + rule.durationMinutes;
  const endTime = `${String(Math.floor(endMinutes / 60) % 24).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  const nextDay = endMinutes >= 24 * 60 ? ' (am Folgetag)' : '';
  return `${rule.startTime}–${endTime} Uhr${nextDay}`;
}

/**
 * A German summary of a rule for the UI and mails, e.g.
 * "Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, bis 31.12.2026" or "Monatlich am 15., 10:00–11:00 Uhr, 12 Termine".
 */
export function describeRule(rule: RecurrenceRule): string {
  assertEvaluable(rule);
  const end = isSet(rule.count)
    ? `${rule.count} ${rule.count === 1 ? 'Termin' : 'Termine'}`
    : `bis ${formatGermanDate(rule.until as string)}`;
  return `${describePattern(rule)}, ${describeTimes(rule)}, ${end}`;
}

/**
 * Splits a series for a "this and following" edit: `before` keeps the occurrences before
 * `fromDate`, `after` the ones on and after it; together they give the original dates.
 * Throws a RangeError unless there is an occurrence on each side.
 */
export function splitRule(rule: RecurrenceRule, fromDate: string): { before: RecurrenceRule; after: RecurrenceRule } {
  assertEvaluable(rule);
  if (!isCalendarDate(fromDate)) throw new RangeError(`Not a calendar date: ${fromDate}`);
  const dates = occurrenceDates(rule);
  const beforeCount = dates.findIndex((date) => date >= fromDate);
  if (beforeCount <= 0) {
    throw new RangeError(`No occurrence on both sides of ${fromDate}: the split must lie inside the series`);
  }
  // The after rule starts on its first real occurrence rather than on fromDate itself: interval
  // counting is anchored to the week/month of startDate, which must stay in phase with the original.
  const afterStart = dates[beforeCount] as string;
  if (isSet(rule.count)) {
    return {
      before: { ...rule, until: null, count: beforeCount },
      after: { ...rule, startDate: afterStart, until: null, count: rule.count - beforeCount },
    };
  }
  return {
    before: { ...rule, until: addDays(fromDate, -1), count: null },
    after: { ...rule, startDate: afterStart, until: rule.until, count: null },
  };
}
