import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogRef } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { apiErrorBody, apiErrorCode, apiErrorText } from '../../shared/api-errors';

/** What went wrong, as the person reads it; `stale` offers to reload, `secondFactorMissing` links to the profile. */
export interface Problem {
  message: string;
  stale: boolean;
  /** The change was based on an old version of the entry (someone else changed it meanwhile). */
  versionConflict: boolean;
  secondFactorMissing: boolean;
  notFound: boolean;
}

function hasCurrentVersion(details: unknown): boolean {
  return typeof details === 'object' && details !== null && 'currentVersion' in details;
}

export function toProblem(error: unknown): Problem {
  const code = apiErrorCode(error);
  return {
    message: apiErrorText(error),
    stale: code === 'CONFLICT',
    versionConflict: code === 'CONFLICT' && hasCurrentVersion(apiErrorBody(error)?.details),
    secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
    notFound: code === 'NOT_FOUND',
  };
}

/**
 * An error box: the api's German message, plus "Neu laden" after a conflict (someone changed the
 * entry meanwhile) or a link to set up the second factor. Inside a dialog, following the link closes it.
 */
@Component({
  selector: 'srp-problem',
  imports: [MatButton, MatIcon, RouterLink],
  template: `
    @let current = problem();
    <div class="problem">
      <mat-icon>{{ current.secondFactorMissing ? 'shield_lock' : 'error' }}</mat-icon>
      <div>
        <p>{{ current.message }}</p>
        @if (current.secondFactorMissing) {
          <a routerLink="/profil" (click)="closeDialog()">Zwei-Faktor-Anmeldung im Profil einrichten</a>
        } @else if (current.stale && showReload()) {
          <button matButton="outlined" type="button" (click)="reload.emit()">
            <mat-icon>refresh</mat-icon>
            Neu laden
          </button>
        }
      </div>
    </div>
  `,
  styles: `
    .problem {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
    mat-icon {
      flex: none;
    }
    p {
      margin: 0.125rem 0 0;
    }
    p:not(:last-child) {
      margin-bottom: 0.5rem;
    }
    a {
      color: inherit;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemMessage {
  private readonly dialogRef = inject(MatDialogRef, { optional: true });

  readonly problem = input.required<Problem>();
  readonly showReload = input(true);
  readonly reload = output<void>();

  protected closeDialog(): void {
    this.dialogRef?.close();
  }
}
