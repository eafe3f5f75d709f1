import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AppNotification, KIND_LABELS, NotificationsService } from '../../core/notifications.service';
import { apiErrorText } from '../../shared/api-errors';
import { notificationDateTime, notificationTime } from './notification-time';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Entries per page ("Weitere laden" fetches the next). */
export const CENTRE_PAGE_SIZE = 20;

export type CentreFilter = 'all' | 'unread';

interface CentreState {
  items: AppNotification[];
  nextCursor: string | null;
  loading: boolean;
  /** The first page has arrived (before that there is nothing to show, not "nothing there"). */
  loaded: boolean;
  error: string | null;
}

/**
 * `/benachrichtigungen`: the notification centre. All or only unread notifications, newest first,
 * page by page; each links to its subject (following it marks it read); mark one or all read.
 */
@Component({
  selector: 'srp-notifications-page',
  imports: [EmptyState, MatButton, MatButtonToggle, MatButtonToggleGroup, MatIcon, MatProgressBar, RouterLink],
  templateUrl: './notifications-page.html',
  styleUrls: ['../working-groups/feedback.scss', './notifications-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly kindLabels = KIND_LABELS;
  protected readonly time = (iso: string) => notificationTime(iso);
  protected readonly exactTime = notificationDateTime;

  protected readonly filter = signal<CentreFilter>('all');
  protected readonly unreadCount = this.notifications.unreadCount;
  protected readonly state = signal<CentreState>({
    items: [],
    nextCursor: null,
    loading: true,
    loaded: false,
    error: null,
  });
  protected readonly notice = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly markingAll = signal(false);
  /** Something arrived after the list was loaded: offered, not pushed in under the reader's eyes. */
  protected readonly newArrived = computed(() => {
    const latest = this.notifications.latestAt();
    const { items, loaded } = this.state();
    if (!loaded || latest === null) {
      return false;
    }
    // Newer than the list's newest entry and than what the bell knew when the list came.
    const known = [items[0]?.createdAt, this.latestWhenLoaded].filter((at): at is string => !!at);
    return known.every((at) => Date.parse(latest) > Date.parse(at));
  });
  private latestWhenLoaded: string | null = null;

  /** Counts the loads, so an answer for an older filter is dropped. */
  private generation = 0;

  constructor() {
    // Reload when the filter changes (and at start).
    effect(() => {
      this.filter();
      untracked(() => this.load());
    });
  }

  protected setFilter(filter: CentreFilter): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.filter.set(filter);
  }

  /** Loads the first page again. */
  protected load(): void {
    this.state.set({ items: [], nextCursor: null, loading: true, loaded: false, error: null });
    this.fetch(undefined);
  }

  protected more(): void {
    const state = this.state();
    if (state.loading || !state.nextCursor) {
      return;
    }
    this.state.set({ ...state, loading: true, error: null });
    this.fetch(state.nextCursor);
  }

  /** Following an entry's link: it counts as read (the request outlives this page). */
  protected open(notification: AppNotification): void {
    this.notifications.markReadInBackground(notification);
  }

  protected markRead(notification: AppNotification): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.notifications
      .markRead(notification.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.setRead((item) => item.id === notification.id);
          this.notice.set(`„${notification.title}“ ist als gelesen markiert.`);
        },
        error: (error: unknown) => this.actionError.set(apiErrorText(error)),
      });
  }

  protected markAllRead(): void {
    if (this.markingAll()) {
      return;
    }
    this.notice.set(null);
    this.actionError.set(null);
    this.markingAll.set(true);
    this.notifications
      .markAllRead()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.markingAll.set(false);
          this.setRead(() => true);
          this.notice.set(
            result.marked === 1
              ? 'Eine Benachrichtigung ist als gelesen markiert.'
              : `${result.marked} Benachrichtigungen sind als gelesen markiert.`,
          );
        },
        error: (error: unknown) => {
          this.markingAll.set(false);
          this.actionError.set(apiErrorText(error));
        },
      });
  }

  private setRead(which: (item: AppNotification) => boolean): void {
    const now = new Date().toISOString();
    this.state.update((state) => ({
      ...state,
      items: state.items.map((item) => (item.readAt === null && which(item) ? { ...item, readAt: now } : item)),
    }));
  }

  private fetch(cursor: string | undefined): void {
    const generation = ++this.generation;
    this.notifications
      .list({ unread: this.filter() === 'unread', cursor, limit: CENTRE_PAGE_SIZE })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          if (generation === this.generation) {
            if (!cursor) {
              this.latestWhenLoaded = this.notifications.latestAt();
            }
            this.state.update((state) => ({
              items: [...state.items, ...page.items],
              nextCursor: page.nextCursor,
              loading: false,
              loaded: true,
              error: null,
            }));
          }
        },
        error: (error: unknown) => {
          if (generation === this.generation) {
            this.state.update((state) => ({
              ...state,
              loading: false,
              error: apiErrorText(error),
            }));
          }
        },
      });
  }
}
