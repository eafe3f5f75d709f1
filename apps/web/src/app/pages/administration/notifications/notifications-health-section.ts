import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Observable, Subject, catchError, filter, forkJoin, map, of, startWith, switchMap } from 'rxjs';
import {
  FailedDelivery,
  FailedDeliveryList,
  FailedReminder,
  NotificationHealth,
  NotificationsAdminService,
} from '../../../core/notifications-admin.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';
import { BerlinDatePipe } from '../../../shared/berlin-date.pipe';
import { confirmAction } from '../../../shared/confirm-dialog/confirm-dialog';
import {
  MAIL_STATUS_LABELS,
  REMINDER_STATUS_LABELS,
  labelledCounts,
  queueLabel,
  scheduleLabel,
  scheduleRuleText,
} from './notification-labels';

/** A due notice waiting longer than this means the delivery is stuck (the sweep runs every few seconds). */
export const LATE_AFTER_SECONDS = 60;

interface Snapshot {
  health: NotificationHealth;
  failed: FailedDeliveryList;
  loadedAt: Date;
}

interface Problem {
  message: string;
  secondFactorMissing: boolean;
}

type Loaded = { snapshot: Snapshot } | { problem: Problem };

const LOADED_AT = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function problemOf(error: unknown): Problem {
  return {
    message: apiErrorText(error),
    secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
  };
}

/**
 * Verwaltung → Benachrichtigungen (administration): whether Redis answers, the queues, the job
 * schedules, notices and e-mails by status, the e-mails that failed or may not have arrived, each
 * with "Erneut senden", and the notices that failed while being processed, each with "Erneut zustellen".
 */
@Component({
  selector: 'srp-notifications-health-section',
  imports: [BerlinDatePipe, MatButton, MatIcon, MatProgressBar, RouterLink],
  templateUrl: './notifications-health-section.html',
  styleUrls: ['../administration.scss', './notifications.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsHealthSection {
  private readonly admin = inject(NotificationsAdminService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lateAfter = LATE_AFTER_SECONDS;
  protected readonly queueLabel = queueLabel;
  protected readonly scheduleLabel = scheduleLabel;
  protected readonly ruleText = scheduleRuleText;
  protected readonly mailStatusLabels = MAIL_STATUS_LABELS;

  /** The last answer; kept while a refresh runs, so the page does not jump. */
  protected readonly snapshot = signal<Snapshot | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<Problem | null>(null);
  /** Id of the e-mail being sent again. */
  protected readonly retrying = signal<string | null>(null);
  /** Id of the notice being delivered again. */
  protected readonly retryingReminder = signal<string | null>(null);
  protected readonly retryProblem = signal<Problem | null>(null);

  protected readonly reminderCounts = computed(() =>
    labelledCounts(this.snapshot()?.health.reminders ?? [], REMINDER_STATUS_LABELS),
  );
  protected readonly mailCounts = computed(() =>
    labelledCounts(this.snapshot()?.health.mails ?? [], MAIL_STATUS_LABELS),
  );
  protected readonly loadedAt = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? LOADED_AT.format(snapshot.loadedAt) : '';
  });

  private readonly reload$ = new Subject<void>();

  constructor() {
    this.reload$
      .pipe(
        startWith(undefined),
        switchMap(() => {
          this.loading.set(true);
          return this.fetch();
        }),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => {
        this.loading.set(false);
        if ('snapshot' in loaded) {
          this.snapshot.set(loaded.snapshot);
          this.problem.set(null);
        } else {
          this.problem.set(loaded.problem);
        }
      });
  }

  protected refresh(): void {
    if (this.loading()) {
      return;
    }
    this.retryProblem.set(null);
    this.reload$.next();
  }

  /** Sends the e-mail again; for an uncertain one only after the admin confirmed it may arrive twice. */
  protected retry(item: FailedDelivery): void {
    if (this.busy()) {
      return;
    }
    const confirmed: Observable<boolean> =
      item.status === 'uncertain'
        ? confirmAction(this.dialog, {
            title: 'Unklare E-Mail erneut senden?',
            message:
              `Der Versand an ${item.recipient} wurde unterbrochen, nachdem er begonnen hatte. Die E-Mail ist ` +
              'vielleicht schon angekommen. Wenn Sie sie erneut senden, erhält die Person sie möglicherweise zweimal.',
            confirmLabel: 'Trotzdem erneut senden',
          })
        : of(true);
    confirmed.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() => this.send(item));
  }

  /** Delivers a failed notice again (composed anew, so it reflects the current state). */
  protected retryReminder(item: FailedReminder): void {
    if (this.busy()) {
      return;
    }
    this.retryProblem.set(null);
    this.retryingReminder.set(item.id);
    this.admin
      .retryReminder(item.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.retryingReminder.set(null);
          this.snackBar.open(`Der Hinweis „${item.label}“ wird erneut zugestellt.`, 'Schließen', {
            duration: 8000,
            politeness: 'polite',
          });
          this.reload$.next();
        },
        error: (error: unknown) => {
          this.retryingReminder.set(null);
          this.handleRetryError(error);
        },
      });
  }

  private busy(): boolean {
    return this.retrying() !== null || this.retryingReminder() !== null;
  }

  private handleRetryError(error: unknown): void {
    this.retryProblem.set(problemOf(error));
    // Someone else retried it or it is gone: the list is out of date.
    if (apiErrorCode(error) === 'CONFLICT' || apiErrorCode(error) === 'NOT_FOUND') {
      this.reload$.next();
    }
  }

  private send(item: FailedDelivery): void {
    this.retryProblem.set(null);
    this.retrying.set(item.id);
    this.admin
      .retry(item.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.retrying.set(null);
          this.snackBar.open(`Die E-Mail an ${item.recipient} wird erneut gesendet.`, 'Schließen', {
            duration: 8000,
            politeness: 'polite',
          });
          this.reload$.next();
        },
        error: (error: unknown) => {
          this.retrying.set(null);
          this.handleRetryError(error);
        },
      });
  }

  private fetch(): Observable<Loaded> {
    return forkJoin({ health: this.admin.health(), failed: this.admin.failed() }).pipe(
      map(({ health, failed }): Loaded => ({ snapshot: { health, failed, loadedAt: new Date() } })),
      catchError((error: unknown) => of<Loaded>({ problem: problemOf(error) })),
    );
  }
}
