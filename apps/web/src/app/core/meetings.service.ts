import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { meetingsAddAgendaItem } from '../api/generated/fn/meetings/meetings-add-agenda-item';
import { meetingsAnswer } from '../api/generated/fn/meetings/meetings-answer';
import { meetingsAttendance } from '../api/generated/fn/meetings/meetings-attendance';
import { meetingsCancel } from '../api/generated/fn/meetings/meetings-cancel';
import { meetingsCreate } from '../api/generated/fn/meetings/meetings-create';
import { meetingsDecide } from '../api/generated/fn/meetings/meetings-decide';
import { meetingsDetail } from '../api/generated/fn/meetings/meetings-detail';
import { meetingsFeed } from '../api/generated/fn/meetings/meetings-feed';
import { meetingsGuestAnswer } from '../api/generated/fn/meetings/meetings-guest-answer';
import { meetingsGuestIcs } from '../api/generated/fn/meetings/meetings-guest-ics';
import { meetingsGuestView } from '../api/generated/fn/meetings/meetings-guest-view';
import { meetingsIcs } from '../api/generated/fn/meetings/meetings-ics';
import { MeetingsList$Params, meetingsList } from '../api/generated/fn/meetings/meetings-list';
import { meetingsMoveAgendaItem } from '../api/generated/fn/meetings/meetings-move-agenda-item';
import { meetingsRecordAttendance } from '../api/generated/fn/meetings/meetings-record-attendance';
import { meetingsRemoveAgendaItem } from '../api/generated/fn/meetings/meetings-remove-agenda-item';
import { meetingsRenewFeed } from '../api/generated/fn/meetings/meetings-renew-feed';
import { meetingsReorder } from '../api/generated/fn/meetings/meetings-reorder';
import { meetingsRevokeFeed } from '../api/generated/fn/meetings/meetings-revoke-feed';
import { meetingsUpdateAgendaItem } from '../api/generated/fn/meetings/meetings-update-agenda-item';
import { meetingsUpdate } from '../api/generated/fn/meetings/meetings-update';
import { AgendaItemDto } from '../api/generated/models/agenda-item-dto';
import { AgendaItemInputDto } from '../api/generated/models/agenda-item-input-dto';
import { AnswerMeetingDto } from '../api/generated/models/answer-meeting-dto';
import { AttendanceInputRowDto } from '../api/generated/models/attendance-input-row-dto';
import { AttendanceSheetDto } from '../api/generated/models/attendance-sheet-dto';
import { CalendarFeedDto } from '../api/generated/models/calendar-feed-dto';
import { CancelMeetingDto } from '../api/generated/models/cancel-meeting-dto';
import { CreateMeetingDto } from '../api/generated/models/create-meeting-dto';
import { GuestMeetingDto } from '../api/generated/models/guest-meeting-dto';
import { MeetingDetailDto } from '../api/generated/models/meeting-detail-dto';
import { MeetingSavedDto } from '../api/generated/models/meeting-saved-dto';
import { MeetingSummaryDto } from '../api/generated/models/meeting-summary-dto';
import { UpdateAgendaItemDto } from '../api/generated/models/update-agenda-item-dto';
import { UpdateMeetingDto } from '../api/generated/models/update-meeting-dto';
import { idempotencyContext } from './idempotency.interceptor';

export type MeetingSummary = MeetingSummaryDto;
export type MeetingDetail = MeetingDetailDto;
export type MeetingSaved = MeetingSavedDto;
export type AgendaItem = AgendaItemDto;
export type AttendanceSheet = AttendanceSheetDto;
export type CalendarFeed = CalendarFeedDto;
export type GuestMeeting = GuestMeetingDto;
export type NewMeeting = CreateMeetingDto;
export type MeetingChange = UpdateMeetingDto;
export type MeetingKind = MeetingSummaryDto['kind'];
export type MeetingFormat = MeetingSummaryDto['format'];
export type RsvpAnswer = AnswerMeetingDto['answer'];
export type AttendanceStatus = AttendanceInputRowDto['status'];
export type AttendanceMode = NonNullable<AttendanceInputRowDto['mode']>;
/** Period and filters of the calendar (the api's query parameters). */
export type MeetingQuery = MeetingsList$Params;

export const MEETING_KIND_ORDER: readonly MeetingKind[] = [
  'monatsrunde',
  'uag_sitzung',
  'workshop',
  'messe',
  'sonstiges',
];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  monatsrunde: 'Monatsrunde',
  uag_sitzung: 'UAG-Sitzung',
  workshop: 'Workshop',
  messe: 'Messe/Kongress',
  sonstiges: 'Sonstiges',
};

export const MEETING_FORMAT_LABELS: Record<MeetingFormat, string> = {
  online: 'Online',
  in_person: 'Vor Ort',
  hybrid: 'Hybrid (vor Ort und online)',
};

export const RSVP_LABELS: Record<RsvpAnswer, string> = { yes: 'Zusage', no: 'Absage', maybe: 'Vielleicht' };

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Anwesend',
  excused: 'Entschuldigt',
  absent: 'Abwesend',
};

export const ATTENDANCE_MODE_LABELS: Record<AttendanceMode, string> = { on_site: 'Vor Ort', online: 'Online' };

const BERLIN = 'Europe/Berlin';
const dateFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: BERLIN,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const longDateFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: BERLIN,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: BERLIN, hour: '2-digit', minute: '2-digit' });
const isoDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BERLIN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 14.01.2026 (Europe/Berlin). */
export const berlinDate = (iso: string | Date) => dateFormat.format(new Date(iso));
/** Mittwoch, 14. Januar 2026 (Europe/Berlin). */
export const berlinLongDate = (iso: string | Date) => longDateFormat.format(new Date(iso));
/** 10:00 (Europe/Berlin). */
export const berlinTime = (iso: string | Date) => timeFormat.format(new Date(iso));
/** The Berlin calendar day of an instant as YYYY-MM-DD. */
export const berlinDay = (iso: string | Date) => isoDateFormat.format(new Date(iso));

/** "Mittwoch, 14. Januar 2026, 10:00–11:30 Uhr" (both days when it ends on another day). */
export function meetingWhen(m: { startsAt: string; endsAt: string }): string {
  const sameDay = berlinDay(m.startsAt) === berlinDay(m.endsAt);
  return sameDay
    ? `${berlinLongDate(m.startsAt)}, ${berlinTime(m.startsAt)}–${berlinTime(m.endsAt)} Uhr`
    : `${berlinLongDate(m.startsAt)}, ${berlinTime(m.startsAt)} Uhr – ${berlinLongDate(m.endsAt)}, ${berlinTime(m.endsAt)} Uhr`;
}

/**
 * Meetings: the calendar, a meeting's page, answers, agenda, attendance, calendar files and feeds.
 * Changes carry the `version` (agenda order: `agendaVersion`) they are based on; stale ones get 409.
 */
@Injectable({ providedIn: 'root' })
export class MeetingsService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  list(query: MeetingQuery): Observable<MeetingSummary[]> {
    return meetingsList(this.http, this.api.rootUrl, query).pipe(map((r) => r.body.items));
  }

  detail(id: string): Observable<MeetingDetail> {
    return meetingsDetail(this.http, this.api.rootUrl, { id }).pipe(map((r) => r.body));
  }

  /** A meeting, or a series when `recurrence` is set; `guestLinks` lists links of new guests (shown once). */
  /** With an `idempotencyKey`, repeating the request (double click, retry) plans the meeting once. */
  create(meeting: NewMeeting, idempotencyKey?: string): Observable<MeetingSaved> {
    return meetingsCreate(this.http, this.api.rootUrl, { body: meeting }, idempotencyContext(idempotencyKey)).pipe(
      map((r) => r.body),
    );
  }

  /** Changes; for series meetings `scope: 'following'` changes the later ones too. */
  update(id: string, change: MeetingChange): Observable<MeetingSaved> {
    return meetingsUpdate(this.http, this.api.rootUrl, { id, body: change }).pipe(map((r) => r.body));
  }

  cancel(id: string, body: CancelMeetingDto): Observable<MeetingDetail> {
    return meetingsCancel(this.http, this.api.rootUrl, { id, body }).pipe(map((r) => r.body));
  }

  answer(id: string, body: AnswerMeetingDto): Observable<MeetingDetail> {
    return meetingsAnswer(this.http, this.api.rootUrl, { id, body }).pipe(map((r) => r.body));
  }

  /** Where the browser downloads the meeting's calendar file (a plain link). */
  icsUrl(id: string): string {
    return `${this.api.rootUrl}${meetingsIcs.PATH.replace('{id}', encodeURIComponent(id))}`;
  }

  attendance(id: string): Observable<AttendanceSheet> {
    return meetingsAttendance(this.http, this.api.rootUrl, { id }).pipe(map((r) => r.body));
  }

  recordAttendance(id: string, rows: AttendanceInputRowDto[], version: number): Observable<AttendanceSheet> {
    return meetingsRecordAttendance(this.http, this.api.rootUrl, { id, body: { rows, version } }).pipe(
      map((r) => r.body),
    );
  }

  /** Organisers add an accepted item; invitees propose one (while the call for items is open). */
  addAgendaItem(id: string, item: AgendaItemInputDto): Observable<MeetingDetail> {
    return meetingsAddAgendaItem(this.http, this.api.rootUrl, { id, body: item }).pipe(map((r) => r.body));
  }

  updateAgendaItem(itemId: string, change: UpdateAgendaItemDto): Observable<MeetingDetail> {
    return meetingsUpdateAgendaItem(this.http, this.api.rootUrl, { id: itemId, body: change }).pipe(map((r) => r.body));
  }

  decideAgendaItem(
    itemId: string,
    decision: 'accept' | 'reject',
    version: number,
    note?: string,
  ): Observable<MeetingDetail> {
    return meetingsDecide(this.http, this.api.rootUrl, {
      id: itemId,
      body: { decision, version, ...(note ? { note } : {}) },
    }).pipe(map((r) => r.body));
  }

  removeAgendaItem(itemId: string, version: number): Observable<MeetingDetail> {
    return meetingsRemoveAgendaItem(this.http, this.api.rootUrl, { id: itemId, version }).pipe(map((r) => r.body));
  }

  /** Moves an accepted item or a proposal to another meeting (the next of the series); answers the source meeting. */
  moveAgendaItem(itemId: string, targetMeetingId: string, version: number): Observable<MeetingDetail> {
    return meetingsMoveAgendaItem(this.http, this.api.rootUrl, {
      id: itemId,
      body: { targetMeetingId, version },
    }).pipe(map((r) => r.body));
  }

  reorderAgenda(id: string, itemIds: string[], agendaVersion: number): Observable<MeetingDetail> {
    return meetingsReorder(this.http, this.api.rootUrl, { id, body: { itemIds, agendaVersion } }).pipe(
      map((r) => r.body),
    );
  }

  feed(): Observable<CalendarFeed> {
    return meetingsFeed(this.http, this.api.rootUrl).pipe(map((r) => r.body));
  }

  /** A new private subscription address (the old one stops working); `url` is in this answer only. */
  renewFeed(): Observable<CalendarFeed> {
    return meetingsRenewFeed(this.http, this.api.rootUrl).pipe(map((r) => r.body));
  }

  revokeFeed(): Observable<void> {
    return meetingsRevokeFeed(this.http, this.api.rootUrl).pipe(map(() => undefined));
  }

  guestView(token: string): Observable<GuestMeeting> {
    return meetingsGuestView(this.http, this.api.rootUrl, { token }).pipe(map((r) => r.body));
  }

  guestAnswer(token: string, answer: RsvpAnswer): Observable<GuestMeeting> {
    return meetingsGuestAnswer(this.http, this.api.rootUrl, { token, body: { answer } }).pipe(map((r) => r.body));
  }

  guestIcsUrl(token: string): string {
    return `${this.api.rootUrl}${meetingsGuestIcs.PATH.replace('{token}', encodeURIComponent(token))}`;
  }
}
