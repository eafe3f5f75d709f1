import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
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
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { Observable } from 'rxjs';

export interface CancelDialogData {
  title: string;
  /** Part of a series: offers "nur diesen" or "diesen und alle folgenden". */
  inSeries: boolean;
}

export interface CancelChoice {
  reason: string | null;
  scope: 'this' | 'following';
}

/** Asks for the reason of a cancellation and, in a series, whether the later meetings are cancelled too. */
@Component({
  selector: 'srp-cancel-meeting-dialog',
  imports: [
    FormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatRadioButton,
    MatRadioGroup,
  ],
  template: `
    <h2 mat-dialog-title>Termin absagen?</h2>
    <mat-dialog-content>
      <p>„{{ data.title }}“ wird abgesagt. Alle Eingeladenen erfahren es mit dem Grund.</p>
      <mat-form-field class="reason">
        <mat-label>Grund (optional)</mat-label>
        <textarea
          matInput
          rows="3"
          maxlength="500"
          [ngModel]="reason()"
          (ngModelChange)="reason.set($event)"
        ></textarea>
        <mat-hint>Zum Beispiel: „Wegen Krankheit; neuer Termin folgt.“</mat-hint>
      </mat-form-field>
      @if (data.inSeries) {
        <p id="scope-label" class="scope-label">Dieser Termin gehört zu einer Serie. Was möchten Sie absagen?</p>
        <mat-radio-group
          class="scope"
          aria-labelledby="scope-label"
          [ngModel]="scope()"
          (ngModelChange)="scope.set($event)"
        >
          <mat-radio-button value="this">Nur diesen Termin</mat-radio-button>
          <mat-radio-button value="following">Diesen und alle folgenden Termine</mat-radio-button>
        </mat-radio-group>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>Nicht absagen</button>
      <button matButton="filled" type="button" (click)="confirm()">Termin absagen</button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 1rem;
    }
    .reason {
      width: 100%;
    }
    .scope-label {
      margin-top: 1rem;
    }
    .scope {
      display: flex;
      flex-direction: column;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CancelMeetingDialog {
  protected readonly data = inject<CancelDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CancelMeetingDialog, CancelChoice>>(MatDialogRef);
  protected readonly reason = signal('');
  protected readonly scope = signal<'this' | 'following'>('this');

  protected confirm(): void {
    this.ref.close({ reason: this.reason().trim() || null, scope: this.scope() });
  }
}

/** Opens the cancellation dialog; emits the choice, or undefined when the person did not cancel. */
export function askCancel(dialog: MatDialog, data: CancelDialogData): Observable<CancelChoice | undefined> {
  return dialog
    .open<CancelMeetingDialog, CancelDialogData, CancelChoice>(CancelMeetingDialog, {
      data,
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    })
    .afterClosed();
}
