import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
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
import { TASK_LIMITS } from '@srp/contracts';
import { Observable } from 'rxjs';

export interface BlockReasonDialogData {
  /** The task's title, to say which task is meant. */
  title: string;
  /** The reason given before, when the task is blocked already. */
  reason?: string | null;
}

/** "Blockiert" needs a reason (the api refuses the status without one); returns it trimmed. */
@Component({
  selector: 'srp-block-reason-dialog',
  imports: [
    CdkTextareaAutosize,
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
    <h2 mat-dialog-title>Warum ist die Aufgabe blockiert?</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate class="dialog-form">
      <mat-dialog-content>
        <p class="intro">
          „{{ data.title }}“ wird auf „Blockiert“ gesetzt. Schreiben Sie kurz, woran es hängt, damit die Gruppe helfen
          kann.
        </p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Grund der Blockade</mat-label>
          <textarea
            matInput
            [formControl]="reason"
            required
            cdkTextareaAutosize
            cdkAutosizeMinRows="3"
            cdkAutosizeMaxRows="8"
            [attr.maxlength]="maxLength"
          ></textarea>
          <mat-hint>z. B. „Wartet auf den Förderbescheid“</mat-hint>
          @if (reason.hasError('required') || reason.hasError('pattern')) {
            <mat-error>Bitte geben Sie einen Grund an.</mat-error>
          } @else if (reason.hasError('maxlength')) {
            <mat-error>Der Grund darf höchstens {{ maxLength }} Zeichen lang sein.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
        <button matButton="filled" type="submit">Auf „Blockiert“ setzen</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-form {
      display: contents;
    }
    .intro {
      margin: 0 0 1rem;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BlockReasonDialog {
  protected readonly data = inject<BlockReasonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<BlockReasonDialog, string>>(MatDialogRef);

  protected readonly maxLength = TASK_LIMITS.blockedReason;
  protected readonly reason = new FormControl(this.data.reason ?? '', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(TASK_LIMITS.blockedReason)],
  });
  protected readonly form = new FormGroup({ reason: this.reason });

  protected confirm(): void {
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      return;
    }
    this.dialogRef.close(this.reason.value.trim());
  }
}

/** Asks for the reason; emits it, or undefined when the person cancelled. */
export function askBlockReason(
  dialog: MatDialog,
  data: BlockReasonDialogData,
  options: { restoreFocus?: boolean } = {},
): Observable<string | undefined> {
  return dialog
    .open<BlockReasonDialog, BlockReasonDialogData, string>(BlockReasonDialog, {
      data,
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
      // The board puts the focus on the moved card itself.
      restoreFocus: options.restoreFocus ?? true,
    })
    .afterClosed();
}
