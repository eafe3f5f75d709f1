import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import {
  GuestMeeting,
  MEETING_FORMAT_LABELS,
  MEETING_KIND_LABELS,
  MeetingsService,
  RSVP_LABELS,
  RsvpAnswer,
  meetingWhen,
} from '../../../core/meetings.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; meeting: GuestMeeting }
  | { status: 'error'; message: string; notFound: boolean };

const ANSWERS: readonly RsvpAnswer[] = ['yes', 'no', 'maybe'];

/**
 * The page behind a guest's personal link (`/gast/:token`, no account): the meeting, its agenda
 * titles, the answer buttons and the calendar file.
 */
@Component({
  selector: 'srp-guest-page',
  imports: [MatButton, MatIcon, MatProgressBar],
  templateUrl: './guest-page.html',
  styleUrls: ['../../working-groups/feedback.scss', '../../working-groups/markdown.scss', './guest-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GuestPage {
  /** The guest's token from the route (`/gast/:token`). */
  readonly token = input.required<string>();

  private readonly meetings = inject(MeetingsService);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected readonly answers = ANSWERS;
  protected readonly answerLabels = RSVP_LABELS;
  protected readonly kindLabels = MEETING_KIND_LABELS;
  protected readonly formatLabels = MEETING_FORMAT_LABELS;
  protected readonly meetingWhen = meetingWhen;
  protected readonly icsUrl = computed(() => this.meetings.guestIcsUrl(this.token()));

  constructor() {
    toObservable(this.token)
      .pipe(takeUntilDestroyed())
      .subscribe((token) => this.load(token));
  }

  protected choose(answer: RsvpAnswer): void {
    if (this.sending()) {
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.meetings
      .guestAnswer(this.token(), answer)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.sending.set(false);
          this.state.set({ status: 'loaded', meeting });
          this.notice.set(`Vielen Dank, Ihre Antwort „${RSVP_LABELS[answer]}“ wurde gespeichert.`);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }

  private load(token: string): void {
    this.state.set({ status: 'loading' });
    this.meetings
      .guestView(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.state.set({ status: 'loaded', meeting });
          this.title.setTitle(`${meeting.title} – ${PRODUCT_NAME}`);
        },
        error: (error: unknown) => {
          const code = apiErrorCode(error);
          this.state.set({ status: 'error', message: apiErrorText(error), notFound: code === 'NOT_FOUND' });
          this.title.setTitle(`Einladung – ${PRODUCT_NAME}`);
        },
      });
  }
}
