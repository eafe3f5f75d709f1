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
import { OrganizationDetail, OrganizationsService, Person } from '../../core/organizations.service';
import { apiFieldErrors } from '../../shared/api-errors';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface PersonInviteData {
  organization: OrganizationDetail;
  /** Coordinators may name the person a contact (kommunale Ansprechperson) right away. */
  mayNameContact: boolean;
}

type Field = 'name' | 'email' | 'functionTitle';

/** "Kollegin oder Kollegen einladen": name, e-mail, function; closes with the invited person. */
@Component({
  selector: 'srp-person-invite-dialog',
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
    <h2 mat-dialog-title>Kollegin oder Kollegen einladen</h2>
    <mat-dialog-content>
      <p class="intro">
        Die Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt; der Link ist sieben Tage
        gültig. Sie gehört dann zu {{ data.organization.displayName }}.
      </p>
      <div role="alert">
        @if (problem(); as current) {
          <srp-problem [problem]="current" [showReload]="false" />
        }
      </div>
      <form id="person-invite-form" [formGroup]="form" (ngSubmit)="send()" novalidate>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Name</mat-label>
          <input matInput #nameInput formControlName="name" autocomplete="off" required />
          @if (form.controls.name.hasError('required') || form.controls.name.hasError('pattern')) {
            <mat-error>Bitte geben Sie den Namen ein.</mat-error>
          } @else if (form.controls.name.hasError('maxlength')) {
            <mat-error>Der Name darf höchstens 200 Zeichen lang sein.</mat-error>
          } @else if (form.controls.name.hasError('server')) {
            <mat-error>{{ form.controls.name.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>E-Mail-Adresse</mat-label>
          <input
            matInput
            #emailInput
            type="email"
            formControlName="email"
            autocomplete="off"
            inputmode="email"
            spellcheck="false"
            required
          />
          @if (form.controls.email.hasError('required')) {
            <mat-error>Bitte geben Sie die E-Mail-Adresse ein.</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name&#64;kommune.de.</mat-error>
          } @else if (form.controls.email.hasError('server')) {
            <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Funktion (optional)</mat-label>
          <input matInput #functionInput formControlName="functionTitle" autocomplete="off" />
          <mat-hint>Zum Beispiel „Sachgebiet Digitalisierung“</mat-hint>
          @if (form.controls.functionTitle.hasError('maxlength')) {
            <mat-error>Die Funktion darf höchstens 200 Zeichen lang sein.</mat-error>
          } @else if (form.controls.functionTitle.hasError('server')) {
            <mat-error>{{ form.controls.functionTitle.getError('server') }}</mat-error>
          }
        </mat-form-field>
        @if (data.mayNameContact) {
          <label class="choice">
            <input type="checkbox" formControlName="isContact" />
            <span>
              Als Ansprechperson benennen
              <span class="choice-hint">
                Ansprechpersonen verwalten die Mitgliedschaft und laden weitere Kolleginnen und Kollegen ein.
              </span>
            </span>
          </label>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button matButton="filled" type="submit" form="person-invite-form" [aria-disabled]="sending()">
        {{ sending() ? 'Einladung wird gesendet …' : 'Einladung senden' }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonInviteDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<PersonInviteDialog, Person>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<PersonInviteData>(MAT_DIALOG_DATA);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    functionTitle: ['', Validators.maxLength(200)],
    isContact: [false],
  });
  protected readonly sending = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly functionInput = viewChild.required<ElementRef<HTMLInputElement>>('functionInput');

  protected send(): void {
    if (this.sending()) {
      return;
    }
    this.problem.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const { name, email, functionTitle, isContact } = this.form.getRawValue();
    this.sending.set(true);
    this.organizations
      .invitePerson(this.data.organization.id, {
        name: name.trim(),
        email: email.trim(),
        functionTitle: functionTitle.trim() || undefined,
        isContact: this.data.mayNameContact && isContact ? true : undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (person) => this.dialogRef.close(person),
        error: (error: unknown) => {
          this.sending.set(false);
          for (const detail of apiFieldErrors(error)) {
            const field = detail.field as Field;
            if (field === 'name' || field === 'email' || field === 'functionTitle') {
              this.form.controls[field].setErrors({ server: detail.message });
              this.form.controls[field].markAsTouched();
            }
          }
          this.problem.set(toProblem(error));
          this.focusFirstInvalid();
        },
      });
  }

  private focusFirstInvalid(): void {
    const controls = this.form.controls;
    if (controls.name.invalid) {
      this.nameInput().nativeElement.focus();
    } else if (controls.email.invalid) {
      this.emailInput().nativeElement.focus();
    } else if (controls.functionTitle.invalid) {
      this.functionInput().nativeElement.focus();
    }
  }
}
