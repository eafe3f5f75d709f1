import {
  MEETING_KIND_ORDER,
  MeetingKind,
  MeetingQuery,
  MeetingSummary,
  berlinDay,
} from '../../../core/meetings.service';

/**
 * Calendar arithmetic on plain Berlin dates (YYYY-MM-DD). Days are counted with UTC dates, which
 * have no daylight saving time, so a DST month has neither a missing nor a doubled day.
 */

/** The three views, as they appear in `?ansicht=`. */
export type CalendarView = 'monat' | 'woche' | 'liste';

/** What the address says about the calendar. */
export interface CalendarState {
  view: CalendarView;
  /** A day inside the shown period (YYYY-MM-DD). */
  date: string;
  groupIds: string[];
  kinds: MeetingKind[];
  mine: boolean;
}

/** German names of the query parameters. */
export const CALENDAR_PARAMS = {
  view: 'ansicht',
  date: 'datum',
  groups: 'gruppen',
  kinds: 'arten',
  only: 'nur',
} as const;

/** How many days the list view shows from its first day. */
export const LIST_DAYS = 90;

export const WEEKDAY_SHORT = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'] as const;
export const WEEKDAY_LONG = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'] as const;
export const MONTH_NAMES = [
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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

const toUtc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether the text is a real calendar date YYYY-MM-DD. */
export function isCalendarDate(value: string | null | undefined): value is string {
  const match = value ? DATE.exec(value) : null;
  return !!match && fromUtc(toUtc(value as string)) === value;
}

/** The date `days` days later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** The same day `months` months later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, last)));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(toUtc(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the date's week. */
export function weekStart(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): number {
  const thursday = addDays(date, 3 - weekdayIndex(date));
  const yearStart = toUtc(`${thursday.slice(0, 4)}-01-01`);
  return Math.floor((toUtc(thursday) - yearStart) / DAY_MS / 7) + 1;
}

/** The month's days in whole weeks (Monday to Sunday), including the neighbour months' days. */
export function monthGrid(date: string): string[][] {
  const first = `${date.slice(0, 7)}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const weeks: string[][] = [];
  for (let day = weekStart(first); day <= last; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}

/** The seven days of the date's week, Monday first. */
export function weekDays(date: string): string[] {
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** First and last day (inclusive) the view shows around the date. */
export function visibleRange(view: CalendarView, date: string): { from: string; to: string } {
  if (view === 'monat') {
    const weeks = monthGrid(date);
    return { from: weeks[0][0], to: weeks[weeks.length - 1][6] };
  }
  if (view === 'woche') {
    const days = weekDays(date);
    return { from: days[0], to: days[6] };
  }
  return { from: date, to: addDays(date, LIST_DAYS - 1) };
}

/** The date one period before (-1) or after (+1). */
export function shiftDate(view: CalendarView, date: string, step: number): string {
  if (view === 'monat') return addMonths(`${date.slice(0, 7)}-01`, step);
  if (view === 'woche') return addDays(date, 7 * step);
  return addDays(date, LIST_DAYS * step);
}

const monthName = (date: string) => MONTH_NAMES[Number(date.slice(5, 7)) - 1];
const dayOf = (date: string) => Number(date.slice(8, 10));
const yearOf = (date: string) => date.slice(0, 4);

/** "23. November 2026". */
export function germanLongDate(date: string): string {
  return `${dayOf(date)}. ${monthName(date)} ${yearOf(date)}`;
}

/** "Montag, 23. November 2026". */
export function germanWeekdayDate(date: string): string {
  return `${WEEKDAY_LONG[weekdayIndex(date)]}, ${germanLongDate(date)}`;
}

/** "23.11.2026". */
export function germanShortDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${yearOf(date)}`;
}

/** "November 2026". */
export function monthTitle(date: string): string {
  return `${monthName(date)} ${yearOf(date)}`;
}

/** "23.–29. November 2026", "30. November – 6. Dezember 2026", "29. Dezember 2025 – 4. Januar 2026". */
export function rangeTitle(from: string, to: string): string {
  if (yearOf(from) !== yearOf(to)) return `${germanLongDate(from)} – ${germanLongDate(to)}`;
  if (from.slice(0, 7) !== to.slice(0, 7)) {
    return `${dayOf(from)}. ${monthName(from)} – ${germanLongDate(to)}`;
  }
  return `${dayOf(from)}.–${germanLongDate(to)}`;
}

/** The heading of the shown period, e.g. "November 2026" or "KW 48 · 23.–29. November 2026". */
export function periodTitle(view: CalendarView, date: string): string {
  if (view === 'monat') return monthTitle(date);
  const { from, to } = visibleRange(view, date);
  if (view === 'woche') return `KW ${isoWeek(from)} · ${rangeTitle(from, to)}`;
  return rangeTitle(from, to);
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Reads the calendar from the query string; unknown or broken values fall back to the defaults. */
export function stateFromParams(get: (name: string) => string | null, today: string): CalendarState {
  const view = get(CALENDAR_PARAMS.view);
  const date = get(CALENDAR_PARAMS.date);
  return {
    view: view === 'woche' || view === 'liste' ? view : 'monat',
    date: isCalendarDate(date) ? date : today,
    groupIds: [...new Set(list(get(CALENDAR_PARAMS.groups)).filter((id) => UUID.test(id)))],
    kinds: MEETING_KIND_ORDER.filter((kind) => list(get(CALENDAR_PARAMS.kinds)).includes(kind)),
    mine: get(CALENDAR_PARAMS.only) === 'meine',
  };
}

/** The query parameters of a calendar state; defaults are left out (null removes them when merging). */
export function paramsFromState(state: CalendarState, today: string): Record<string, string | null> {
  return {
    [CALENDAR_PARAMS.view]: state.view === 'monat' ? null : state.view,
    [CALENDAR_PARAMS.date]: state.date === today ? null : state.date,
    [CALENDAR_PARAMS.groups]: state.groupIds.length ? state.groupIds.join(',') : null,
    [CALENDAR_PARAMS.kinds]: state.kinds.length ? state.kinds.join(',') : null,
    [CALENDAR_PARAMS.only]: state.mine ? 'meine' : null,
  };
}

/** The api query for what the state shows. */
export function queryOf(state: CalendarState): MeetingQuery {
  const { from, to } = visibleRange(state.view, state.date);
  return {
    from,
    to,
    ...(state.groupIds.length ? { groupIds: state.groupIds } : {}),
    ...(state.kinds.length ? { kinds: state.kinds } : {}),
    ...(state.mine ? { mine: true } : {}),
  };
}

/**
 * The meetings of each Berlin day between from and to, by start time. A meeting over several days
 * is listed on each of its days.
 */
export function meetingsByDay(
  meetings: readonly MeetingSummary[],
  from: string,
  to: string,
): Map<string, MeetingSummary[]> {
  const byDay = new Map<string, MeetingSummary[]>();
  const sorted = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
  for (const meeting of sorted) {
    const first = berlinDay(meeting.startsAt);
    // An end at midnight belongs to the day before.
    const last = berlinDay(new Date(new Date(meeting.endsAt).getTime() - 1));
    for (let day = first < from ? from : first; day <= last && day <= to; day = addDays(day, 1)) {
      const entries = byDay.get(day) ?? [];
      entries.push(meeting);
      byDay.set(day, entries);
    }
  }
  return byDay;
}

/** The meetings grouped by the month they start in, months in order (for the list view). */
export function meetingsByMonth(meetings: readonly MeetingSummary[]): { month: string; meetings: MeetingSummary[] }[] {
  const sorted = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const groups: { month: string; meetings: MeetingSummary[] }[] = [];
  for (const meeting of sorted) {
    const month = berlinDay(meeting.startsAt).slice(0, 7);
    const current = groups[groups.length - 1];
    if (current?.month === month) {
      current.meetings.push(meeting);
    } else {
      groups.push({ month, meetings: [meeting] });
    }
  }
  return groups;
}
