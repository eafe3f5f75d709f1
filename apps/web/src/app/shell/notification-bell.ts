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
import { MatDivider } from '@angular/material/divider';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { AppNotification, NotificationsService } from '../core/notifications.service';
import { notificationDateTime, notificationTime } from '../pages/notifications/notification-time';
import { bellBadge, bellLabel } from './bell-labels';

/** How many notifications the bell's menu shows; the centre has all. */
export const BELL_MENU_SIZE = 8;

/**
 * The bell in the toolbar: the unread count as a badge and a menu with the newest notifications,
 * "Alle als gelesen markieren" and the way to the notification centre. Following an entry marks
 * it read. Material's menu handles the keyboard (arrows, Escape returns to the bell).
 */
@Component({
  selector: 'srp-notification-bell',
  imports: [MatDivider, MatMenu, MatMenuItem, MatMenuTrigger, RouterLink],
  template: `
    <button
      type="button"
      class="bell-button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="label()"
      (menuOpened)="load()"
    >
      <span class="material-symbols-outlined" aria-hidden="true">notifications</span>
      @if (count() > 0) {
        <span class="badge" aria-hidden="true">{{ badge() }}</span>
      }
    </button>
    <span class="srp-visually-hidden" role="status">{{ announcement() }}</span>
    <mat-menu #menu="matMenu" xPosition="before" class="srp-bell-panel">
      <div class="menu-header" aria-hidden="true">
        <span class="menu-title">Benachrichtigungen</span>
        @if (count() > 0) {
          <span class="menu-count">{{ count() }} ungelesen</span>
        }
      </div>
      @for (notification of items(); track notification.id) {
        <a
          mat-menu-item
          class="bell-item"
          [class.unread]="notification.readAt === null"
          [attr.aria-label]="itemLabel(notification)"
          [routerLink]="notification.link"
          (click)="open(notification)"
        >
          <span class="item">
            @if (notification.readAt === null) {
              <span class="dot" aria-hidden="true"></span>
              <span class="srp-visually-hidden">Ungelesen: </span>
            }
            <span class="item-text">
              <span class="item-title">{{ notification.title }}</span>
              <span class="item-time" [title]="exactTime(notification.createdAt)">{{
                time(notification.createdAt)
              }}</span>
            </span>
          </span>
        </a>
      } @empty {
        <p class="menu-empty">
          @if (loaded()) {
            Sie haben noch keine Benachrichtigungen.
          } @else {
            Benachrichtigungen werden geladen …
          }
        </p>
      }
      <mat-divider />
      @if (count() > 0) {
        <button mat-menu-item type="button" (click)="markAllRead()">
          <span class="material-symbols-outlined menu-icon" aria-hidden="true">done_all</span>
          <span>Alle als gelesen markieren</span>
        </button>
      }
      <a mat-menu-item routerLink="/benachrichtigungen">
        <span class="material-symbols-outlined menu-icon" aria-hidden="true">notifications</span>
        <span>Alle Benachrichtigungen</span>
      </a>
    </mat-menu>
  `,
  styleUrl: './notification-bell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly count = this.notifications.unreadCount;
  protected readonly label = computed(() => bellLabel(this.count()));
  protected readonly badge = computed(() => bellBadge(this.count()));
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly loaded = signal(false);
  /** Read by screen readers when new notifications arrive (not at start). */
  protected readonly announcement = signal('');
  protected readonly time = (iso: string) => notificationTime(iso);
  protected readonly exactTime = notificationDateTime;

  constructor() {
    // The menu's entries are ready before it opens: loaded at start and whenever something new
    // arrives or was read elsewhere. Opening loads again (for the times and the read marks).
    let previous: number | undefined;
    effect(() => {
      const count = this.count();
      const known = this.notifications.countKnown();
      this.notifications.latestAt();
      untracked(() => {
        if (previous !== undefined && known && count > previous) {
          const added = count - previous;
          this.announcement.set(added === 1 ? 'Eine neue Benachrichtigung' : `${added} neue Benachrichtigungen`);
        }
        previous = known ? count : undefined;
        this.load();
      });
    });
  }

  protected load(): void {
    this.notifications
      .list({ limit: BELL_MENU_SIZE })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.items.set(page.items);
          this.loaded.set(true);
        },
        // The bell stays as it was; the centre shows errors.
        error: () => this.loaded.set(true),
      });
  }

  /**
   * "Ungelesen: <title>, vor 5 Minuten". Spelled out, because the browsers join the two lines of
   * an entry with a space before the comma otherwise.
   */
  protected itemLabel(notification: AppNotification): string {
    const unread = notification.readAt === null ? 'Ungelesen: ' : '';
    return `${unread}${notification.title}, ${notificationTime(notification.createdAt)}`;
  }

  protected open(notification: AppNotification): void {
    this.notifications.markReadInBackground(notification);
  }

  protected markAllRead(): void {
    this.notifications
      .markAllRead()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          const now = new Date().toISOString();
          this.items.update((items) => items.map((item) => ({ ...item, readAt: item.readAt ?? now })));
        },
        error: () => undefined,
      });
  }
}
