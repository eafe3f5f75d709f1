import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { Observable } from 'rxjs';

export type ConflictChoice = 'reapply' | 'discard';

export interface ConflictDialogData {
  /** What the person tried, e.g. "Ihre Änderungen an Titel und Beschreibung". */
  change: string;
}

/**
 * Someone else saved the task first (409): offers to load the current state and apply the
 * person's change to it again, or to drop the change.
 */
@Component({
  selector: 'srp-conflict-dialog',
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Aufgabe inzwischen geändert</h2>
    <mat-dialog-content>
      <p>Diese Aufgabe wurde inzwischen geändert. Ihre Änderung wurde nicht gespeichert.</p>
      <p>
        Mit „Neu laden und erneut anwenden“ laden Sie den aktuellen Stand; {{ data.change }} wird darauf erneut
        angewendet.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="'discard'">Verwerfen</button>
      <button matButton="filled" type="button" data-initial-focus [mat-dialog-close]="'reapply'">
        Neu laden und erneut anwenden
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 0.75rem;
    }
    p:last-child {
      margin-bottom: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictDialog {
  protected readonly data = inject<ConflictDialogData>(MAT_DIALOG_DATA);
}

/** Asks what to do about a stale change; undefined when the dialog was closed with Escape. */
export function askAboutConflict(dialog: MatDialog, data: ConflictDialogData): Observable<ConflictChoice | undefined> {
  return dialog
    .open<ConflictDialog, ConflictDialogData, ConflictChoice>(ConflictDialog, {
      data,
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      role: 'alertdialog',
      // The safe choice has the focus: Enter keeps the person's change.
      autoFocus: '[data-initial-focus]',
      restoreFocus: true,
    })
    .afterClosed();
}
