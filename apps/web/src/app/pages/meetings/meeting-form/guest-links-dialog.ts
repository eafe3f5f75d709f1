import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { GuestLinkDto } from '../../../api/generated/models/guest-link-dto';

/** The personal links of new guests, shown once after saving, each with a copy button. */
@Component({
  selector: 'srp-guest-links-dialog',
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle, MatIcon],
  template: `
    <h2 mat-dialog-title>Links für Ihre Gäste</h2>
    <mat-dialog-content>
      <p>
        Bitte leiten Sie den Link an den Gast weiter. Jeder Link ist persönlich und wird nur jetzt angezeigt; damit kann
        der Gast zu- oder absagen und den Termin in seinen Kalender übernehmen.
      </p>
      <ul class="links">
        @for (link of links; track link.email) {
          <li>
            <span class="email">{{ link.email }}</span>
            <code>{{ link.url }}</code>
            <button matButton="outlined" type="button" (click)="copy(link)">
              <mat-icon>content_copy</mat-icon>
              Kopieren<span class="srp-visually-hidden">: Link für {{ link.email }}</span>
            </button>
          </li>
        }
      </ul>
      <p class="srp-visually-hidden" role="status">{{ notice() }}</p>
      @if (notice()) {
        <p class="notice" aria-hidden="true">{{ notice() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton="filled" type="button" [mat-dialog-close]="undefined">Fertig</button>
    </mat-dialog-actions>
  `,
  styles: `
    .links {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }
    .email {
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
    .notice {
      margin: 1rem 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GuestLinksDialog {
  protected readonly links = inject<GuestLinkDto[]>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  protected readonly notice = signal('');

  protected copy(link: GuestLinkDto): void {
    this.notice.set(
      this.clipboard.copy(link.url)
        ? `Der Link für ${link.email} wurde kopiert.`
        : 'Das Kopieren hat nicht geklappt. Bitte markieren Sie den Link und kopieren Sie ihn selbst.',
    );
  }
}

/** Shows the guests' links once. */
export function openGuestLinks(dialog: MatDialog, links: GuestLinkDto[]): MatDialogRef<GuestLinksDialog> {
  return dialog.open(GuestLinksDialog, {
    data: links,
    width: '40rem',
    maxWidth: 'calc(100vw - 2rem)',
    disableClose: true,
    autoFocus: 'first-tabbable',
  });
}
