import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../../core/auth.service';
import {
  MANDATORY_EXPLANATION,
  NotificationChannel,
  NotificationsService,
  TokenPreference,
} from '../../../core/notifications.service';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';

type PageState =
  | { status: 'loading' }
  | { status: 'invalid' }
  | { status: 'error'; message: string }
  | { status: 'loaded'; preference: TokenPreference };

/** One sentence per channel: what the person gets now. */
export const CHANNEL_SENTENCES: Record<NotificationChannel, string> = {
  email: 'Sie erhalten eine E-Mail und sehen die Benachrichtigung im Portal.',
  in_app: 'Sie sehen die Benachrichtigung nur im Portal, ohne E-Mail.',
  off: 'Sie erhalten dazu keine Benachrichtigungen.',
};

/** What a button of this page sets, in the order shown; the current setting's button is left out. */
export const TOKEN_ACTIONS: ReadonlyArray<{ channel: NotificationChannel; label: string; done: string }> = [
  { channel: 'in_app', label: 'Nur noch im Portal anzeigen', done: 'sehen Sie jetzt nur noch im Portal.' },
  { channel: 'off', label: 'Ganz abbestellen', done: 'haben Sie abbestellt.' },
  { channel: 'email', label: 'Wieder per E-Mail', done: 'erhalten Sie wieder per E-Mail.' },
];

/**
 * `/benachrichtigungen/:token`, the link in every notification e-mail (no sign-in: the signed
 * token names the person and the kind). Opening it changes nothing (mail scanners open links
 * too); only a button does.
 */
@Component({
  selector: 'srp-notification-token-page',
  imports: [MatButton, MatIcon, MatProgressBar, RouterLink],
  templateUrl: './notification-token-page.html',
  styleUrls: ['../../../shared/panel-page.scss', './notification-token-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationTokenPage {
  /** The signed token from the route. */
  readonly token = input.required<string>();

  private readonly notifications = inject(NotificationsService);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);

  /** Signed-in people go straight to all settings; others sign in first. */
  protected readonly signedIn = inject(AuthService).signedIn;
  protected readonly sentences = CHANNEL_SENTENCES;
  protected readonly mandatoryExplanation = MANDATORY_EXPLANATION;
  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly sending = signal<NotificationChannel | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly actions = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? TOKEN_ACTIONS.filter((a) => a.channel !== state.preference.channel) : [];
  });

  constructor() {
    toObservable(this.token)
      .pipe(takeUntilDestroyed())
      .subscribe((token) => this.load(token));
  }

  protected load(token = this.token()): void {
    this.state.set({ status: 'loading' });
    this.notifications
      .viewToken(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (preference) => {
          this.state.set({ status: 'loaded', preference });
          this.title.setTitle(`Benachrichtigungen für „${preference.label}“ – ${PRODUCT_NAME}`);
        },
        error: (error: unknown) => {
          const invalid = error instanceof HttpErrorResponse && error.status === 404;
          this.state.set(invalid ? { status: 'invalid' } : { status: 'error', message: apiErrorText(error) });
          this.title.setTitle(`${invalid ? 'Ungültiger Link' : 'Benachrichtigungen'} – ${PRODUCT_NAME}`);
        },
      });
  }

  protected apply(action: (typeof TOKEN_ACTIONS)[number]): void {
    if (this.sending()) {
      return;
    }
    this.sending.set(action.channel);
    this.notice.set(null);
    this.error.set(null);
    this.notifications
      .applyToken(this.token(), action.channel)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (preference) => {
          this.sending.set(null);
          this.state.set({ status: 'loaded', preference });
          this.notice.set(`Gespeichert: Benachrichtigungen zu „${preference.label}“ ${action.done}`);
        },
        error: (error: unknown) => {
          this.sending.set(null);
          if (apiErrorCode(error) === 'NOT_FOUND') {
            this.state.set({ status: 'invalid' });
          } else {
            this.error.set(apiErrorText(error));
          }
        },
      });
  }
}
