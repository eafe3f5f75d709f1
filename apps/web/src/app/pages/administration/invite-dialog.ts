import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
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
import { RouterLink } from '@angular/router';
import { AccountRole, AccountsAdminService, NewInvitation } from '../../core/accounts-admin.service';
import { ROLE_LABELS } from '../../shared/account-labels';
import { apiErrorCode, apiErrorText, apiFieldErrors } from '../../shared/api-errors';

export interface InviteDialogData {
  /** The roles the inviting person may give (coordinators: members only). */
  roles: AccountRole[];
}

type InviteField = 'name' | 'email' | 'role';

/** "Person einladen": name, e-mail address and role; closes with the invitation once it is sent. */
@Component({
  selector: 'srp-invite-dialog',
  imports: [
    ReactiveFormsModule,
    RouterLink,
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
  ],
  templateUrl: './invite-dialog.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      padding-top: 0.5rem;
    }
    mat-form-field {
      width: 100%;
    }
    .intro {
      margin: 0 0 1rem;
    }
    .message {
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
    .message mat-icon {
      flex: none;
    }
    .message p {
      margin: 0;
    }
    .message a {
      color: inherit;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteDialog {
  private readonly admin = inject(AccountsAdminService);
  private readonly dialogRef = inject<MatDialogRef<InviteDialog, NewInvitation>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly roles = inject<InviteDialogData>(MAT_DIALOG_DATA).roles;
  protected readonly roleLabels = ROLE_LABELS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    role: [this.roles.includes('member') ? 'member' : this.roles[0], Validators.required],
  });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly secondFactorMissing = signal(false);
  protected readonly fieldErrors = signal<Partial<Record<InviteField, string>>>({});

  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');

  protected send(): void {
    if (this.sending()) {
      return;
    }
    this.error.set(null);
    this.secondFactorMissing.set(false);
    this.fieldErrors.set({});
    const controls = this.form.controls;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      (controls.name.invalid ? this.nameInput() : this.emailInput()).nativeElement.focus();
      return;
    }
    const { name, email, role } = this.form.getRawValue();
    const invitation: NewInvitation = { name: name.trim(), email: email.trim(), role };
    this.sending.set(true);
    this.admin
      .invite(invitation)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.dialogRef.close(invitation),
        error: (error: unknown) => {
          this.sending.set(false);
          if (apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED') {
            this.secondFactorMissing.set(true);
            return;
          }
          const fields: Partial<Record<InviteField, string>> = {};
          for (const detail of apiFieldErrors(error)) {
            if (detail.field === 'name' || detail.field === 'email' || detail.field === 'role') {
              fields[detail.field] ??= detail.message;
              controls[detail.field].setErrors({ server: detail.message });
              controls[detail.field].markAsTouched();
            }
          }
          this.fieldErrors.set(fields);
          this.error.set(apiErrorText(error));
          if (fields.name) {
            this.nameInput().nativeElement.focus();
          } else if (fields.email) {
            this.emailInput().nativeElement.focus();
          }
        },
      });
  }
}
