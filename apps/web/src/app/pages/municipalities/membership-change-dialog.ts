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
import { MatInput } from '@angular/material/input';
import { MembershipStatus, OrganizationDetail, OrganizationsService } from '../../core/organizations.service';
import { apiFieldErrors } from '../../shared/api-errors';
import { MEMBERSHIP_STATUS_LABELS } from '../../shared/organization-labels';
import { berlinToday, targetLabel } from './membership-rules';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface MembershipChangeData {
  organization: OrganizationDetail;
  /** The statuses the person may choose (see membershipTargets). */
  targets: MembershipStatus[];
}

export type MembershipChangeResult = OrganizationDetail | 'reload';

const HINTS: Partial<Record<MembershipStatus, string>> = {
  active: 'Die Kommune arbeitet (wieder) aktiv mit; ihre Leute können in Arbeitsgruppen mitarbeiten.',
  paused: 'Die Mitarbeit ruht vorübergehend, zum Beispiel während einer Haushaltssperre.',
  ended: 'Die Kommune scheidet aus der Landesinitiative aus. Sie kann später erneut anfragen.',
  interested: 'Die Kommune möchte die Landesinitiative kennenlernen, bevor sie Mitglied wird.',
};

/** "Mitgliedschaft ändern": the new status, a reason and the date it takes effect. */
@Component({
  selector: 'srp-membership-change-dialog',
  imports: [
    ReactiveFormsModule,
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
    ProblemMessage,
  ],
  template: `
    <h2 mat-dialog-title>Mitgliedschaft ändern</h2>
    <mat-dialog-content>
      <p class="intro">
        Derzeit: <strong>{{ labels[data.organization.membershipStatus] }}</strong
        >. Die Änderung erscheint mit Ihrer Begründung im Verlauf von {{ data.organization.displayName }}.
      </p>
      <div role="alert">
        @if (problem(); as current) {
          <srp-problem [problem]="current" (reload)="reload()" />
        }
      </div>
      <form id="membership-change-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <fieldset>
          <legend>Neuer Status</legend>
          <div class="choices">
            @for (target of data.targets; track target) {
              <label class="choice">
                <input #firstChoice type="radio" formControlName="status" [value]="target" />
                <span>
                  {{ targetLabel(target) }}
                  @if (hints[target]; as hint) {
                    <span class="choice-hint">{{ hint }}</span>
                  }
                </span>
              </label>
            }
          </div>
          @if (form.controls.status.touched && form.controls.status.hasError('required')) {
            <p class="field-error" role="alert">Bitte wählen Sie den neuen Status.</p>
          }
        </fieldset>

        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Begründung</mat-label>
          <textarea matInput #reasonInput rows="3" formControlName="reason" required maxlength="2000"></textarea>
          <mat-hint>Zum Beispiel „Pause während der Haushaltskonsolidierung“</mat-hint>
          @if (form.controls.reason.hasError('required') || form.controls.reason.hasError('pattern')) {
            <mat-error>Bitte begründen Sie die Änderung.</mat-error>
          } @else if (form.controls.reason.hasError('server')) {
            <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Gültig ab</mat-label>
          <input matInput #dateInput type="date" formControlName="effectiveOn" required />
          <mat-hint>Das Datum, ab dem der neue Status gilt</mat-hint>
          @if (form.controls.effectiveOn.hasError('required')) {
            <mat-error>Bitte geben Sie ein Datum an (TT.MM.JJJJ).</mat-error>
          } @else if (form.controls.effectiveOn.hasError('server')) {
            <mat-error>{{ form.controls.effectiveOn.getError('server') }}</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button matButton="filled" type="submit" form="membership-change-form" [aria-disabled]="saving()">
        {{ saving() ? 'Wird gespeichert …' : 'Änderung speichern' }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembershipChangeDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<MembershipChangeDialog, MembershipChangeResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<MembershipChangeData>(MAT_DIALOG_DATA);
  protected readonly labels = MEMBERSHIP_STATUS_LABELS;
  protected readonly hints = HINTS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    status: [
      this.data.targets.length === 1 ? this.data.targets[0] : ('' as MembershipStatus | ''),
      Validators.required,
    ],
    reason: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(2000)]],
    effectiveOn: [berlinToday(), Validators.required],
  });
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  private readonly firstChoice = viewChild<ElementRef<HTMLInputElement>>('firstChoice');
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reasonInput');
  private readonly dateInput = viewChild.required<ElementRef<HTMLInputElement>>('dateInput');

  protected targetLabel(to: MembershipStatus): string {
    return targetLabel(this.data.organization.membershipStatus, to);
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.problem.set(null);
    const controls = this.form.controls;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      if (controls.status.invalid) {
        this.firstChoice()?.nativeElement.focus();
      } else if (controls.reason.invalid) {
        this.reasonInput().nativeElement.focus();
      } else {
        this.dateInput().nativeElement.focus();
      }
      return;
    }
    const { status, reason, effectiveOn } = this.form.getRawValue();
    const organization = this.data.organization;
    this.saving.set(true);
    this.organizations
      .changeMembership(organization.id, {
        status: status as MembershipStatus,
        reason: reason.trim(),
        effectiveOn,
        version: organization.version,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => this.dialogRef.close(updated),
        error: (error: unknown) => {
          this.saving.set(false);
          for (const detail of apiFieldErrors(error)) {
            if (detail.field === 'reason' || detail.field === 'effectiveOn') {
              controls[detail.field].setErrors({ server: detail.message });
              controls[detail.field].markAsTouched();
            }
          }
          this.problem.set(toProblem(error));
        },
      });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }
}
