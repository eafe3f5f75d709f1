import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { GroupDetail, GroupsService, groupBadge } from '../../core/groups.service';
import { apiErrorText } from '../../shared/api-errors';

export const JOIN_MESSAGE_MAX_LENGTH = 1000;

/** "Mitarbeit anfragen": an optional note to the leads; sends the request and closes with the group. */
@Component({
  selector: 'srp-join-dialog',
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
    MatIcon,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Mitarbeit anfragen</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate class="dialog-form">
      <mat-dialog-content>
        <p>
          Sie möchten in der {{ label }} „{{ group.name }}“ mitarbeiten. Die Sprecherinnen und Sprecher der Gruppe oder
          die Koordination entscheiden über Ihre Anfrage; Sie erhalten dann eine E-Mail.
        </p>
        <div role="alert" class="status-region">
          @if (error(); as message) {
            <p class="message error">
              <mat-icon>error</mat-icon>
              <span>{{ message }}</span>
            </p>
          }
        </div>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Nachricht an die Gruppe (optional)</mat-label>
          <textarea
            matInput
            [formControl]="message"
            cdkTextareaAutosize
            cdkAutosizeMinRows="3"
            cdkAutosizeMaxRows="8"
            [attr.maxlength]="maxLength"
          ></textarea>
          <mat-hint>z. B. woran Ihre Kommune gerade arbeitet</mat-hint>
          <mat-hint align="end">{{ message.value.length }} / {{ maxLength }}</mat-hint>
          @if (message.hasError('maxlength')) {
            <mat-error>Die Nachricht darf höchstens {{ maxLength }} Zeichen lang sein.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
        <button matButton="filled" type="submit" [aria-disabled]="sending()">
          @if (sending()) {
            Wird gesendet …
          } @else {
            Anfrage senden
          }
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './feedback.scss',
  styles: `
    .dialog-form {
      display: contents;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JoinDialog {
  protected readonly group = inject<GroupDetail>(MAT_DIALOG_DATA);
  private readonly groups = inject(GroupsService);
  private readonly dialogRef = inject<MatDialogRef<JoinDialog, GroupDetail>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly maxLength = JOIN_MESSAGE_MAX_LENGTH;
  protected readonly label = groupBadge(this.group).startsWith('UAG') ? 'Unterarbeitsgruppe' : 'Gruppe';
  protected readonly message = new FormControl('', {
    nonNullable: true,
    validators: Validators.maxLength(JOIN_MESSAGE_MAX_LENGTH),
  });
  protected readonly form = new FormGroup({ message: this.message });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected send(): void {
    if (this.sending()) {
      return;
    }
    if (this.message.invalid) {
      this.message.markAsTouched();
      return;
    }
    this.error.set(null);
    this.sending.set(true);
    this.groups
      .join(this.group.id, this.message.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (group) => {
          this.sending.set(false);
          this.dialogRef.close(group);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }
}
