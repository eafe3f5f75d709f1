import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButton } from '@angular/material/button';
import {
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { filter, switchMap } from 'rxjs';
import { CalendarFeed, MeetingsService, berlinDate, berlinTime } from '../../../core/meetings.service';
import { apiErrorText } from '../../../shared/api-errors';
import { confirmAction } from '../../../shared/confirm-dialog/confirm-dialog';

/** One address to copy: the personal feed or a group's. */
export interface FeedAddress {
  label: string;
  url: string;
}

/** The addresses a fresh feed opens: the personal one, then one per group (`…/<token>/groups/<id>.ics`). */
export function feedAddresses(feed: CalendarFeed): FeedAddress[] {
  if (!feed.url) return [];
  const base = feed.url.replace(/\.ics$/, '');
  return [
    { label: 'Meine Termine', url: feed.url },
    ...feed.groups.map((group) => ({ label: `Arbeitsgruppe ${group.name}`, url: `${base}/groups/${group.id}.ics` })),
  ];
}

type Status = { status: 'loading' } | { status: 'loaded' } | { status: 'error'; message: string };

/**
 * "Kalender abonnieren": the private address for Outlook and other calendar apps. Shows whether
 * one exists and when it was last used; creating or renewing shows the new address once.
 */
@Component({
  selector: 'srp-calendar-subscription-dialog',
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle, MatIcon, MatProgressBar],
  template: `
    <h2 mat-dialog-title>Kalender abonnieren</h2>
    <mat-dialog-content>
      <p>
        Mit einer persönlichen Adresse sehen Sie Ihre Termine in Outlook, im Kalender Ihres Telefons oder in einer
        anderen Kalender-App; Änderungen erscheinen dort automatisch.
      </p>
      <p class="warning">
        Diese Adresse ist persönlich. Wer sie kennt, sieht Ihre Termine (ohne Teilnehmende). Sie können sie jederzeit
        erneuern; die alte Adresse funktioniert dann nicht mehr.
      </p>

      <div role="status" class="status-region">
        @if (notice(); as text) {
          <p class="message success">
            <mat-icon>check_circle</mat-icon>
            <span>{{ text }}</span>
          </p>
        }
      </div>
      <div role="alert" class="status-region">
        @if (error(); as message) {
          <p class="message error">
            <mat-icon>error</mat-icon>
            <span>{{ message }}</span>
          </p>
        }
      </div>

      @let st = state();
      @let f = feed();
      @if (st.status === 'loading') {
        <mat-progress-bar mode="indeterminate" aria-label="Der Stand wird geladen" />
      } @else if (st.status === 'error') {
        <p class="message error">
          <mat-icon>error</mat-icon>
          <span>Der Stand konnte nicht geladen werden. {{ st.message }}</span>
        </p>
      } @else if (f) {
        <h3>Stand</h3>
        @if (f.active) {
          <p class="state">
            Sie haben eine Adresse{{ f.createdAt ? ', erzeugt am ' + when(f.createdAt) : '' }}.
            {{ f.lastUsedAt ? 'Zuletzt abgerufen am ' + when(f.lastUsedAt) + '.' : 'Sie wurde noch nicht abgerufen.' }}
          </p>
        } @else {
          <p class="state">Sie haben noch keine Adresse (oder sie wurde widerrufen).</p>
        }

        @if (addresses().length > 0) {
          <h3>Ihre neue Adresse</h3>
          <p>
            Kopieren Sie die Adresse jetzt und fügen Sie sie in Ihrer Kalender-App als „Kalender aus dem Internet“ ein.
            Sie wird nur dieses eine Mal angezeigt.
          </p>
          <ul class="addresses">
            @for (address of addresses(); track address.url) {
              <li>
                <span class="label">{{ address.label }}</span>
                <code>{{ address.url }}</code>
                <button matButton="outlined" type="button" (click)="copy(address)">
                  <mat-icon>content_copy</mat-icon>
                  Kopieren<span class="srp-visually-hidden">: {{ address.label }}</span>
                </button>
              </li>
            }
          </ul>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (feed()?.active) {
        <button matButton type="button" [disabled]="busy()" (click)="revoke()">Adresse widerrufen</button>
      }
      @if (feed(); as f) {
        <button matButton="outlined" type="button" [disabled]="busy()" (click)="renew()">
          {{ f.active ? 'Neue Adresse erzeugen' : 'Adresse erzeugen' }}
        </button>
      }
      <button matButton="filled" type="button" [mat-dialog-close]="undefined">Schließen</button>
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../working-groups/feedback';

    .warning {
      padding: 0.75rem 1rem;
      border-left: 4px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container-high);
    }
    h3 {
      margin: 1rem 0 0.5rem;
      font: var(--mat-sys-title-small);
    }
    .addresses {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .addresses li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }
    .label {
      flex-basis: 100%;
      font: var(--mat-sys-label-large);
    }
    code {
      flex: 1 1 16rem;
      padding: 0.375rem 0.5rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface-container-highest);
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarSubscriptionDialog {
  private readonly meetings = inject(MeetingsService);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<Status>({ status: 'loading' });
  protected readonly feed = signal<CalendarFeed | null>(null);
  protected readonly addresses = signal<FeedAddress[]>([]);
  protected readonly busy = signal(false);
  protected readonly notice = signal('');
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.meetings
      .feed()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (feed) => {
          this.feed.set(feed);
          this.state.set({ status: 'loaded' });
        },
        error: (error: unknown) => this.state.set({ status: 'error', message: apiErrorText(error) }),
      });
  }

  protected when(iso: string): string {
    return `${berlinDate(iso)}, ${berlinTime(iso)} Uhr`;
  }

  protected renew(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.notice.set('');
    this.meetings
      .renewFeed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (feed) => {
          this.busy.set(false);
          this.feed.set(feed);
          this.addresses.set(feedAddresses(feed));
          this.notice.set('Die neue Adresse wurde erzeugt. Eine frühere Adresse funktioniert nicht mehr.');
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }

  protected revoke(): void {
    if (this.busy()) return;
    confirmAction(this.dialog, {
      title: 'Adresse widerrufen?',
      message:
        'Kalender-Apps, die diese Adresse abonniert haben, erhalten danach keine Termine mehr. Sie können später eine neue Adresse erzeugen.',
      confirmLabel: 'Adresse widerrufen',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(true);
          this.error.set(null);
          this.notice.set('');
          return this.meetings.revokeFeed();
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.feed.update((feed) => (feed ? { ...feed, active: false, url: null, lastUsedAt: null } : feed));
          this.addresses.set([]);
          this.notice.set('Die Adresse wurde widerrufen.');
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }

  protected copy(address: FeedAddress): void {
    const copied = this.clipboard.copy(address.url);
    this.notice.set(
      copied
        ? `Die Adresse „${address.label}“ wurde kopiert.`
        : 'Das Kopieren hat nicht geklappt. Bitte markieren Sie die Adresse und kopieren Sie sie selbst.',
    );
  }
}

/** Opens "Kalender abonnieren". */
export function openCalendarSubscription(dialog: MatDialog): MatDialogRef<CalendarSubscriptionDialog> {
  return dialog.open(CalendarSubscriptionDialog, {
    width: '40rem',
    maxWidth: 'calc(100vw - 2rem)',
    autoFocus: 'first-heading',
    restoreFocus: true,
  });
}
