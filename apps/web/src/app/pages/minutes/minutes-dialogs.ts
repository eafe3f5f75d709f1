import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
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
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Observable } from 'rxjs';
import { berlinDay } from '../../core/meetings.service';

/** Review period offered by default: one week. */
const DEFAULT_REVIEW_DAYS = 7;
/** The api accepts deadlines up to this many days ahead. */
const MAX_REVIEW_DAYS = 60;

/** The Berlin calendar day `days` days after today, as YYYY-MM-DD. */
export function berlinDayFromToday(days: number, now = new Date()): string {
  return berlinDay(new Date(now.getTime() + days * 24 * 60 * 60 * 1000));
}

/** "Zur Abstimmung geben": asks for the last day to approve (default in one week). */
@Component({
  selector: 'srp-submit-minutes-dialog',
  imports: [
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Zur Abstimmung geben</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>
          Alle als anwesend Erfassten werden gebeten, dem Protokoll bis zur Frist zuzustimmen. Bis dahin können Sie es
          nicht mehr bearbeiten, aber jederzeit in den Entwurf zurückholen.
        </p>
        <mat-form-field appearance="outline" class="full">
          <mat-label>Zustimmung bis (einschließlich)</mat-label>
          <input matInput type="date" [formControl]="deadline" [min]="today" [max]="latest" required />
          <mat-hint>Höchstens 60 Tage ab heute.</mat-hint>
          @if (deadline.invalid) {
            <mat-error>Bitte wählen Sie ein Datum zwischen heute und in 60 Tagen.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
        <button matButton="filled" type="submit">Zur Abstimmung geben</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      margin: 0 0 1rem;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmitMinutesDialog {
  private readonly ref = inject<MatDialogRef<SubmitMinutesDialog, string>>(MatDialogRef);
  protected readonly today = berlinDayFromToday(0);
  protected readonly latest = berlinDayFromToday(MAX_REVIEW_DAYS);
  protected readonly deadline = new FormControl(berlinDayFromToday(DEFAULT_REVIEW_DAYS), {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)],
  });
  protected readonly form = new FormGroup({ deadline: this.deadline });

  protected confirm(): void {
    const value = this.deadline.value;
    // ISO days compare correctly as strings.
    if (this.deadline.invalid || value < this.today || value > this.latest) {
      this.deadline.setErrors({ range: true });
      this.deadline.markAsTouched();
      return;
    }
    this.ref.close(value);
  }
}

/** Opens the submit dialog; emits the chosen deadline (YYYY-MM-DD) or undefined when cancelled. */
export function askReviewDeadline(dialog: MatDialog): Observable<string | undefined> {
  return dialog
    .open<SubmitMinutesDialog, void, string>(SubmitMinutesDialog, {
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      restoreFocus: true,
    })
    .afterClosed();
}

/** "Neue Fassung anlegen": asks why the released minutes change. */
@Component({
  selector: 'srp-revise-minutes-dialog',
  imports: [
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Neue Fassung anlegen</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>
          Die freigegebene Fassung {{ data.revision }} bleibt sichtbar, bis die neue Fassung freigegeben ist. Die neue
          Fassung wird wieder abgestimmt.
        </p>
        <mat-form-field appearance="outline" class="full">
          <mat-label>Grund der Änderung</mat-label>
          <textarea matInput rows="3" [formControl]="note" required></textarea>
          @if (note.invalid) {
            <mat-error>Bitte geben Sie an, warum das Protokoll geändert wird.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
        <button matButton="filled" type="submit">Neue Fassung anlegen</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      margin: 0 0 1rem;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviseMinutesDialog {
  protected readonly data = inject<{ revision: number }>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReviseMinutesDialog, string>>(MatDialogRef);
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });
  protected readonly form = new FormGroup({ note: this.note });

  protected confirm(): void {
    if (this.note.invalid) {
      this.note.markAsTouched();
      return;
    }
    this.ref.close(this.note.value.trim());
  }
}

/** Opens the revise dialog; emits the change note or undefined when cancelled. */
export function askChangeNote(dialog: MatDialog, revision: number): Observable<string | undefined> {
  return dialog
    .open<ReviseMinutesDialog, { revision: number }, string>(ReviseMinutesDialog, {
      data: { revision },
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      restoreFocus: true,
    })
    .afterClosed();
}
