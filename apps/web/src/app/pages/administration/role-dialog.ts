import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { PLATFORM_ROLES } from '@srp/contracts';
import { AccountRole, AccountSummary } from '../../core/accounts-admin.service';
import { ROLE_LABELS } from '../../shared/account-labels';

/** "Rolle ändern" for one person; closes with the new role, or nothing when cancelled or unchanged. */
@Component({
  selector: 'srp-role-dialog',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatFormField,
    MatInput,
    MatLabel,
  ],
  template: `
    <h2 mat-dialog-title>Rolle ändern</h2>
    <mat-dialog-content>
      <p>Welche Rolle soll {{ account.name }} haben? Die Änderung gilt ab der nächsten Anfrage der Person.</p>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Rolle</mat-label>
        <select matNativeControl [formControl]="role">
          @for (option of roles; track option) {
            <option [value]="option">{{ labels[option] }}</option>
          }
        </select>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button matButton="filled" type="button" (click)="save()">Rolle speichern</button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 1rem;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleDialog {
  protected readonly account = inject<AccountSummary>(MAT_DIALOG_DATA);
  protected readonly roles = PLATFORM_ROLES;
  protected readonly labels = ROLE_LABELS;
  protected readonly role = new FormControl<AccountRole>(this.account.role, { nonNullable: true });
  private readonly dialogRef = inject<MatDialogRef<RoleDialog, AccountRole>>(MatDialogRef);

  protected save(): void {
    this.dialogRef.close(this.role.value !== this.account.role ? this.role.value : undefined);
  }
}
