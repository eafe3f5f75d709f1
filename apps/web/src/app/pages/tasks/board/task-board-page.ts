import { CdkDrag, CdkDragDrop, CdkDragPlaceholder, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { CdkScrollable } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { TaskStatus } from '@srp/contracts';
import { Observable, catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import { TASK_STATUS_LABELS, TaskBoard, TaskDetail, TaskSummary, TasksService } from '../../../core/tasks.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { SecondFactorHint } from '../../../shared/second-factor-hint';
import { openTaskForm } from '../task-form-dialog';
import { askBlockReason } from '../block-reason-dialog';
import { Column, PlannedMove, findCard, insertCard, planMove, replaceCard, revertMove } from './board-moves';
import { CardMove, TaskCard } from './task-card';
import { TaskArchiveView } from './task-archive-view';
import { TaskListView } from './task-list-view';
import { FILTER_PARAMS, viewFromParam } from './task-list-filters';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded' }
  | { status: 'error'; message: string; notFound: boolean; secondFactorMissing: boolean };

/** What the polite live region says; the id makes a repeated sentence a new node, so it is read again. */
interface Announcement {
  id: number;
  text: string;
}

/** The message of the issue for a stale card (409), shown with "Neu laden". */
export const CONFLICT_MESSAGE = 'Diese Aufgabe wurde inzwischen von jemand anderem geändert.';

/**
 * A working group's tasks: the board (a column per status with WIP counts; cards move by drag and
 * drop or, for keyboards and screen readers, with each card's "Verschieben" menu), the list with
 * filters (`?ansicht=liste`) and, for leads and coordinators, the archive (`?ansicht=archiv`).
 * Moves show at once and are rolled back when the api refuses them.
 */
@Component({
  selector: 'srp-task-board-page',
  imports: [
    CdkDrag,
    CdkDragPlaceholder,
    CdkDropList,
    CdkDropListGroup,
    CdkScrollable,
    MatButton,
    MatIcon,
    MatProgressBar,
    RouterLink,
    SecondFactorHint,
    TaskArchiveView,
    TaskCard,
    TaskListView,
  ],
  templateUrl: './task-board-page.html',
  styleUrls: ['./task-board-page.scss', './board-columns.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskBoardPage {
  /** The group's id from the route (`/arbeitsgruppen/:id/aufgaben`). */
  readonly id = input.required<string>();

  private readonly tasks = inject(TasksService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly user = inject(AuthService).user;

  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly params = FILTER_PARAMS;
  protected readonly view = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => viewFromParam(params.get(FILTER_PARAMS.view)))),
    { initialValue: 'board' as const },
  );

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly board = signal<TaskBoard | null>(null);
  protected readonly columns = signal<Column<TaskSummary>[]>([]);
  /** Cards whose move is on its way to the server: they wait before moving again. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly announcement = signal<Announcement | null>(null);

  protected readonly canMove = computed(() => !!this.board()?.permissions.create);
  protected readonly canArchive = computed(() => !!this.board()?.permissions.archive);
  /** The archive is for leads and coordinators; anyone else asking for it sees the board. */
  protected readonly shownView = computed(() => {
    const view = this.view();
    return view === 'archiv' && !this.canArchive() ? 'board' : view;
  });
  protected readonly myId = computed(() => this.user()?.id ?? null);
  protected readonly total = computed(() => this.columns().reduce((sum, column) => sum + column.count, 0));

  private readonly cards = viewChildren(TaskCard);
  private readonly listView = viewChild(TaskListView);
  private nextAnnouncement = 0;

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.fetch(id)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));
  }

  protected reload(): void {
    this.fetch(this.id())
      .pipe(
        filter((state) => state.status !== 'loading'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.show(state));
    this.listView()?.reload();
  }

  // --- Verschieben ---

  /** A card was dropped (CDK): `currentIndex` is its index in the target column without it. */
  protected dropped(event: CdkDragDrop<TaskStatus, TaskStatus, TaskSummary>): void {
    this.requestMove(event.item.data, event.container.data, event.currentIndex, false);
  }

  /** A choice in a card's "Verschieben" menu (keyboard, screen reader, or just preferred). */
  protected cardMoved(task: TaskSummary, move: CardMove): void {
    const place = findCard(this.columns(), task.id);
    if (!place) {
      return;
    }
    if (move.kind === 'status') {
      // Into another column at the top, where the person sees it arrive.
      this.requestMove(task, move.status, 0, true);
    } else {
      this.requestMove(task, place.status, place.index + (move.kind === 'up' ? -1 : 1), true);
    }
  }

  private requestMove(task: TaskSummary, toStatus: TaskStatus, toIndex: number, keyboard: boolean): void {
    const from = findCard(this.columns(), task.id);
    if (!from || this.pending().has(task.id) || !this.canMove()) {
      return;
    }
    const needsReason = toStatus === 'blocked' && from.status !== 'blocked';
    const reason$: Observable<string | undefined> = needsReason
      ? askBlockReason(this.dialog, { title: task.title }, { restoreFocus: false })
      : of(undefined);
    reason$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((reason) => {
      if (needsReason && !reason) {
        // Cancelled: the card stays; keyboard users go back to where they were.
        if (keyboard) this.focusCard(task.id);
        return;
      }
      const patch: Partial<TaskSummary> =
        toStatus === 'blocked' ? (reason ? { blockedReason: reason } : {}) : { blockedReason: null };
      const plan = planMove(this.columns(), task.id, toStatus, toIndex, patch);
      if (!plan) {
        return;
      }
      this.columns.set(plan.columns);
      this.setPending(task.id, true);
      if (keyboard) this.focusCard(task.id);
      this.tasks
        .move(task.id, {
          status: toStatus,
          afterTaskId: plan.afterTaskId,
          version: plan.original.version,
          ...(reason ? { blockedReason: reason } : {}),
        })
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (moved) => {
            this.setPending(task.id, false);
            this.columns.set(replaceCard(this.columns(), moved));
            this.announce(this.movedText(moved, plan));
          },
          error: (error: unknown) => {
            this.setPending(task.id, false);
            this.columns.set(revertMove(this.columns(), plan));
            this.moveFailed(error, plan.original);
            if (keyboard) this.focusCard(task.id);
          },
        });
    });
  }

  private movedText(moved: TaskSummary, plan: PlannedMove<TaskSummary>): string {
    const column = TASK_STATUS_LABELS[moved.status];
    if (plan.from.status !== plan.to.status) {
      return `„${moved.title}“ ist jetzt in „${column}“.`;
    }
    const place = findCard(this.columns(), moved.id);
    const size = this.columns().find((c) => c.status === moved.status)?.tasks.length ?? 0;
    return `„${moved.title}“ ist jetzt an Position ${(place?.index ?? plan.to.index) + 1} von ${size} in „${column}“.`;
  }

  private moveFailed(error: unknown, task: TaskSummary): void {
    const code = apiErrorCode(error);
    if (code === 'CONFLICT' || code === 'NOT_FOUND') {
      // Someone else changed (or archived) the task: the board is out of date.
      this.offerReload(code === 'CONFLICT' ? CONFLICT_MESSAGE : apiErrorText(error));
      return;
    }
    this.snackBar.open(`„${task.title}“ wurde nicht verschoben. ${apiErrorText(error)}`, 'Schließen', {
      duration: 10_000,
      politeness: 'assertive',
    });
  }

  private offerReload(message: string): void {
    this.snackBar
      .open(message, 'Neu laden', { politeness: 'assertive' })
      .onAction()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.reload());
  }

  // --- Neue Aufgabe, Archiv ---

  protected newTask(): void {
    const board = this.board();
    if (!board?.permissions.create) {
      return;
    }
    openTaskForm(this.dialog, {
      groupId: board.group.id,
      groupName: board.group.name,
      members: board.members,
      labels: board.labels,
      myId: this.myId(),
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((task) => this.added(task, `„${task.title}“ wurde angelegt.`));
  }

  /** A task restored from the archive goes back onto the board. */
  protected restored(task: TaskDetail): void {
    this.added(
      task,
      `„${task.title}“ wurde wiederhergestellt und steht wieder in „${TASK_STATUS_LABELS[task.status]}“.`,
    );
  }

  private added(task: TaskDetail, message: string): void {
    this.columns.set(insertCard(this.columns(), task));
    const board = this.board();
    if (board) {
      const labels = [...new Set([...board.labels, ...task.labels])].sort((a, b) => a.localeCompare(b, 'de'));
      this.board.set({ ...board, labels });
    }
    this.listView()?.reload();
    this.announce(message);
    this.snackBar
      .open(message, 'Aufgabe öffnen', { duration: 8000, politeness: 'polite' })
      .onAction()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => void this.router.navigate(['/aufgaben', task.id]));
  }

  // --- Laden, Ansagen, Fokus ---

  private fetch(id: string): Observable<PageState> {
    return this.tasks.board(id).pipe(
      map((board): PageState => {
        this.board.set(board);
        this.columns.set(board.columns.map((column) => ({ ...column })));
        this.pending.set(new Set());
        this.title.setTitle(`Aufgaben – ${board.group.name} – ${PRODUCT_NAME}`);
        return { status: 'loaded' };
      }),
      catchError((error: unknown) => {
        const code = apiErrorCode(error);
        return of<PageState>({
          status: 'error',
          message: apiErrorText(error),
          notFound: code === 'NOT_FOUND',
          secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
        });
      }),
      startWith<PageState>({ status: 'loading' }),
    );
  }

  private show(state: PageState): void {
    if (state.status === 'loading' && this.state().status === 'loaded') {
      // Reloading: keep the board on screen until the answer is there.
      return;
    }
    this.state.set(state);
  }

  private setPending(taskId: string, on: boolean): void {
    const next = new Set(this.pending());
    if (on) {
      next.add(taskId);
    } else {
      next.delete(taskId);
    }
    this.pending.set(next);
  }

  private announce(text: string): void {
    this.announcement.set({ id: ++this.nextAnnouncement, text });
  }

  /** Puts the focus on a card's "Verschieben" button once it is drawn at its (new) place. */
  private focusCard(taskId: string): void {
    afterNextRender(
      () =>
        this.cards()
          .find((card) => card.task().id === taskId)
          ?.focusMoveButton(),
      {
        injector: this.injector,
      },
    );
  }
}
