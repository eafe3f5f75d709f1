import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList, moveItemInArray } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';
import { Observable, catchError, filter, map, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { AgendaItem, MeetingDetail, MeetingsService, berlinLongDate } from '../../../core/meetings.service';
import { apiErrorCode, apiErrorText, apiFieldErrors } from '../../../shared/api-errors';
import { confirmAction } from '../../../shared/confirm-dialog/confirm-dialog';
import { OpenPoints } from './open-points';

/** What the item form is for: a new TOP (organisers), a proposal (invitees) or changing an item. */
type FormPurpose = { kind: 'add' } | { kind: 'propose' } | { kind: 'edit'; item: AgendaItem };

interface ItemDraft {
  title: string;
  presenter: string;
  minutes: number | null;
  notes: string;
}

const EMPTY_DRAFT: ItemDraft = { title: '', presenter: '', minutes: null, notes: '' };

/** "75 von 90 Minuten verplant" and whether the plan is longer than the meeting. */
export function minutesPlan(meeting: Pick<MeetingDetail, 'startsAt' | 'endsAt' | 'plannedMinutes'>): {
  text: string;
  over: number;
} {
  const length = Math.round((new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime()) / 60000);
  return {
    text: `${meeting.plannedMinutes} von ${length} Minuten verplant`,
    over: Math.max(0, meeting.plannedMinutes - length),
  };
}

/** The item ids after moving the one at `from` to `to` (the order sent to the api). */
export function movedIds(items: readonly AgendaItem[], from: number, to: number): string[] {
  const ids = items.map((item) => item.id);
  moveItemInArray(ids, from, to);
  return ids;
}

/**
 * The agenda of a meeting: numbered TOPs with presenter, time and notes. Organisers add, change,
 * remove and reorder them (drag and drop, or "Nach oben"/"Nach unten" by keyboard), decide
 * on proposals and move items or proposals to the next meeting of the series; invitees propose topics while the call for items is open and see their proposals.
 */
@Component({
  selector: 'srp-meeting-agenda',
  imports: [
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    FormsModule,
    MatButton,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatTooltip,
    OpenPoints,
  ],
  templateUrl: './meeting-agenda.html',
  styleUrls: ['../../working-groups/feedback.scss', '../../working-groups/markdown.scss', './meeting-sections.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingAgenda {
  readonly meeting = input.required<MeetingDetail>();
  /** The meeting as the api answered after a change. */
  readonly changed = output<MeetingDetail>();
  /** Asks the page to load the meeting again (after a conflict). */
  readonly reloadRequested = output<void>();

  private readonly meetings = inject(MeetingsService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly user = inject(AuthService).user;

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** A stale change (409): the message and the offer to load the current agenda. */
  protected readonly conflict = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly form = signal<FormPurpose | null>(null);
  protected readonly draft = signal<ItemDraft>(EMPTY_DRAFT);
  protected readonly formError = signal<string | null>(null);
  /** Decision notes typed per proposal, by item id. */
  protected readonly notes = signal<Record<string, string | undefined>>({});

  protected readonly manage = computed(
    () => this.meeting().permissions.manage && this.meeting().status === 'scheduled',
  );
  protected readonly accepted = computed(() => this.meeting().agenda.filter((item) => item.status === 'accepted'));
  /** Organisers see all open proposals; invitees their own (waiting or rejected). */
  protected readonly proposals = computed(() => {
    const me = this.user()?.id;
    return this.meeting().agenda.filter(
      (item) =>
        item.status !== 'accepted' &&
        (this.meeting().permissions.manage || item.editable || item.proposedBy?.id === me),
    );
  });
  protected readonly plan = computed(() => minutesPlan(this.meeting()));
  /** The next meeting of the series: organisers move items and proposals there. */
  protected readonly nextMeetingId = computed(() => this.meeting().series?.nextMeetingId ?? null);

  protected openForm(purpose: FormPurpose): void {
    this.form.set(purpose);
    this.formError.set(null);
    this.draft.set(
      purpose.kind === 'edit'
        ? {
            title: purpose.item.title,
            presenter: purpose.item.presenter ?? '',
            minutes: purpose.item.plannedMinutes,
            notes: purpose.item.notes,
          }
        : EMPTY_DRAFT,
    );
  }

  protected closeForm(): void {
    this.form.set(null);
    this.formError.set(null);
  }

  protected setDraft(change: Partial<ItemDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  protected saveForm(): void {
    const purpose = this.form();
    const draft = this.draft();
    if (!purpose || this.busy()) {
      return;
    }
    const title = draft.title.trim();
    if (!title) {
      this.formError.set('Bitte geben Sie einen Titel an.');
      return;
    }
    const minutes = draft.minutes === null || String(draft.minutes) === '' ? null : Number(draft.minutes);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 600)) {
      this.formError.set('Bitte geben Sie die Minuten als ganze Zahl zwischen 1 und 600 an.');
      return;
    }
    const fields = { title, presenter: draft.presenter.trim() || null, plannedMinutes: minutes, notes: draft.notes };
    const request =
      purpose.kind === 'edit'
        ? this.meetings.updateAgendaItem(purpose.item.id, { ...fields, version: purpose.item.version })
        : this.meetings.addAgendaItem(this.meeting().id, fields);
    const done = {
      add: `„${title}“ wurde zur Tagesordnung hinzugefügt.`,
      propose: `Ihr Vorschlag „${title}“ wurde eingereicht. Die Organisation entscheidet darüber.`,
      edit: `„${title}“ wurde gespeichert.`,
    }[purpose.kind];
    this.run(request, done, () => this.closeForm());
  }

  protected remove(item: AgendaItem): void {
    if (this.busy()) {
      return;
    }
    const own = item.status !== 'accepted';
    confirmAction(this.dialog, {
      title: own && !this.manage() ? 'Vorschlag zurückziehen?' : 'Punkt entfernen?',
      message: `„${item.title}“ wird von der Tagesordnung entfernt.`,
      confirmLabel: own && !this.manage() ? 'Zurückziehen' : 'Entfernen',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.run(this.meetings.removeAgendaItem(item.id, item.version), `„${item.title}“ wurde entfernt.`),
      );
  }

  /** Asks (naming the next meeting's date when it can be read) and moves the item to the next meeting. */
  protected moveToNext(item: AgendaItem): void {
    const nextId = this.nextMeetingId();
    if (!nextId || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.conflict.set(null);
    this.meetings
      .detail(nextId)
      .pipe(
        map((next) => `auf den nächsten Termin am ${berlinLongDate(next.startsAt)}`),
        // Without the date (no access, offline) the question still makes sense; the api decides.
        catchError(() => of('auf den nächsten Termin der Serie')),
        tap(() => this.busy.set(false)),
        switchMap((where) =>
          confirmAction(this.dialog, {
            title: 'Auf den nächsten Termin verschieben?',
            message:
              `„${item.title}“ wird ${where} verschoben. ` +
              (item.status === 'accepted'
                ? 'Dort steht der Punkt am Ende der Tagesordnung.'
                : 'Dort wartet der Vorschlag weiter auf eine Entscheidung.'),
            confirmLabel: 'Verschieben',
          }),
        ),
        filter(Boolean),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() =>
        this.run(
          this.meetings.moveAgendaItem(item.id, nextId, item.version),
          `„${item.title}“ wurde auf den nächsten Termin verschoben.`,
        ),
      );
  }

  protected move(index: number, delta: -1 | 1): void {
    const items = this.accepted();
    const target = index + delta;
    if (this.busy() || target < 0 || target >= items.length) {
      return;
    }
    this.reorder(index, target);
  }

  protected dropped(event: CdkDragDrop<AgendaItem[]>): void {
    if (event.previousIndex !== event.currentIndex && !this.busy()) {
      this.reorder(event.previousIndex, event.currentIndex);
    }
  }

  private reorder(from: number, to: number): void {
    const item = this.accepted()[from];
    const meeting = this.meeting();
    this.run(
      this.meetings.reorderAgenda(meeting.id, movedIds(this.accepted(), from, to), meeting.agendaVersion),
      `„${item.title}“ ist jetzt TOP ${to + 1}.`,
    );
  }

  protected setNote(itemId: string, note: string): void {
    this.notes.update((notes) => ({ ...notes, [itemId]: note }));
  }

  protected decide(item: AgendaItem, decision: 'accept' | 'reject'): void {
    if (this.busy()) {
      return;
    }
    const note = this.notes()[item.id]?.trim() || undefined;
    this.run(
      this.meetings.decideAgendaItem(item.id, decision, item.version, note),
      decision === 'accept'
        ? `„${item.title}“ wurde angenommen und ans Ende der Tagesordnung gesetzt.`
        : `„${item.title}“ wurde abgelehnt.`,
    );
  }

  protected reload(): void {
    this.conflict.set(null);
    this.reloadRequested.emit();
  }

  private run(request: Observable<MeetingDetail>, done: string, after?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    this.conflict.set(null);
    this.announcement.set('');
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (meeting) => {
        this.busy.set(false);
        this.changed.emit(meeting);
        this.announcement.set(done);
        after?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (apiErrorCode(error) === 'CONFLICT') {
          this.conflict.set(apiErrorText(error));
        } else if (this.form()) {
          this.formError.set(apiErrorText(error));
        } else {
          // A refused target (400) explains itself in its field error.
          this.error.set(apiFieldErrors(error)[0]?.message ?? apiErrorText(error));
        }
      },
    });
  }
}
