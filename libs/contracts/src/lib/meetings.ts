/** Kinds of meeting: the initiative's monthly digital round, a UAG's meeting, a workshop in a town, a fair. */
export const MEETING_KINDS = ['monatsrunde', 'uag_sitzung', 'workshop', 'messe', 'sonstiges'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Where a meeting happens. */
export const MEETING_FORMATS = ['online', 'in_person', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** A meeting is planned until it is cancelled (a cancelled meeting stays visible, marked). */
export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** An invitee's answer: Zusage, Absage, Vielleicht. */
export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** How someone takes part in a hybrid meeting. */
export const ATTENDANCE_MODES = ['on_site', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** Recorded attendance: anwesend, entschuldigt, abwesend. */
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** An agenda item proposed by a member waits for the organiser's decision. */
export const AGENDA_ITEM_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

/** How often a series repeats. */
export const RECURRENCE_FREQUENCIES = ['weekly', 'monthly'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

/** Weekdays, ISO order (Monday = 1 … Sunday = 7 in the rule's `weekday`). */
export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A series' recurrence, evaluated in Europe/Berlin.
 * - weekly: every `interval` weeks on `weekday`.
 * - monthly by weekday: every `interval` months on the `setPosition`-th (1–4, or -1 = last) `weekday`.
 * - monthly by date: every `interval` months on day `monthDay` (1–31; months without that day are skipped).
 * Ends after `count` occurrences or on `until` (a date, inclusive), whichever is given (one is required).
 */
export interface RecurrenceRule {
  frequency: RecurrenceFrequency;
  interval: number;
  /** Monthly: by the n-th weekday or by date. Ignored for weekly. */
  monthlyBy?: 'weekday' | 'date';
  weekday?: Weekday;
  setPosition?: 1 | 2 | 3 | 4 | -1;
  monthDay?: number;
  /** First possible date of the series, YYYY-MM-DD. */
  startDate: string;
  /** Local start time HH:MM in Europe/Berlin. */
  startTime: string;
  durationMinutes: number;
  until?: string | null;
  count?: number | null;
}

/** Which occurrences an edit of a series meeting applies to. */
export const SERIES_EDIT_SCOPES = ['this', 'following'] as const;
export type SeriesEditScope = (typeof SERIES_EDIT_SCOPES)[number];

/** Limits shared by the api's validation and the web's forms. */
export const MEETING_LIMITS = {
  title: 200,
  description: 20_000,
  url: 2_000,
  address: 300,
  room: 120,
  capacityMax: 10_000,
  durationMinutesMax: 24 * 60,
  invitedGroups: 60,
  invitedPeople: 500,
  guests: 100,
  agendaItemTitle: 200,
  agendaItemNotes: 10_000,
  agendaItemLinks: 10,
  agendaItems: 40,
  plannedMinutesMax: 600,
  seriesOccurrencesMax: 104,
  rsvpComment: 500,
} as const;
