import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { minutesApprove } from '../api/generated/fn/minutes/minutes-approve';
import { minutesByMeeting } from '../api/generated/fn/minutes/minutes-by-meeting';
import { minutesComment } from '../api/generated/fn/minutes/minutes-comment';
import { minutesCreate } from '../api/generated/fn/minutes/minutes-create';
import { minutesDetail } from '../api/generated/fn/minutes/minutes-detail';
import { MinutesListDecisions$Params, minutesListDecisions } from '../api/generated/fn/minutes/minutes-list-decisions';
import { minutesMarkdown } from '../api/generated/fn/minutes/minutes-markdown';
import { minutesOpenPoints } from '../api/generated/fn/minutes/minutes-open-points';
import { minutesPdf } from '../api/generated/fn/minutes/minutes-pdf';
import { minutesRelease } from '../api/generated/fn/minutes/minutes-release';
import { minutesReopen } from '../api/generated/fn/minutes/minutes-reopen';
import { minutesRevise } from '../api/generated/fn/minutes/minutes-revise';
import { minutesSave } from '../api/generated/fn/minutes/minutes-save';
import { minutesSubmit } from '../api/generated/fn/minutes/minutes-submit';
import { DecisionDto } from '../api/generated/models/decision-dto';
import { DecisionPageDto } from '../api/generated/models/decision-page-dto';
import { MinutesAttendeeDto } from '../api/generated/models/minutes-attendee-dto';
import { MinutesDto } from '../api/generated/models/minutes-dto';
import { MinutesEntryDto } from '../api/generated/models/minutes-entry-dto';
import { MinutesEntryInputDto } from '../api/generated/models/minutes-entry-input-dto';
import { MinutesItemDto } from '../api/generated/models/minutes-item-dto';
import { OpenPointDto } from '../api/generated/models/open-point-dto';
import { SaveMinutesDto } from '../api/generated/models/save-minutes-dto';

export type Minutes = MinutesDto;
export type MinutesItem = MinutesItemDto;
export type MinutesEntry = MinutesEntryDto;
export type MinutesEntryInput = MinutesEntryInputDto;
export type MinutesAttendee = MinutesAttendeeDto;
export type MinutesStatus = MinutesDto['status'];
export type MinutesEntryKind = MinutesEntryDto['kind'];
export type PublishLevel = MinutesDto['publishLevel'];
/** The whole draft as the autosave sends it. */
export type MinutesDraft = SaveMinutesDto;
export type Decision = DecisionDto;
export type DecisionPage = DecisionPageDto;
export type OpenPoint = OpenPointDto;
/** Search text, group, date range and cursor of the decision register (the api's query parameters). */
export type DecisionQuery = MinutesListDecisions$Params;
export type MinutesExportFormat = 'pdf' | 'md';

export const MINUTES_ENTRY_KIND_ORDER: readonly MinutesEntryKind[] = ['information', 'decision', 'action_item'];

export const MINUTES_ENTRY_KIND_LABELS: Record<MinutesEntryKind, string> = {
  information: 'Information',
  decision: 'Beschluss',
  action_item: 'Aufgabe',
};

export const PUBLISH_LEVEL_LABELS: Record<PublishLevel, string> = {
  group: 'Gruppe',
  initiative: 'Gesamte Initiative',
};

/** Who the minutes name: those present and those excused (absent invitees are only counted). */
export function listedAttendees(m: Pick<Minutes, 'attendance'>): MinutesAttendee[] {
  return m.attendance.filter((row) => row.status !== 'absent');
}

/** Invitees recorded as absent (for an initiative-wide meeting that can be most of the initiative). */
export function absentAttendeeCount(m: Pick<Minutes, 'attendance'>): number {
  return m.attendance.filter((row) => row.status === 'absent').length;
}

/**
 * Minutes of meetings (draft, review, release, revisions, exports), the decision register and the
 * open points of the previous meeting. Changes carry the `version` they are based on; stale ones get 409.
 */
@Injectable({ providedIn: 'root' })
export class MinutesService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /** The minutes of a meeting; 404 when there are none yet or they are not visible. */
  byMeeting(meetingId: string): Observable<Minutes> {
    return minutesByMeeting(this.http, this.api.rootUrl, { meetingId }).pipe(map((r) => r.body));
  }

  /** Starts the minutes (those who manage the meeting); 409 when they exist already. */
  create(meetingId: string): Observable<Minutes> {
    return minutesCreate(this.http, this.api.rootUrl, { meetingId }).pipe(map((r) => r.body));
  }

  detail(id: string): Observable<Minutes> {
    return minutesDetail(this.http, this.api.rootUrl, { id }).pipe(map((r) => r.body));
  }

  /** Saves the whole draft (autosave). */
  save(id: string, draft: MinutesDraft): Observable<Minutes> {
    return minutesSave(this.http, this.api.rootUrl, { id, body: draft }).pipe(map((r) => r.body));
  }

  /** Sends the draft to review; `reviewDeadline` is a Berlin day (YYYY-MM-DD). */
  submit(id: string, reviewDeadline: string, version: number): Observable<Minutes> {
    return minutesSubmit(this.http, this.api.rootUrl, { id, body: { reviewDeadline, version } }).pipe(
      map((r) => r.body),
    );
  }

  /** Takes the minutes back from review into the draft (approvals are removed). */
  reopen(id: string, version: number): Observable<Minutes> {
    return minutesReopen(this.http, this.api.rootUrl, { id, body: { version } }).pipe(map((r) => r.body));
  }

  approve(id: string): Observable<Minutes> {
    return minutesApprove(this.http, this.api.rootUrl, { id }).pipe(map((r) => r.body));
  }

  comment(id: string, body: string): Observable<Minutes> {
    return minutesComment(this.http, this.api.rootUrl, { id, body: { body } }).pipe(map((r) => r.body));
  }

  /** Releases the minutes: action items become tasks, decisions enter the register. */
  release(id: string, version: number): Observable<Minutes> {
    return minutesRelease(this.http, this.api.rootUrl, { id, body: { version } }).pipe(map((r) => r.body));
  }

  /** Opens the next revision of released minutes as a draft. */
  revise(id: string, changeNote: string, version: number): Observable<Minutes> {
    return minutesRevise(this.http, this.api.rootUrl, { id, body: { changeNote, version } }).pipe(map((r) => r.body));
  }

  /** Where the browser downloads the latest released revision (a plain link; the session cookie goes along). */
  exportUrl(id: string, format: MinutesExportFormat, confidential = false): string {
    const path = (format === 'pdf' ? minutesPdf.PATH : minutesMarkdown.PATH).replace('{id}', encodeURIComponent(id));
    return `${this.api.rootUrl}${path}?confidential=${confidential}`;
  }

  /** Open action items of the previous meeting of the series or host group. */
  openPoints(meetingId: string): Observable<OpenPoint[]> {
    return minutesOpenPoints(this.http, this.api.rootUrl, { meetingId }).pipe(map((r) => r.body));
  }

  /** The decision register, newest first. */
  decisions(query: DecisionQuery): Observable<DecisionPage> {
    return minutesListDecisions(this.http, this.api.rootUrl, query).pipe(map((r) => r.body));
  }
}
