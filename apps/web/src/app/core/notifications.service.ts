import { DOCUMENT } from '@angular/common';
import { HttpClient, HttpContext, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import { NOTIFICATION_CHANNEL_LABELS, NOTIFICATION_KIND_LABELS } from '@srp/contracts';
import { Observable, Subscription, map, tap } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { notificationsApplyToken } from '../api/generated/fn/notifications/notifications-apply-token';
import { notificationsGetPreferences } from '../api/generated/fn/notifications/notifications-get-preferences';
import { notificationsList } from '../api/generated/fn/notifications/notifications-list';
import { notificationsMarkAllRead } from '../api/generated/fn/notifications/notifications-mark-all-read';
import { notificationsMarkRead } from '../api/generated/fn/notifications/notifications-mark-read';
import { notificationsUnreadCount } from '../api/generated/fn/notifications/notifications-unread-count';
import { notificationsUpdatePreferences } from '../api/generated/fn/notifications/notifications-update-preferences';
import { notificationsViewToken } from '../api/generated/fn/notifications/notifications-view-token';
import { MarkedReadDto } from '../api/generated/models/marked-read-dto';
import { NotificationDto } from '../api/generated/models/notification-dto';
import { NotificationPageDto } from '../api/generated/models/notification-page-dto';
import { PreferenceChoiceDto } from '../api/generated/models/preference-choice-dto';
import { PreferenceDto } from '../api/generated/models/preference-dto';
import { UnreadCountDto } from '../api/generated/models/unread-count-dto';
import { UnsubscribeViewDto } from '../api/generated/models/unsubscribe-view-dto';
import { QUIET_API_ERRORS } from './api-error.interceptor';
import { AuthService } from './auth.service';

export type AppNotification = NotificationDto;
export type NotificationPage = NotificationPageDto;
export type NotificationKind = NotificationDto['kind'];
export type NotificationPreference = PreferenceDto;
export type NotificationChannel = PreferenceDto['channel'];
/** One kind's new setting; `default` follows the coordinators' default again. */
export type PreferenceChoice = PreferenceChoiceDto;
/** What an e-mail's settings link (`/benachrichtigungen/:token`) shows and changes. */
export type TokenPreference = UnsubscribeViewDto;
export type MarkedRead = MarkedReadDto;

/** The channels a person can choose, in the order the settings show them. */
export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['email', 'in_app', 'off'];
/** "E-Mail und Portal", "Nur im Portal", "Aus". */
export const CHANNEL_LABELS: Record<NotificationChannel, string> = NOTIFICATION_CHANNEL_LABELS;
export const KIND_LABELS: Record<NotificationKind, string> = NOTIFICATION_KIND_LABELS;
/** Why invitations and cancellations cannot be switched off (settings page and e-mail link page). */
export const MANDATORY_EXPLANATION =
  'Einladungen und Absagen von Terminen erhalten Sie immer per E-Mail, weil sie Ihren Kalender betreffen.';

/** How often the bell asks for its number while the page is visible. */
export const UNREAD_POLL_MS = 30_000;
/** After failures the interval doubles up to this (a server that is down is not asked every 30 s). */
export const UNREAD_POLL_MAX_MS = 5 * 60_000;

/**
 * The signed-in person's notifications: the bell's unread count (kept fresh by polling), the
 * notification centre's pages, marking read, the own settings per kind and the e-mails'
 * signed settings links.
 *
 * The count is asked for every 30 s with `If-None-Match`: the api answers 304 while nothing
 * changed, which costs almost nothing. It is asked at once when the window gets the focus or the
 * tab becomes visible again, and not at all while the tab is hidden or nobody is signed in.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  private readonly count = signal(0);
  private readonly latest = signal<string | null>(null);
  /** Unread notifications of the signed-in person (0 when signed out). */
  readonly unreadCount = this.count.asReadonly();
  /** When the newest notification arrived: changes when a new one comes in. */
  readonly latestAt = this.latest.asReadonly();
  private readonly answered = signal(false);
  /** Whether the api has told the count since sign-in (before that, 0 means "not known yet"). */
  readonly countKnown = this.answered.asReadonly();

  private polling = false;
  private etag: string | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: Subscription | undefined;

  constructor() {
    effect(() => {
      const signedIn = this.auth.signedIn();
      untracked(() => (signedIn ? this.start() : this.stop()));
    });
    const onFocus = () => this.refresh();
    const onVisibility = () => {
      if (this.document.visibilityState === 'visible') {
        this.refresh();
      }
    };
    const view = this.document.defaultView;
    view?.addEventListener('focus', onFocus);
    this.document.addEventListener('visibilitychange', onVisibility);
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('focus', onFocus);
      this.document.removeEventListener('visibilitychange', onVisibility);
      this.stop();
    });
  }

  /** Asks for the count now (unless a request is under way) while someone is signed in. */
  refresh(): void {
    if (this.polling) {
      this.poll();
    }
  }

  /** One page, newest first; pass `nextCursor` of the previous page as `cursor`. */
  list(query: { unread?: boolean; cursor?: string; limit?: number } = {}): Observable<NotificationPage> {
    return notificationsList(this.http, this.api.rootUrl, {
      unread: query.unread ? 'true' : undefined,
      cursor: query.cursor,
      limit: query.limit,
    }).pipe(
      map((response) => response.body),
      tap((page) => this.count.set(page.unreadCount)),
    );
  }

  markRead(id: string): Observable<MarkedRead> {
    return notificationsMarkRead(this.http, this.api.rootUrl, { id }).pipe(
      map((response) => response.body),
      tap((result) => this.count.set(result.unreadCount)),
    );
  }

  /**
   * Marks one read when its link is followed. The request belongs to this service, not to the
   * page: the navigation that follows the click must not cancel it.
   */
  markReadInBackground(notification: Pick<AppNotification, 'id' | 'readAt'>): void {
    if (notification.readAt === null) {
      // A failure (e.g. it was deleted) is not worth a message; the next poll corrects the count.
      this.markRead(notification.id).subscribe({ error: () => undefined });
    }
  }

  markAllRead(): Observable<MarkedRead> {
    return notificationsMarkAllRead(this.http, this.api.rootUrl).pipe(
      map((response) => response.body),
      tap((result) => this.count.set(result.unreadCount)),
    );
  }

  preferences(): Observable<NotificationPreference[]> {
    return notificationsGetPreferences(this.http, this.api.rootUrl).pipe(map((response) => response.body.items));
  }

  updatePreferences(choices: PreferenceChoice[]): Observable<NotificationPreference[]> {
    return notificationsUpdatePreferences(this.http, this.api.rootUrl, { body: { choices } }).pipe(
      map((response) => response.body.items),
    );
  }

  /** What a settings link from an e-mail is about; changes nothing (mail scanners open links too). */
  viewToken(token: string): Observable<TokenPreference> {
    return notificationsViewToken(this.http, this.api.rootUrl, { token }).pipe(map((response) => response.body));
  }

  /** Sets the one kind a settings link names (no sign-in needed: the signed token is the key). */
  applyToken(token: string, channel: NotificationChannel): Observable<TokenPreference> {
    return notificationsApplyToken(this.http, this.api.rootUrl, { token, body: { channel } }).pipe(
      map((response) => response.body),
    );
  }

  private start(): void {
    if (!this.polling) {
      this.polling = true;
      this.poll();
    }
  }

  private stop(): void {
    this.polling = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.request?.unsubscribe();
    this.request = undefined;
    this.etag = null;
    this.failures = 0;
    this.count.set(0);
    this.latest.set(null);
    this.answered.set(false);
  }

  private poll(): void {
    if (this.request && !this.request.closed) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    // The generated function has no header parameters: its path, with If-None-Match added here.
    const headers = this.etag ? new HttpHeaders({ 'If-None-Match': this.etag }) : undefined;
    // A failed poll is retried later with a longer interval; it does not pop up a message each time.
    const context = new HttpContext().set(QUIET_API_ERRORS, true);
    this.request = this.http
      .get<UnreadCountDto>(`${this.api.rootUrl}${notificationsUnreadCount.PATH}`, {
        headers,
        observe: 'response',
        context,
      })
      .subscribe({
        next: (response) => {
          this.failures = 0;
          this.etag = response.headers.get('ETag');
          if (response.body) {
            this.count.set(response.body.count);
            this.latest.set(response.body.latestAt);
            this.answered.set(true);
          }
          this.schedule();
        },
        error: (error: unknown) => {
          // HttpClient reports 304 Not Modified as an error: it means "unchanged".
          if (error instanceof HttpErrorResponse && error.status === 304) {
            this.failures = 0;
            this.answered.set(true);
          } else {
            this.failures++;
          }
          this.schedule();
        },
      });
  }

  private schedule(): void {
    if (!this.polling) {
      return;
    }
    const delay = Math.min(UNREAD_POLL_MS * 2 ** this.failures, UNREAD_POLL_MAX_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A hidden tab is not asked; becoming visible again asks at once (see the constructor).
      if (this.document.visibilityState !== 'hidden') {
        this.poll();
      }
    }, delay);
  }
}
