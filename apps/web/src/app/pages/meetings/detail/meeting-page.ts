import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Observable, catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import {
  ATTENDANCE_MODE_LABELS,
  MEETING_FORMAT_LABELS,
  MEETING_KIND_LABELS,
  MeetingDetail,
  MeetingSaved,
  MeetingsService,
  RSVP_LABELS,
  meetingWhen,
} from '../../../core/meetings.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { SecondFactorHint } from '../../../shared/second-factor-hint';
import { openMeetingForm } from '../meeting-form/meeting-form-dialog';
import { AnswerPanel } from './answer-panel';
import { CancelChoice, askCancel } from './cancel-dialog';
import { MeetingAgenda } from './meeting-agenda';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; meeting: MeetingDetail }
  | { status: 'error'; message: string; notFound: boolean; secondFactorMissing: boolean };

/** "Zusagen: 5 von 20 Plätzen" (or without capacity "Zusagen: 5"). */
export function yesSummary(meeting: Pick<MeetingDetail, 'yesCount' | 'capacity'>): string {
  return meeting.capacity === null
    ? `Zusagen: ${meeting.yesCount}`
    : `Zusagen: ${meeting.yesCount} von ${meeting.capacity} Plätzen`;
}

/**
 * A meeting's own page (`/termine/:id`): when and where, the host group, series, description,
 * calendar file and answers; the person's own answer and the agenda. Organisers edit, cancel,
 * record attendance and open the minutes from here.
 */
@Component({
  selector: 'srp-meeting-page',
  imports: [AnswerPanel, MatButton, MatIcon, MatProgressBar, MeetingAgenda, RouterLink, SecondFactorHint],
  templateUrl: './meeting-page.html',
  styleUrls: [
    '../../working-groups/feedback.scss',
    '../../working-groups/markdown.scss',
    './meeting-page.scss',
    './meeting-sections.scss',
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingPage {
  /** The meeting's id from the route (`/termine/:id`). */
  readonly id = input.required<string>();

  private readonly meetings = inject(MeetingsService);
  private readonly dialog = inject(MatDialog);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly meeting = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.meeting : null;
  });
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  /** A stale change of the meeting itself (409), with the offer to load it again. */
  protected readonly conflict = signal<string | null>(null);
  protected readonly showResponses = signal(false);

  protected readonly kindLabels = MEETING_KIND_LABELS;
  protected readonly formatLabels = MEETING_FORMAT_LABELS;
  protected readonly answerLabels = RSVP_LABELS;
  protected readonly modeLabels = ATTENDANCE_MODE_LABELS;
  protected readonly when = computed(() => {
    const m = this.meeting();
    return m ? meetingWhen(m) : '';
  });
  protected readonly yes = computed(() => {
    const m = this.meeting();
    return m ? yesSummary(m) : '';
  });
  protected readonly icsUrl = computed(() => this.meetings.icsUrl(this.id()));
  /** Place, room and address as shown: "Rathaus Halle, Raum 2.14 – Marktplatz 1". */
  protected readonly where = computed(() => {
    const m = this.meeting();
    if (!m || m.format === 'online') {
      return null;
    }
    const place = [m.place, m.room].filter(Boolean).join(', ');
    return [place, m.address].filter(Boolean).join(' – ') || null;
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.fetch(id)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));
  }

  /** Loads the meeting again (after a conflict or an error) and keeps the page while it loads. */
  protected reload(): void {
    this.conflict.set(null);
    this.error.set(null);
    this.fetch(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.show(state));
  }

  /** A child (answer panel, agenda) saved a change: the api's answer is the new state. */
  protected update(meeting: MeetingDetail): void {
    this.state.set({ status: 'loaded', meeting });
    this.title.setTitle(`${meeting.title} – ${PRODUCT_NAME}`);
  }

  protected edit(): void {
    const meeting = this.meeting();
    if (!meeting || this.busy()) {
      return;
    }
    this.clearMessages();
    openMeetingForm(this.dialog, { meeting })
      .pipe(
        filter((saved): saved is MeetingSaved => !!saved),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((saved) => {
        this.update(saved.meeting);
        this.notice.set('Ihre Änderungen wurden gespeichert.');
      });
  }

  protected cancel(): void {
    const meeting = this.meeting();
    if (!meeting || this.busy()) {
      return;
    }
    this.clearMessages();
    askCancel(this.dialog, { title: meeting.title, inSeries: !!meeting.seriesId })
      .pipe(
        filter((choice): choice is CancelChoice => !!choice),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((choice) => {
        this.busy.set(true);
        this.meetings
          .cancel(meeting.id, {
            reason: choice.reason,
            version: meeting.version,
            ...(meeting.seriesId ? { scope: choice.scope } : {}),
          })
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: (cancelled) => {
              this.busy.set(false);
              this.update(cancelled);
              this.notice.set(
                choice.scope === 'following' && meeting.seriesId
                  ? 'Dieser und alle folgenden Termine der Serie wurden abgesagt.'
                  : 'Der Termin wurde abgesagt.',
              );
            },
            error: (error: unknown) => {
              this.busy.set(false);
              if (apiErrorCode(error) === 'CONFLICT') {
                this.conflict.set(apiErrorText(error));
              } else {
                this.error.set(apiErrorText(error));
              }
            },
          });
      });
  }

  private fetch(id: string): Observable<PageState> {
    return this.meetings.detail(id).pipe(
      map((meeting): PageState => ({ status: 'loaded', meeting })),
      catchError((error: unknown) => of(this.failed(error))),
      startWith<PageState>({ status: 'loading' }),
    );
  }

  private failed(error: unknown): PageState {
    const code = apiErrorCode(error);
    return {
      status: 'error',
      message: apiErrorText(error),
      notFound: code === 'NOT_FOUND' || code === 'FORBIDDEN',
      secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
    };
  }

  private show(state: PageState): void {
    if (state.status === 'loading' && this.state().status === 'loaded') {
      return;
    }
    if (state.status === 'loaded') {
      this.update(state.meeting);
      return;
    }
    this.state.set(state);
    if (state.status === 'error') {
      this.title.setTitle(`${state.notFound ? 'Termin nicht gefunden' : 'Termin'} – ${PRODUCT_NAME}`);
    }
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.error.set(null);
    this.conflict.set(null);
  }
}
