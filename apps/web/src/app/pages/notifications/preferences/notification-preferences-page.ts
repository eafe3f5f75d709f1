import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import {
  CHANNEL_LABELS,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
  NotificationKind,
  NotificationPreference,
  NotificationsService,
  PreferenceChoice,
} from '../../../core/notifications.service';
import { apiErrorText, apiFieldErrors } from '../../../shared/api-errors';

/** A kind's setting as chosen on this page: a channel of one's own, or the coordinators' default. */
export type Choice = NotificationChannel | 'default';

interface Row extends NotificationPreference {
  /** As saved. */
  saved: Choice;
  /** As chosen on the page (saved with "Speichern"). */
  choice: Choice;
}

type PageState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'loaded' };

function toRows(items: NotificationPreference[]): Row[] {
  return items.map((item) => {
    const saved: Choice = item.own && !item.mandatory ? item.channel : 'default';
    return { ...item, saved, choice: saved };
  });
}

/**
 * `/profil/benachrichtigungen`: for each kind of notification, by e-mail and in the portal, only
 * in the portal, or not at all; or the coordinators' default ("Standard"). Invitations and
 * cancellations always arrive by e-mail.
 */
@Component({
  selector: 'srp-notification-preferences-page',
  imports: [MatButton, MatIcon, MatProgressBar, MatRadioButton, MatRadioGroup, RouterLink],
  templateUrl: './notification-preferences-page.html',
  styleUrls: ['../../working-groups/feedback.scss', './notification-preferences-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationPreferencesPage {
  private readonly notifications = inject(NotificationsService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly channels = NOTIFICATION_CHANNELS;
  protected readonly channelLabels = CHANNEL_LABELS;

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly rows = signal<Row[]>([]);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly changed = computed(() => this.rows().filter((row) => row.choice !== row.saved));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.notifications
      .preferences()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.rows.set(toRows(items));
          this.state.set({ status: 'loaded' });
        },
        error: (error: unknown) => this.state.set({ status: 'error', message: apiErrorText(error) }),
      });
  }

  /** The channel the radio buttons show: the own choice, or the default it follows. */
  protected shown(row: Row): NotificationChannel {
    return row.choice === 'default' ? row.defaultChannel : row.choice;
  }

  protected choose(row: Row, channel: NotificationChannel): void {
    // Back to what the default says, from the default: still the default, not a choice of one's own.
    this.update(row.kind, row.saved === 'default' && channel === row.defaultChannel ? 'default' : channel);
  }

  protected reset(kind: NotificationKind): void {
    this.update(kind, 'default');
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.save();
  }

  protected save(): void {
    const changed = this.changed();
    if (this.saving() || changed.length === 0) {
      return;
    }
    this.error.set(null);
    this.saving.set(true);
    const choices: PreferenceChoice[] = changed.map((row) => ({ kind: row.kind, channel: row.choice }));
    this.notifications
      .updatePreferences(choices)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.saving.set(false);
          this.rows.set(toRows(items));
          this.snackBar.open('Ihre Einstellungen wurden gespeichert.', 'Schließen', {
            duration: 6000,
            politeness: 'polite',
          });
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const details = apiFieldErrors(error).map((d) => d.message);
          this.error.set(
            `Ihre Einstellungen wurden nicht gespeichert. ${details.length ? details.join(' ') : apiErrorText(error)}`,
          );
        },
      });
  }

  private update(kind: NotificationKind, choice: Choice): void {
    this.rows.update((rows) => rows.map((row) => (row.kind === kind && !row.mandatory ? { ...row, choice } : row)));
  }
}
