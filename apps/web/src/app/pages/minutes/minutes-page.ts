import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Observable, catchError, map, of, switchMap } from 'rxjs';
import { MeetingsService, berlinDate, meetingWhen } from '../../core/meetings.service';
import {
  MINUTES_ENTRY_KIND_LABELS,
  Minutes,
  MinutesEntry,
  MinutesService,
  PUBLISH_LEVEL_LABELS,
  absentAttendeeCount,
  listedAttendees,
} from '../../core/minutes.service';
import { PRODUCT_NAME } from '../../core/page-title.strategy';
import { TASK_STATUS_LABELS } from '../../core/tasks.service';
import { apiErrorText } from '../../shared/api-errors';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { askChangeNote } from './minutes-dialogs';
import { MinutesEditor } from './minutes-editor';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; minutes: Minutes }
  /** No minutes yet (or not visible); `mayCreate` when the person manages the meeting. */
  | { status: 'missing'; mayCreate: boolean; title: string | null }
  | { status: 'error'; message: string };

/**
 * The minutes of a meeting (`/termine/:id/protokoll`): the editor while it is a draft, the text
 * with approvals and comments in review, and the released text with its tasks, revisions and exports.
 */
@Component({
  selector: 'srp-minutes-page',
  imports: [
    BerlinDatePipe,
    FormsModule,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
    MinutesEditor,
    NgTemplateOutlet,
    RouterLink,
  ],
  templateUrl: './minutes-page.html',
  styleUrls: ['../working-groups/feedback.scss', '../working-groups/markdown.scss', './minutes-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MinutesPage {
  protected readonly attendees = listedAttendees;
  protected readonly absentCount = absentAttendeeCount;
  /** The MEETING's id from the route. */
  readonly id = input.required<string>();

  private readonly service = inject(MinutesService);
  private readonly meetings = inject(MeetingsService);
  private readonly dialog = inject(MatDialog);
  private readonly title = inject(Title);

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly minutes = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.minutes : null;
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly commentText = signal('');

  protected readonly kindLabels = MINUTES_ENTRY_KIND_LABELS;
  protected readonly levelLabels = PUBLISH_LEVEL_LABELS;
  protected readonly taskLabels = TASK_STATUS_LABELS;
  protected readonly berlinDate = berlinDate;

  protected readonly when = computed(() => {
    const m = this.minutes();
    return m ? meetingWhen(m.meeting) : '';
  });

  /** Entry chip: Entwurf / In Abstimmung bis … / Freigegeben, Fassung n. */
  protected readonly statusText = computed(() => {
    const m = this.minutes();
    if (!m) {
      return '';
    }
    if (m.status === 'draft') {
      return m.revision > 1 ? `Entwurf der Fassung ${m.revision}` : 'Entwurf';
    }
    if (m.status === 'in_review') {
      return m.reviewDeadline ? `In Abstimmung bis ${berlinDate(m.reviewDeadline)}` : 'In Abstimmung';
    }
    return `Freigegeben, Fassung ${m.revision}`;
  });

  protected readonly editing = computed(() => {
    const m = this.minutes();
    return !!m && m.status === 'draft' && m.permissions.edit;
  });

  protected readonly approvalText = computed(() => {
    const m = this.minutes();
    if (!m) {
      return '';
    }
    const verb = m.approvals.length === 1 ? 'hat' : 'haben';
    return `${m.approvals.length} von ${m.expectedApprovers} Anwesenden ${verb} zugestimmt`;
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.fetch(id)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));
  }

  protected reload(): void {
    this.error.set(null);
    this.fetch(this.id()).subscribe((state) => this.show(state));
  }

  /** Any newer state from the editor or an action. */
  protected replace(minutes: Minutes): void {
    this.show({ status: 'loaded', minutes });
  }

  protected create(): void {
    this.run(this.service.create(this.id()), 'Das Protokoll ist angelegt. Es wird beim Schreiben gespeichert.');
  }

  protected approve(m: Minutes): void {
    this.run(this.service.approve(m.id), 'Vielen Dank, Ihre Zustimmung ist gespeichert.');
  }

  protected reopen(m: Minutes): void {
    confirmAction(this.dialog, {
      title: 'Zurück in den Entwurf?',
      message:
        'Die Abstimmung endet, bisherige Zustimmungen werden entfernt. Danach können Sie das Protokoll wieder bearbeiten.',
      confirmLabel: 'Zurück in den Entwurf',
    }).subscribe((ok) => ok && this.run(this.service.reopen(m.id, m.version), 'Das Protokoll ist wieder ein Entwurf.'));
  }

  protected release(m: Minutes): void {
    confirmAction(this.dialog, {
      title: 'Protokoll freigeben?',
      message:
        'Das Protokoll wird für alle Berechtigten sichtbar und kann danach nur über eine neue Fassung geändert werden. ' +
        'Aus jedem Eintrag der Art „Aufgabe“ wird eine Aufgabe in der gewählten Arbeitsgruppe angelegt, ' +
        'Beschlüsse kommen in die Beschlusssammlung.',
      confirmLabel: 'Freigeben',
    }).subscribe((ok) => ok && this.run(this.service.release(m.id, m.version), 'Das Protokoll ist freigegeben.'));
  }

  protected revise(m: Minutes): void {
    askChangeNote(this.dialog, m.revision).subscribe((note) => {
      if (note) {
        this.run(this.service.revise(m.id, note, m.version), 'Die neue Fassung ist als Entwurf angelegt.');
      }
    });
  }

  protected comment(m: Minutes): void {
    const body = this.commentText().trim();
    if (!body) {
      this.error.set('Bitte schreiben Sie einen Kommentar.');
      return;
    }
    this.run(this.service.comment(m.id, body), 'Ihr Kommentar ist gespeichert.', () => this.commentText.set(''));
  }

  protected exportUrl(m: Minutes, format: 'pdf' | 'md', confidential = false): string {
    return this.service.exportUrl(m.id, format, confidential);
  }

  /** Types the entries handed to the shared entry template. */
  protected asEntries(entries: MinutesEntry[]): MinutesEntry[] {
    return entries;
  }

  protected names(entry: MinutesEntry): string {
    return entry.assignees.map((p) => p.name).join(', ');
  }

  protected taskText(entry: MinutesEntry): string {
    if (!entry.task) {
      return '';
    }
    return entry.task.done ? 'erledigt' : this.taskLabels[entry.task.status];
  }

  private run(action: Observable<Minutes>, notice: string, after?: () => void): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    action.subscribe({
      next: (minutes) => {
        this.busy.set(false);
        this.notice.set(notice);
        this.show({ status: 'loaded', minutes });
        after?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const stale = error instanceof HttpErrorResponse && error.status === 409;
        this.error.set(
          stale
            ? `${apiErrorText(error)} Bitte laden Sie die Seite neu, um den aktuellen Stand zu sehen.`
            : apiErrorText(error),
        );
      },
    });
  }

  private fetch(meetingId: string): Observable<PageState> {
    return this.service.byMeeting(meetingId).pipe(
      map((minutes): PageState => ({ status: 'loaded', minutes })),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          // Whether "Protokoll beginnen" is offered depends on managing the meeting.
          return this.meetings.detail(meetingId).pipe(
            map(
              (meeting): PageState => ({
                status: 'missing',
                mayCreate: meeting.permissions.manage && meeting.status === 'scheduled',
                title: meeting.title,
              }),
            ),
            catchError(() => of<PageState>({ status: 'missing', mayCreate: false, title: null })),
          );
        }
        return of<PageState>({ status: 'error', message: apiErrorText(error) });
      }),
    );
  }

  private show(state: PageState): void {
    this.state.set(state);
    const name =
      state.status === 'loaded' ? state.minutes.meeting.title : state.status === 'missing' ? state.title : null;
    this.title.setTitle(name ? `Protokoll: ${name} – ${PRODUCT_NAME}` : `Protokoll – ${PRODUCT_NAME}`);
  }
}
