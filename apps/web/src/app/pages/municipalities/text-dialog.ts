import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
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
import { Observable } from 'rxjs';
import { apiFieldErrors } from '../../shared/api-errors';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface TextDialogData<T> {
  title: string;
  /** One or two sentences on what happens. */
  intro: string;
  /** Context to read before writing, e.g. the request being decided. */
  quote?: { label: string; text: string };
  label: string;
  hint?: string;
  /** Without it the text is optional. */
  requiredMessage?: string;
  maxLength: number;
  submitLabel: string;
  busyLabel: string;
  /** A destructive action gets the error colour on its button. */
  destructive?: boolean;
  submit: (text: string) => Observable<T>;
}

/** Closes with the answer of `submit`, or 'reload' after a conflict. */
export type TextDialogResult<T> = T | 'reload';

/**
 * A dialog with one text (a reason or a message) and one action: request membership, approve or
 * decline a request, retire an organisation. Shows the api's answer when it fails.
 */
@Component({
  selector: 'srp-text-dialog',
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
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="intro">{{ data.intro }}</p>
      @if (data.quote; as quote) {
        <div class="facts">
          <p class="muted">{{ quote.label }}</p>
          <p class="quote">{{ quote.text }}</p>
        </div>
      }
      <div role="alert">
        @if (problem(); as current) {
          <srp-problem [problem]="current" (reload)="reload()" />
        }
      </div>
      <form id="text-dialog-form" [formGroup]="form" (ngSubmit)="send()" novalidate>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ data.label }}</mat-label>
          <textarea
            matInput
            #textInput
            rows="4"
            formControlName="text"
            [required]="!!data.requiredMessage"
            [attr.maxlength]="data.maxLength"
          ></textarea>
          @if (data.hint) {
            <mat-hint>{{ data.hint }}</mat-hint>
          }
          @if (text.hasError('required')) {
            <mat-error>{{ data.requiredMessage }}</mat-error>
          } @else if (text.hasError('maxlength')) {
            <mat-error>Der Text darf höchstens {{ data.maxLength }} Zeichen lang sein.</mat-error>
          } @else if (text.hasError('server')) {
            <mat-error>{{ text.getError('server') }}</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button
        matButton="filled"
        type="submit"
        form="text-dialog-form"
        [class.destructive]="data.destructive"
        [aria-disabled]="sending()"
      >
        {{ sending() ? data.busyLabel : data.submitLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .quote {
      white-space: pre-line;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextDialog<T> {
  protected readonly data = inject<TextDialogData<T>>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<TextDialog<T>, TextDialogResult<T>>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly text = new FormControl('', {
    nonNullable: true,
    validators: [
      ...(this.data.requiredMessage ? [Validators.required, notBlank] : []),
      Validators.maxLength(this.data.maxLength),
    ],
  });
  protected readonly form = new FormGroup({ text: this.text });
  protected readonly sending = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  private readonly textInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('textInput');

  protected send(): void {
    if (this.sending()) {
      return;
    }
    this.problem.set(null);
    if (this.text.invalid) {
      this.text.markAsTouched();
      this.textInput().nativeElement.focus();
      return;
    }
    this.sending.set(true);
    this.data
      .submit(this.text.value.trim())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => this.dialogRef.close(result),
        error: (error: unknown) => {
          this.sending.set(false);
          const [field] = apiFieldErrors(error);
          if (field) {
            this.text.setErrors({ server: field.message });
            this.text.markAsTouched();
            this.textInput().nativeElement.focus();
          }
          this.problem.set(toProblem(error));
        },
      });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }
}

/** Required, and more than spaces. */
const notBlank: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.trim() === '' && control.value !== '' ? { required: true } : null;
