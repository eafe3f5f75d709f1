import { RecurrenceInputDto } from '../../../api/generated/models/recurrence-input-dto';
import {
  MeetingChange,
  MeetingDetail,
  MeetingFormat,
  MeetingKind,
  NewMeeting,
  berlinDay,
  berlinTime,
} from '../../../core/meetings.service';

export type Weekday = NonNullable<RecurrenceInputDto['weekday']>;
export type SetPosition = NonNullable<RecurrenceInputDto['setPosition']>;
/** The three rhythms the form offers. */
export type Rhythm = 'weekly' | 'monthly_weekday' | 'monthly_date';
export type SeriesEnd = 'until' | 'count';
export type EditScope = 'this' | 'following';

export const WEEKDAYS: readonly Weekday[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mo: 'Montag',
  tu: 'Dienstag',
  we: 'Mittwoch',
  th: 'Donnerstag',
  fr: 'Freitag',
  sa: 'Samstag',
  su: 'Sonntag',
};
const WEEKDAY_ADVERBS: Record<Weekday, string> = {
  mo: 'montags',
  tu: 'dienstags',
  we: 'mittwochs',
  th: 'donnerstags',
  fr: 'freitags',
  sa: 'samstags',
  su: 'sonntags',
};
export const SET_POSITIONS: readonly SetPosition[] = [1, 2, 3, 4, -1];
export const SET_POSITION_LABELS: Record<string, string> = {
  '1': '1.',
  '2': '2.',
  '3': '3.',
  '4': '4.',
  '-1': 'letzten',
};

/** Everything the form holds, in plain values (what `getRawValue()` gives, plus the chosen people). */
export interface MeetingFormValue {
  kind: MeetingKind;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  multiDay: boolean;
  endDate: string;
  format: MeetingFormat;
  onlineUrl: string;
  address: string;
  room: string;
  capacity: number | null;
  /** '' = no host group. */
  hostGroupId: string;
  inviteAll: boolean;
  invitedGroupIds: string[];
  invitedPersonIds: string[];
  guests: { name: string; email: string }[];
  callForItems: boolean;
  repeat: boolean;
  rhythm: Rhythm;
  interval: number;
  weekday: Weekday;
  setPosition: SetPosition;
  monthDay: number;
  seriesEnd: SeriesEnd;
  until: string;
  count: number | null;
  agenda: { title: string; minutes: number | null }[];
}

/** The weekday of a date (YYYY-MM-DD). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

/** Which of its weekdays in the month the date is: 1–4, or -1 for a fifth (= the last). */
export function positionOf(date: string): SetPosition {
  const n = Math.ceil(Number(date.slice(8, 10)) / 7);
  return n > 4 ? -1 : (n as SetPosition);
}

/** The series fields that follow the date: its weekday, its position in the month and its day. */
export function rhythmDefaults(date: string): Pick<MeetingFormValue, 'weekday' | 'setPosition' | 'monthDay'> {
  return { weekday: weekdayOf(date), setPosition: positionOf(date), monthDay: Number(date.slice(8, 10)) };
}

/** The recurrence the api expects, or undefined for a single meeting. */
export function recurrenceOf(v: MeetingFormValue): RecurrenceInputDto | undefined {
  if (!v.repeat) return undefined;
  const end = v.seriesEnd === 'count' ? { count: v.count, until: null } : { until: v.until || null, count: null };
  if (v.rhythm === 'weekly') {
    return { frequency: 'weekly', interval: v.interval, weekday: v.weekday, ...end };
  }
  if (v.rhythm === 'monthly_weekday') {
    return {
      frequency: 'monthly',
      monthlyBy: 'weekday',
      interval: v.interval,
      weekday: v.weekday,
      setPosition: v.setPosition,
      ...end,
    };
  }
  return { frequency: 'monthly', monthlyBy: 'date', interval: v.interval, monthDay: v.monthDay, ...end };
}

const germanDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** A German summary of the series, e.g. "Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, 12 Termine". */
export function recurrenceSummary(v: MeetingFormValue): string {
  const interval = Math.max(1, Math.floor(v.interval || 1));
  let pattern: string;
  if (v.rhythm === 'weekly') {
    pattern =
      interval === 1 ? `Jeden ${WEEKDAY_NAMES[v.weekday]}` : `Alle ${interval} Wochen ${WEEKDAY_ADVERBS[v.weekday]}`;
  } else if (v.rhythm === 'monthly_weekday') {
    const position = SET_POSITION_LABELS[String(v.setPosition)];
    pattern =
      interval === 1
        ? `Jeden ${position} ${WEEKDAY_NAMES[v.weekday]} im Monat`
        : `Alle ${interval} Monate am ${position} ${WEEKDAY_NAMES[v.weekday]}`;
  } else {
    const every = interval === 1 ? 'Monatlich' : `Alle ${interval} Monate`;
    const skipped = v.monthDay > 28 ? ` (entfällt in Monaten ohne ${v.monthDay}. Tag)` : '';
    pattern = `${every} am ${v.monthDay}.${skipped}`;
  }
  const parts = [pattern];
  if (v.startTime && v.endTime) parts.push(`${v.startTime}–${v.endTime} Uhr`);
  if (v.seriesEnd === 'count' && v.count) parts.push(`${v.count} ${v.count === 1 ? 'Termin' : 'Termine'}`);
  if (v.seriesEnd === 'until' && v.until) parts.push(`bis ${germanDate(v.until)}`);
  return parts.join(', ');
}

const trimmedOrNull = (text: string) => text.trim() || null;

/** The place fields that belong to the format (an online meeting has no address, and vice versa). */
function placeOf(v: MeetingFormValue): Pick<NewMeeting, 'onlineUrl' | 'address' | 'room'> {
  const online = v.format !== 'in_person';
  const onSite = v.format !== 'online';
  return {
    onlineUrl: online ? trimmedOrNull(v.onlineUrl) : null,
    address: onSite ? trimmedOrNull(v.address) : null,
    room: onSite ? trimmedOrNull(v.room) : null,
  };
}

/** The new meeting (or series) for `POST /api/meetings`. */
export function toCreateDto(v: MeetingFormValue): NewMeeting {
  const recurrence = recurrenceOf(v);
  const agenda = v.agenda
    .filter((item) => item.title.trim())
    .map((item) => ({ title: item.title.trim(), plannedMinutes: item.minutes || null }));
  return {
    kind: v.kind,
    title: v.title.trim(),
    description: v.description,
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime,
    endDate: v.multiDay && !recurrence ? v.endDate || null : null,
    format: v.format,
    ...placeOf(v),
    capacity: v.capacity || null,
    hostGroupId: v.hostGroupId || null,
    inviteAll: v.inviteAll,
    invitedGroupIds: v.inviteAll ? [] : [...v.invitedGroupIds],
    invitedPersonIds: v.inviteAll ? [] : [...v.invitedPersonIds],
    guests: guestsOf(v),
    callForItems: v.callForItems,
    ...(recurrence ? { recurrence } : {}),
    ...(agenda.length ? { agenda } : {}),
  };
}

function guestsOf(v: MeetingFormValue): { name: string; email: string }[] {
  return v.guests
    .filter((g) => g.name.trim() || g.email.trim())
    .map((g) => ({ name: g.name.trim(), email: g.email.trim() }));
}

/** The form's values for an existing meeting (dates and times in Berlin). */
export function valueOf(meeting: MeetingDetail): MeetingFormValue {
  const date = berlinDay(meeting.startsAt);
  const endDate = berlinDay(meeting.endsAt);
  return {
    kind: meeting.kind,
    title: meeting.title,
    description: meeting.description,
    date,
    startTime: berlinTime(meeting.startsAt),
    endTime: berlinTime(meeting.endsAt),
    multiDay: endDate !== date,
    endDate: endDate !== date ? endDate : '',
    format: meeting.format,
    onlineUrl: meeting.onlineUrl ?? '',
    address: meeting.address ?? '',
    room: meeting.room ?? '',
    capacity: meeting.capacity,
    hostGroupId: meeting.hostGroup?.id ?? '',
    inviteAll: meeting.inviteAll,
    invitedGroupIds: meeting.invitedGroups.map((g) => g.id),
    invitedPersonIds: meeting.invitedPeople.map((p) => p.id),
    guests: meeting.guests.map((g) => ({ name: g.name, email: g.email })),
    callForItems: meeting.callForItems,
    ...rhythmDefaults(date),
    repeat: false,
    rhythm: 'monthly_weekday',
    interval: 1,
    seriesEnd: 'count',
    until: '',
    count: 12,
    agenda: [],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Only what changed against the meeting as loaded, plus its version (and the scope for series
 * meetings). The date moves only the one meeting: with "following" it is left out.
 */
export function changesOf(
  before: MeetingFormValue,
  after: MeetingFormValue,
  version: number,
  scope: EditScope | null,
): MeetingChange {
  const change: MeetingChange = { version };
  if (after.kind !== before.kind) change.kind = after.kind;
  if (after.title.trim() !== before.title) change.title = after.title.trim();
  if (after.description !== before.description) change.description = after.description;
  const moveDate = scope !== 'following';
  if (moveDate && after.date !== before.date) change.date = after.date;
  if (after.startTime !== before.startTime) change.startTime = after.startTime;
  if (after.endTime !== before.endTime) change.endTime = after.endTime;
  const endBefore = before.multiDay ? before.endDate : '';
  const endAfter = after.multiDay ? after.endDate : '';
  if (moveDate && endAfter !== endBefore) change.endDate = endAfter || null;
  if (after.format !== before.format) change.format = after.format;
  const place = placeOf(after);
  const placeBefore = placeOf(before);
  for (const key of ['onlineUrl', 'address', 'room'] as const) {
    if (place[key] !== placeBefore[key]) change[key] = place[key];
  }
  if ((after.capacity || null) !== (before.capacity || null)) change.capacity = after.capacity || null;
  if (after.inviteAll !== before.inviteAll) change.inviteAll = after.inviteAll;
  const groupsAfter = after.inviteAll ? [] : after.invitedGroupIds;
  const groupsBefore = before.inviteAll ? [] : before.invitedGroupIds;
  if (!sameSet(groupsAfter, groupsBefore)) change.invitedGroupIds = [...groupsAfter];
  const peopleAfter = after.inviteAll ? [] : after.invitedPersonIds;
  const peopleBefore = before.inviteAll ? [] : before.invitedPersonIds;
  if (!sameSet(peopleAfter, peopleBefore)) change.invitedPersonIds = [...peopleAfter];
  const guests = guestsOf(after);
  if (JSON.stringify(guests) !== JSON.stringify(guestsOf(before))) change.guests = guests;
  if (after.callForItems !== before.callForItems) change.callForItems = after.callForItems;
  if (scope && Object.keys(change).length > 1) change.scope = scope;
  return change;
}

/** Whether a change carries anything besides its version and scope. */
export function hasChanges(change: MeetingChange): boolean {
  return Object.keys(change).some((key) => key !== 'version' && key !== 'scope');
}
