import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Observable, filter, map, of, switchMap } from 'rxjs';
import {
  MyTasks,
  TASK_STATUS_LABELS,
  TASK_STATUS_ORDER,
  TaskStatus,
  TaskSummary,
  TasksService,
} from '../../../core/tasks.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { SecondFactorHint } from '../../../shared/second-factor-hint';
import { askBlockReason } from '../block-reason-dialog';
import { TaskDueChip, TaskPriorityChip, TaskStatusChip } from '../task-chips';
import { groupByDue } from './due-groups';
import { EmptyState } from '../../../shared/empty-state/empty-state';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; data: MyTasks }
  | { status: 'error'; message: string; secondFactorMissing: boolean };

/**
 * Meine Aufgaben (`/aufgaben`): everything assigned to the person across their groups that is not
 * done, under due headings (overdue first), with a quick status change per row.
 */
@Component({
  selector: 'srp-my-tasks-page',
  imports: [
    EmptyState,
    MatButton,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatProgressBar,
    RouterLink,
    SecondFactorHint,
    TaskDueChip,
    TaskPriorityChip,
    TaskStatusChip,
  ],
  templateUrl: './my-tasks-page.html',
  styleUrls: ['../../working-groups/feedback.scss', './my-tasks-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyTasksPage {
  private readonly tasks = inject(TasksService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly data = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.data : null;
  });
  protected readonly groups = computed(() => {
    const data = this.data();
    return data ? groupByDue(data.items, data.today) : [];
  });

  /** The task whose status is being changed. */
  protected readonly busy = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly statuses = TASK_STATUS_ORDER;
  protected readonly statusLabels = TASK_STATUS_LABELS;

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    this.load();
  }

  protected load(): void {
    this.tasks
      .mine()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (data) => this.state.set({ status: 'loaded', data }),
        error: (error: unknown) =>
          this.state.set({
            status: 'error',
            message: apiErrorText(error),
            secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
          }),
      });
  }

  /** "Status ändern" of a row. Blocked asks for the reason; done takes the task off this list. */
  protected changeStatus(task: TaskSummary, status: TaskStatus): void {
    if (this.busy() || status === task.status) {
      return;
    }
    this.notice.set(null);
    this.error.set(null);
    const reason: Observable<string | null | undefined> =
      status === 'blocked' ? askBlockReason(this.dialog, { title: task.title, reason: task.blockedReason }) : of(null);
    reason
      .pipe(
        filter((value) => value !== undefined && (status !== 'blocked' || !!value)),
        switchMap((value) => {
          this.busy.set(task.id);
          return this.tasks.update(
            task.id,
            status === 'blocked'
              ? { status, blockedReason: value ?? null, version: task.version }
              : { status, version: task.version },
          );
        }),
        switchMap(() => this.tasks.mine()),
        map((data) => ({ data })),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ data }) => {
          this.busy.set(null);
          this.state.set({ status: 'loaded', data });
          this.notice.set(
            status === 'done'
              ? `„${task.title}“ ist erledigt und steht nicht mehr in dieser Liste.`
              : `„${task.title}“ hat jetzt den Status „${TASK_STATUS_LABELS[status]}“.`,
          );
          if (!data.items.some((item) => item.id === task.id)) {
            // The row is gone, and with it the focus: it goes to the page heading.
            afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
          }
        },
        error: (error: unknown) => {
          this.busy.set(null);
          const stale = apiErrorCode(error) === 'CONFLICT';
          this.error.set(
            stale
              ? `„${task.title}“ wurde inzwischen geändert; Ihre Änderung wurde nicht gespeichert. Die Liste zeigt jetzt den aktuellen Stand – bitte versuchen Sie es erneut.`
              : apiErrorText(error),
          );
          if (stale) {
            this.load();
          }
        },
      });
  }

  protected taskCount(count: number): string {
    return count === 1 ? '1 Aufgabe' : `${count} Aufgaben`;
  }
}
