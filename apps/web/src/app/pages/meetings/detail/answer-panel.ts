import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatOption, MatSelect } from '@angular/material/select';
import { AuthService } from '../../../core/auth.service';
import { DirectoryPerson, GroupsService } from '../../../core/groups.service';
import {
  ATTENDANCE_MODE_LABELS,
  AttendanceMode,
  MeetingDetail,
  MeetingsService,
  RSVP_LABELS,
  RsvpAnswer,
} from '../../../core/meetings.service';
import { AnswerMeetingDto } from '../../../api/generated/models/answer-meeting-dto';
import { apiErrorText } from '../../../shared/api-errors';

const ANSWERS: readonly RsvpAnswer[] = ['yes', 'no', 'maybe'];
const ANSWER_ICONS: Record<RsvpAnswer, string> = { yes: 'check_circle', no: 'cancel', maybe: 'help' };

/** "Sie haben zugesagt (online)." and the waiting list place, for the person's own answer. */
export function ownAnswerText(meeting: MeetingDetail): string {
  const response = meeting.myResponse;
  if (!response) {
    return 'Sie haben noch nicht geantwortet.';
  }
  const verb = { yes: 'zugesagt', no: 'abgesagt', maybe: 'mit „Vielleicht“ geantwortet' }[response.answer];
  const mode = response.mode ? ` (${ATTENDANCE_MODE_LABELS[response.mode].toLowerCase()})` : '';
  const deputy = response.deputy ? ` Vertretung: ${response.deputy.name}.` : '';
  return `Sie haben ${verb}${response.answer === 'maybe' ? '' : mode}.${deputy}`;
}

/**
 * The person's own answer to an invitation: Zusage, Absage or Vielleicht (sent at once), for hybrid
 * meetings vor Ort or online, an optional deputy of the same organisation and a comment.
 */
@Component({
  selector: 'srp-answer-panel',
  imports: [
    FormsModule,
    MatButton,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatRadioButton,
    MatRadioGroup,
    MatSelect,
  ],
  template: `
    @let m = meeting();
    <h2 id="answer-heading">Ihre Antwort</h2>
    <p class="own-answer">{{ ownAnswer() }}</p>
    @if (m.myResponse?.waitlisted) {
      <p class="message info waitlist">
        <mat-icon aria-hidden="true">hourglass_top</mat-icon>
        <span>
          Sie stehen auf Platz {{ m.myResponse?.waitlistPosition ?? '?' }} der Warteliste. Sobald ein Platz frei wird,
          rücken Sie automatisch nach.
        </span>
      </p>
    }
    <div class="segments" role="group" aria-labelledby="answer-heading">
      @for (answer of answers; track answer) {
        <button
          type="button"
          class="segment"
          [class.current]="chosen() === answer"
          [attr.data-answer]="answer"
          [attr.aria-pressed]="chosen() === answer"
          [attr.aria-disabled]="sending() || null"
          (click)="choose(answer)"
        >
          <mat-icon aria-hidden="true">{{ chosen() === answer ? 'check' : icons[answer] }}</mat-icon>
          {{ labels[answer] }}
        </button>
      }
    </div>

    @if (m.format === 'hybrid' && chosen() !== 'no') {
      <div class="mode">
        <span id="mode-label" class="field-label">Wie nehmen Sie teil?</span>
        <mat-radio-group aria-labelledby="mode-label" [ngModel]="mode()" (ngModelChange)="mode.set($event)">
          <mat-radio-button value="on_site">Vor Ort</mat-radio-button>
          <mat-radio-button value="online">Online</mat-radio-button>
        </mat-radio-group>
      </div>
    }

    <div class="details">
      @if (colleagues().length > 0) {
        <mat-form-field>
          <mat-label>Vertretung schicken (optional)</mat-label>
          <mat-select [ngModel]="deputyId()" (ngModelChange)="deputyId.set($event)">
            <mat-option [value]="null">Keine Vertretung</mat-option>
            @for (person of colleagues(); track person.id) {
              <mat-option [value]="person.id">{{ person.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>Eine Person Ihrer Organisation, die an Ihrer Stelle kommt.</mat-hint>
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>Kommentar (optional)</mat-label>
        <input matInput maxlength="500" [ngModel]="comment()" (ngModelChange)="comment.set($event)" />
      </mat-form-field>
      @if (chosen()) {
        <button matButton="outlined" type="button" [aria-disabled]="sending()" (click)="saveDetails()">
          Angaben speichern
        </button>
      }
    </div>

    <div role="alert" class="status-region">
      @if (error(); as message) {
        <p class="message error">
          <mat-icon>error</mat-icon>
          <span>{{ message }}</span>
        </p>
      }
    </div>
    <p class="srp-visually-hidden" aria-live="polite">{{ announcement() }}</p>
  `,
  styleUrls: ['../../working-groups/feedback.scss', './meeting-sections.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnswerPanel {
  readonly meeting = input.required<MeetingDetail>();
  /** The meeting as the api answered after saving. */
  readonly answered = output<MeetingDetail>();

  private readonly meetings = inject(MeetingsService);
  private readonly groups = inject(GroupsService);
  private readonly user = inject(AuthService).user;
  private readonly destroyRef = inject(DestroyRef);

  protected readonly answers = ANSWERS;
  protected readonly labels = RSVP_LABELS;
  protected readonly icons = ANSWER_ICONS;

  protected readonly chosen = signal<RsvpAnswer | null>(null);
  protected readonly mode = signal<AttendanceMode>('on_site');
  protected readonly deputyId = signal<string | null>(null);
  protected readonly comment = signal('');
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly colleagues = signal<DirectoryPerson[]>([]);
  protected readonly ownAnswer = computed(() => ownAnswerText(this.meeting()));

  constructor() {
    // The fields follow the saved answer whenever the api sends a new state of the meeting.
    effect(() => {
      const response = this.meeting().myResponse;
      this.chosen.set(response?.answer ?? null);
      this.mode.set(response?.mode ?? 'on_site');
      this.deputyId.set(response?.deputy?.id ?? null);
      this.comment.set(response?.comment ?? '');
    });
    const me = this.user();
    if (me?.organizationId) {
      this.groups
        .searchPeople('', me.organizationId)
        .pipe(takeUntilDestroyed())
        .subscribe({
          next: (people) => this.colleagues.set(people.filter((p) => p.id !== me.id && p.status === 'active')),
          // Without the list there is simply no deputy choice; answering still works.
          error: () => this.colleagues.set([]),
        });
    }
  }

  protected choose(answer: RsvpAnswer): void {
    if (this.sending()) {
      return;
    }
    this.chosen.set(answer);
    this.send(answer);
  }

  protected saveDetails(): void {
    const answer = this.chosen();
    if (answer && !this.sending()) {
      this.send(answer);
    }
  }

  private send(answer: RsvpAnswer): void {
    const meeting = this.meeting();
    const body: AnswerMeetingDto = {
      answer,
      comment: this.comment().trim() || null,
      deputyId: this.deputyId(),
      ...(meeting.format === 'hybrid' && answer !== 'no' ? { mode: this.mode() } : {}),
    };
    this.sending.set(true);
    this.error.set(null);
    this.meetings
      .answer(meeting.id, body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.sending.set(false);
          this.answered.emit(updated);
          this.announcement.set(`Gespeichert. ${ownAnswerText(updated)}`);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.chosen.set(meeting.myResponse?.answer ?? null);
          this.error.set(apiErrorText(error));
        },
      });
  }
}
