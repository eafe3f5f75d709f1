import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TaskCounts, TasksService } from '../../core/tasks.service';

type State = { status: 'loading' } | { status: 'loaded'; counts: TaskCounts } | { status: 'error' };

/** "Ihre Aufgaben" on the start page: my open tasks, how many are overdue and due this week. */
@Component({
  selector: 'srp-my-task-counts',
  imports: [MatIcon, RouterLink],
  template: `
    <section class="tasks" aria-labelledby="task-counts-heading">
      <h2 id="task-counts-heading">Ihre Aufgaben</h2>
      @switch (state().status) {
        @case ('loading') {
          <p class="muted">Wird geladen …</p>
        }
        @case ('error') {
          <p class="muted">
            Ihre Aufgaben konnten gerade nicht gezählt werden. <a routerLink="/aufgaben">Zu Meine Aufgaben</a>
          </p>
        }
        @case ('loaded') {
          @let c = counts();
          @if (c.open === 0) {
            <p class="summary">
              <mat-icon aria-hidden="true">task_alt</mat-icon>
              <span>Ihnen sind zurzeit keine offenen Aufgaben zugewiesen.</span>
            </p>
          } @else {
            <p class="summary">
              <mat-icon aria-hidden="true">assignment</mat-icon>
              <a routerLink="/aufgaben">Meine offenen Aufgaben: {{ c.open }}</a>
            </p>
            <ul class="details">
              <li [class.alarm]="c.overdue > 0">
                @if (c.overdue > 0) {
                  <mat-icon aria-hidden="true">warning</mat-icon>
                }
                davon überfällig: {{ c.overdue }}
              </li>
              <li>diese Woche fällig: {{ c.dueThisWeek }}</li>
            </ul>
          }
        }
      }
    </section>
  `,
  styles: `
    .tasks {
      max-width: 40rem;
      margin: 2rem 0;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-lowest);
    }
    h2 {
      margin: 0 0 0.5rem;
    }
    .summary {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .summary mat-icon {
      color: var(--mat-sys-primary);
    }
    .details {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      margin: 0.5rem 0 0 2rem;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-large);
    }
    .details li {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }
    .alarm {
      color: var(--mat-sys-error);
      font-weight: 700;
    }
    .alarm mat-icon {
      width: 20px;
      height: 20px;
      font-size: 20px;
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyTaskCounts {
  protected readonly state = signal<State>({ status: 'loading' });

  protected counts(): TaskCounts {
    const state = this.state();
    return state.status === 'loaded' ? state.counts : { open: 0, overdue: 0, dueThisWeek: 0 };
  }

  constructor() {
    inject(TasksService)
      .counts()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (counts) => this.state.set({ status: 'loaded', counts }),
        error: () => this.state.set({ status: 'error' }),
      });
  }
}
