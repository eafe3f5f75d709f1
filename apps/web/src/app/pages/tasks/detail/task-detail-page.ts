import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Observable, catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import {
  TASK_STATUS_LABELS,
  TASK_STATUS_ORDER,
  TaskChange,
  TaskDetail,
  TaskStatus,
  TasksService,
} from '../../../core/tasks.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { BerlinDatePipe } from '../../../shared/berlin-date.pipe';
import { confirmAction } from '../../../shared/confirm-dialog/confirm-dialog';
import { SecondFactorHint } from '../../../shared/second-factor-hint';
import { TaskDueChip, TaskPriorityChip, TaskStatusChip, formatDueDate } from '../task-chips';
import { askBlockReason } from '../block-reason-dialog';
import { ChecklistOp, applyChecklistOp } from './checklist-ops';
import { CommentComposer, NewComment } from './comment-composer';
import { askAboutConflict } from './conflict-dialog';
import { highlightMentions } from './mentions';
import { activitySentence, germanList } from './task-activity';
import { TaskChecklist } from './task-checklist';
import { TaskEditForm, TaskFieldsChange } from './task-edit-form';
import { TaskLinkView, TaskLinks } from './task-links';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; task: TaskDetail }
  | { status: 'error'; message: string; notFound: boolean; secondFactorMissing: boolean };

/** Which part of the page an action belongs to: its messages appear there. */
type Section = 'edit' | 'status' | 'checklist' | 'comments' | 'links' | 'archive';

interface SectionError {
  section: Section;
  message: string;
}

/** How to repeat a change on the current task after a conflict. */
interface Conflict {
  /** Names the change in the dialog: "… wird darauf erneut angewendet". */
  change: string;
  section: Section;
  reapply: (current: TaskDetail) => void;
}

const STATUS_ICONS: Record<TaskStatus, string> = {
  open: 'radio_button_unchecked',
  in_progress: 'pending',
  blocked: 'block',
  done: 'check_circle',
};

const HISTORY_PREVIEW = 8;

/**
 * A task's own page (`/aufgaben/:id`, a permanent link): what it is about, who does it by when,
 * its status, checklist, comments with @mentions, related tasks and history. Every change carries
 * the version it is based on; when someone else was faster (409), the person can load the current
 * task and apply their change to it again.
 */
@Component({
  selector: 'srp-task-detail-page',
  imports: [
    BerlinDatePipe,
    CommentComposer,
    MatButton,
    MatIcon,
    MatProgressBar,
    RouterLink,
    SecondFactorHint,
    TaskChecklist,
    TaskDueChip,
    TaskEditForm,
    TaskLinks,
    TaskPriorityChip,
    TaskStatusChip,
  ],
  templateUrl: './task-detail-page.html',
  styleUrls: [
    '../../working-groups/feedback.scss',
    '../../working-groups/markdown.scss',
    './task-detail-page.scss',
    './task-detail-sections.scss',
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskDetailPage {
  /** The task's id from the route (`/aufgaben/:id`). */
  readonly id = input.required<string>();

  private readonly tasks = inject(TasksService);
  private readonly dialog = inject(MatDialog);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly user = inject(AuthService).user;

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly task = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.task : null;
  });

  /** The action under way; others wait for it, so each is based on the newest version. */
  protected readonly busy = signal<Section | null>(null);
  protected readonly editing = signal(false);
  protected readonly notice = signal<string | null>(null);
  /** Said to screen readers only (small changes whose result is visible where they happened). */
  protected readonly announcement = signal('');
  protected readonly error = signal<SectionError | null>(null);
  protected readonly showAllHistory = signal(false);

  protected readonly statuses = TASK_STATUS_ORDER;
  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly statusIcons = STATUS_ICONS;
  protected readonly formatDueDate = formatDueDate;

  protected readonly assigneeNames = computed(() => germanList((this.task()?.assignees ?? []).map((p) => p.name)));
  protected readonly archived = computed(() => !!this.task()?.archivedAt);
  protected readonly mayEdit = computed(() => !!this.task()?.permissions.edit && !this.archived());
  protected readonly mayWork = computed(() => !!this.task()?.permissions.work && !this.archived());
  protected readonly mayComment = computed(() => !!this.task()?.permissions.comment && !this.archived());
  /** Restorable only until `restorableUntil` (30 days after deleting). */
  protected readonly restorable = computed(() => {
    const until = this.task()?.restorableUntil;
    return !!until && new Date(until).getTime() > Date.now();
  });

  /** Members who can be mentioned: everyone in the group but the writer. */
  protected readonly mentionable = computed(() => {
    const me = this.user()?.id;
    return (this.task()?.members ?? []).filter((member) => member.id !== me);
  });

  protected readonly comments = computed(() =>
    (this.task()?.comments ?? []).map((comment) => ({
      ...comment,
      html: highlightMentions(
        comment.bodyHtml,
        comment.mentions.map((person) => person.name),
      ),
    })),
  );

  protected readonly history = computed(() => {
    const entries = (this.task()?.activity ?? []).map((entry) => ({
      id: entry.id,
      createdAt: entry.createdAt,
      text: activitySentence(entry),
    }));
    return this.showAllHistory() ? entries : entries.slice(0, HISTORY_PREVIEW);
  });
  protected readonly historyCount = computed(() => this.task()?.activity.length ?? 0);
  protected readonly historyPreview = HISTORY_PREVIEW;

  private readonly editForm = viewChild(TaskEditForm);
  private readonly composer = viewChild(CommentComposer);
  private readonly editButton = viewChild('editButton', { read: ElementRef<HTMLButtonElement> });
  private readonly editHeading = viewChild<ElementRef<HTMLElement>>('editHeading');
  private readonly pageHeading = viewChild<ElementRef<HTMLElement>>('pageHeading');

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
    this.load().subscribe({ error: () => undefined });
  }

  // --- Bearbeiten ---

  protected startEdit(): void {
    if (this.editing() || this.busy()) {
      return;
    }
    this.clearMessages();
    this.editing.set(true);
    afterNextRender(() => this.editHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.error.set(null);
    this.focusEditButton();
  }

  protected saveEdit(change: TaskFieldsChange): void {
    const { version, ...fields } = change;
    if (Object.keys(fields).length === 0) {
      // Nothing changed: nothing to send.
      this.cancelEdit();
      return;
    }
    this.run('edit', this.tasks.update(this.id(), { ...fields, version }), {
      done: () => {
        this.editing.set(false);
        this.notice.set('Ihre Änderungen wurden gespeichert.');
        this.focusEditButton();
      },
      conflict: {
        change: 'Ihre Änderung aus dem Formular',
        section: 'edit',
        reapply: (current) => {
          this.editForm()?.rebase(current);
          this.notice.set(
            'Der aktuelle Stand wurde geladen. Ihre Eingaben sind erhalten geblieben; Felder, die Sie nicht geändert haben, zeigen jetzt den aktuellen Stand. Prüfen Sie alles und speichern Sie erneut.',
          );
          afterNextRender(() => this.editHeading()?.nativeElement.focus(), { injector: this.injector });
        },
      },
    });
  }

  // --- Status ---

  protected chooseStatus(status: TaskStatus): void {
    const task = this.task();
    if (!task || this.busy() || !this.mayWork() || (status === task.status && status !== 'blocked')) {
      return;
    }
    this.clearMessages();
    if (status === 'blocked') {
      askBlockReason(this.dialog, { title: task.title, reason: task.blockedReason })
        .pipe(filter((reason): reason is string => !!reason))
        .subscribe((reason) => this.sendStatus('blocked', reason));
      return;
    }
    this.sendStatus(status, null);
  }

  private sendStatus(status: TaskStatus, reason: string | null): void {
    const task = this.task();
    if (!task) {
      return;
    }
    if (task.status === status && (status !== 'blocked' || task.blockedReason === reason)) {
      // After reloading: someone else made the same change meanwhile.
      this.announcement.set(`Die Aufgabe hat bereits den Status „${TASK_STATUS_LABELS[status]}“.`);
      return;
    }
    const change: TaskChange =
      status === 'blocked'
        ? { status, blockedReason: reason, version: task.version }
        : { status, version: task.version };
    this.run('status', this.tasks.update(task.id, change), {
      done: () => this.announcement.set(`Status: ${TASK_STATUS_LABELS[status]}.`),
      conflict: {
        change: `der neue Status „${TASK_STATUS_LABELS[status]}“`,
        section: 'status',
        reapply: () => this.sendStatus(status, reason),
      },
    });
  }

  // --- Checkliste ---

  protected changeChecklist(op: ChecklistOp): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    const checklist = applyChecklistOp(task.checklist, op);
    if (!checklist) {
      this.error.set({
        section: 'checklist',
        message: 'Diesen Punkt gibt es nicht mehr; jemand hat ihn inzwischen entfernt.',
      });
      return;
    }
    this.run('checklist', this.tasks.update(task.id, { checklist, version: task.version }), {
      done: (updated) =>
        this.announcement.set(
          `Checkliste gespeichert: ${updated.checklistDone} von ${updated.checklistTotal} erledigt.`,
        ),
      conflict: {
        change: 'Ihre Änderung an der Checkliste',
        section: 'checklist',
        reapply: () => this.changeChecklist(op),
      },
    });
  }

  // --- Kommentare ---

  protected postComment(comment: NewComment): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    this.run('comments', this.tasks.comment(task.id, comment.body, comment.mentionIds), {
      done: () => {
        this.composer()?.clear();
        this.announcement.set('Ihr Kommentar wurde gespeichert.');
      },
    });
  }

  // --- Verknüpfungen ---

  protected linkTask(relatedId: string): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    this.run('links', this.tasks.link(task.id, relatedId), {
      done: () => this.announcement.set('Die Aufgabe wurde verknüpft.'),
    });
  }

  protected unlinkTask(link: TaskLinkView): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    this.run('links', this.tasks.unlink(task.id, link.id), {
      done: () => this.announcement.set(`Die Verknüpfung mit „${link.title}“ wurde entfernt.`),
    });
  }

  // --- Löschen und Wiederherstellen ---

  protected archive(): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    confirmAction(this.dialog, {
      title: 'Aufgabe löschen?',
      message: `„${task.title}“ wird archiviert. Sprecher*innen der Gruppe und die Koordination können sie 30 Tage lang wiederherstellen; danach nicht mehr.`,
      confirmLabel: 'Aufgabe löschen',
    })
      .pipe(filter(Boolean))
      .subscribe(() => this.sendArchive());
  }

  private sendArchive(): void {
    const task = this.task();
    if (!task) {
      return;
    }
    this.run('archive', this.tasks.archive(task.id, task.version), {
      done: () => {
        this.notice.set('Die Aufgabe wurde gelöscht. Sie kann 30 Tage lang wiederhergestellt werden.');
        this.focusHeading();
      },
      conflict: {
        change: 'das Löschen',
        section: 'archive',
        reapply: (current) => (current.archivedAt ? undefined : this.sendArchive()),
      },
    });
  }

  protected restore(): void {
    const task = this.task();
    if (!task || this.busy()) {
      return;
    }
    this.clearMessages();
    this.run('archive', this.tasks.restore(task.id, task.version), {
      done: () => {
        this.notice.set('Die Aufgabe wurde wiederhergestellt.');
        this.focusHeading();
      },
      conflict: {
        change: 'das Wiederherstellen',
        section: 'archive',
        reapply: (current) => (current.archivedAt ? this.restore() : undefined),
      },
    });
  }

  protected errorFor(section: Section): string | null {
    const error = this.error();
    return error?.section === section ? error.message : null;
  }

  // --- Laden, Speichern, Konflikte ---

  /**
   * Sends a change and shows its result. A conflict asks the person: "Neu laden und erneut
   * anwenden" loads the task and repeats the change on it; "Verwerfen" loads it and drops the change.
   */
  private run(
    section: Section,
    request: Observable<TaskDetail>,
    options: { done?: (task: TaskDetail) => void; conflict?: Conflict },
  ): void {
    this.busy.set(section);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (task) => {
        this.busy.set(null);
        this.update(task);
        options.done?.(task);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const code = apiErrorCode(error);
        if (code === 'CONFLICT' && options.conflict) {
          this.resolveConflict(options.conflict);
        } else {
          this.error.set({ section, message: apiErrorText(error) });
        }
      },
    });
  }

  private resolveConflict(conflict: Conflict): void {
    askAboutConflict(this.dialog, { change: conflict.change })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((choice) => {
        if (choice === undefined && conflict.section === 'edit') {
          // Closed with Escape: the form stays as it is; saving again asks again.
          return;
        }
        this.load().subscribe({
          next: (current) => {
            if (choice === 'reapply') {
              conflict.reapply(current);
            } else {
              if (conflict.section === 'edit') {
                this.editing.set(false);
                this.focusEditButton();
              }
              this.notice.set('Ihre Änderung wurde verworfen. Sie sehen den aktuellen Stand der Aufgabe.');
            }
          },
          error: (error: unknown) => this.error.set({ section: conflict.section, message: apiErrorText(error) }),
        });
      });
  }

  /** Loads the task again and shows it; emits it for whoever asked. */
  private load(): Observable<TaskDetail> {
    this.busy.set('edit');
    return new Observable<TaskDetail>((subscriber) => {
      const subscription = this.tasks
        .detail(this.id())
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (task) => {
            this.busy.set(null);
            this.update(task);
            subscriber.next(task);
            subscriber.complete();
          },
          error: (error: unknown) => {
            this.busy.set(null);
            this.show(this.failed(error));
            subscriber.error(error);
          },
        });
      return () => subscription.unsubscribe();
    });
  }

  private fetch(id: string): Observable<PageState> {
    return this.tasks.detail(id).pipe(
      map((task): PageState => ({ status: 'loaded', task })),
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
    this.state.set(state);
    if (state.status === 'loaded') {
      this.setTitle(state.task);
    } else if (state.status === 'error') {
      this.title.setTitle(`${state.notFound ? 'Aufgabe nicht gefunden' : 'Aufgabe'} – ${PRODUCT_NAME}`);
    }
  }

  private update(task: TaskDetail): void {
    this.state.set({ status: 'loaded', task });
    this.setTitle(task);
  }

  private setTitle(task: TaskDetail): void {
    this.title.setTitle(`${task.title} – ${PRODUCT_NAME}`);
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.error.set(null);
    this.announcement.set('');
  }

  private focusEditButton(): void {
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  private focusHeading(): void {
    afterNextRender(() => this.pageHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
