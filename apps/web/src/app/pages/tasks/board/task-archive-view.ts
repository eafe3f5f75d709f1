import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { TaskDetail, TaskSummary, TasksService } from '../../../core/tasks.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { BerlinDatePipe } from '../../../shared/berlin-date.pipe';
import { TaskStatusChip } from '../task-chips';
import { loadNextPage, PagedTasks } from './task-pages';

/** How long an archived task can be restored (the api's rule). */
export const RESTORE_DAYS = 30;

/** The last moment an archived task can be restored. */
export function restorableUntil(archivedAt: string): Date {
  return new Date(new Date(archivedAt).getTime() + RESTORE_DAYS * 24 * 60 * 60 * 1000);
}

type ArchiveState = PagedTasks;

interface RowProblem {
  taskId: string;
  message: string;
  stale: boolean;
}

/**
 * Archiv (leads, coordinators): the tasks deleted in the last 30 days, newest first, with the date
 * until which each can be restored and "Wiederherstellen".
 */
@Component({
  selector: 'srp-task-archive-view',
  imports: [BerlinDatePipe, MatButton, MatIcon, MatProgressBar, RouterLink, TaskStatusChip],
  template: `
    <h2 class="heading" tabindex="-1" #heading>Archiv</h2>
    <p class="intro">
      Gelöschte Aufgaben bleiben {{ days }} Tage im Archiv. Bis dahin können Sie sie wiederherstellen; danach sind sie
      endgültig entfernt.
    </p>
    @let list = state();
    @if (list.status === 'loading') {
      <mat-progress-bar mode="indeterminate" aria-label="Das Archiv wird geladen" />
    } @else if (list.status === 'error') {
      <div class="message error" role="alert">
        <mat-icon>error</mat-icon>
        <div>
          <p>Das Archiv konnte nicht geladen werden. {{ list.message }}</p>
          <button matButton="outlined" type="button" (click)="reload()">Erneut versuchen</button>
        </div>
      </div>
    } @else if (list.items.length === 0) {
      <p class="empty">Das Archiv ist leer.</p>
    } @else {
      <ul class="archive-list">
        @for (task of list.items; track task.id) {
          <li class="archived-task">
            <div class="task-text">
              <p class="task-title">
                <a [routerLink]="['/aufgaben', task.id]">{{ task.title }}</a>
              </p>
              <p class="task-meta">
                <srp-task-status-chip [status]="task.status" />
                @if (task.archivedAt) {
                  <span
                    >Gelöscht am {{ task.archivedAt | berlinDate: 'date' }}, wiederherstellbar bis
                    {{ until(task.archivedAt) | berlinDate: 'date' }}</span
                  >
                }
              </p>
              @if (problem(); as p) {
                @if (p.taskId === task.id) {
                  <div class="message error" role="alert">
                    <mat-icon>error</mat-icon>
                    <div>
                      <p>{{ p.message }}</p>
                      @if (p.stale) {
                        <button matButton="outlined" type="button" (click)="reload()">Neu laden</button>
                      }
                    </div>
                  </div>
                }
              }
            </div>
            <button
              matButton="outlined"
              type="button"
              [attr.aria-label]="'Wiederherstellen: ' + task.title"
              [aria-disabled]="busy() !== null"
              (click)="restore(task)"
            >
              <mat-icon>restore_from_trash</mat-icon>
              @if (busy() === task.id) {
                Wird wiederhergestellt …
              } @else {
                Wiederherstellen
              }
            </button>
          </li>
        }
      </ul>
      @if (list.nextCursor) {
        <div class="more">
          <button matButton="outlined" type="button" [aria-disabled]="list.more === 'loading'" (click)="loadMore()">
            {{ list.more === 'loading' ? 'Wird geladen …' : 'Weitere laden' }}
          </button>
          @if (list.more === 'error') {
            <p class="more-error" role="alert">Die weiteren Aufgaben konnten nicht geladen werden.</p>
          }
        </div>
      }
    }
  `,
  styleUrls: ['../../working-groups/feedback.scss', './task-archive-view.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskArchiveView {
  readonly groupId = input.required<string>();
  readonly restored = output<TaskDetail>();

  private readonly tasks = inject(TasksService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly days = RESTORE_DAYS;
  protected readonly until = restorableUntil;
  protected readonly state = signal<ArchiveState>({ status: 'loading' });
  protected readonly busy = signal<string | null>(null);
  protected readonly problem = signal<RowProblem | null>(null);
  private readonly reloads = new Subject<void>();
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  constructor() {
    toObservable(this.groupId)
      .pipe(
        switchMap((groupId) =>
          this.reloads.pipe(
            startWith(undefined),
            map(() => groupId),
          ),
        ),
        switchMap((groupId) =>
          this.tasks.list({ groupId, archived: true, limit: 50 }).pipe(
            map(
              (page): ArchiveState => ({
                status: 'loaded',
                items: page.items,
                nextCursor: page.nextCursor,
                more: 'idle',
              }),
            ),
            catchError((error: unknown) => of<ArchiveState>({ status: 'error', message: apiErrorText(error) })),
            startWith<ArchiveState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected reload(): void {
    this.problem.set(null);
    this.reloads.next();
  }

  protected loadMore(): void {
    loadNextPage(
      this.state,
      (cursor) => this.tasks.list({ groupId: this.groupId(), archived: true, limit: 50, cursor }),
      this.destroyRef,
    );
  }

  protected restore(task: TaskSummary): void {
    if (this.busy()) {
      return;
    }
    this.problem.set(null);
    this.busy.set(task.id);
    this.tasks
      .restore(task.id, task.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (restored) => {
          this.busy.set(null);
          const current = this.state();
          if (current.status === 'loaded') {
            this.state.set({ ...current, items: current.items.filter((t) => t.id !== task.id) });
          }
          this.restored.emit(restored);
          // The row and its button are gone: keep the focus in the archive.
          this.heading().nativeElement.focus();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          const code = apiErrorCode(error);
          this.problem.set({
            taskId: task.id,
            message: apiErrorText(error),
            stale: code === 'CONFLICT' || code === 'NOT_FOUND',
          });
        },
      });
  }
}
