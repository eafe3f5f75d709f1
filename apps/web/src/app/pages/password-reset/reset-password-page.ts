import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH } from '@srp/contracts';
import { AccountLinksService } from '../../core/account-links.service';
import { apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { InvalidLink } from '../../shared/invalid-link';
import { sameAs } from '../../shared/password-match';
import { isInvalidLink } from '../invitation/accept-invitation-page';

type PageState =
  | { status: 'checking' }
  | { status: 'invalid' }
  | { status: 'error'; message: string }
  | { status: 'form' }
  | { status: 'done' };

/** `/passwort-zuruecksetzen/:token`: a new password from the link in the e-mail. */
@Component({
  selector: 'srp-reset-password-page',
  imports: [
    InvalidLink,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatProgressBar,
    MatSuffix,
  ],
  templateUrl: './reset-password-page.html',
  styleUrl: '../../shared/panel-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage implements OnInit {
  private readonly links = inject(AccountLinksService);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter, bound by withComponentInputBinding(). */
  readonly token = input.required<string>();

  protected readonly state = signal<PageState>({ status: 'checking' });
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly recommendedLength = PASSWORD_RECOMMENDED_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    repeatPassword: ['', [Validators.required, sameAs('password')]],
  });
  protected readonly showPassword = signal(false);
  protected readonly submitting = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly passwordError = signal<string | null>(null);

  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly repeatInput = viewChild<ElementRef<HTMLInputElement>>('repeatInput');

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.repeatPassword.updateValueAndValidity({ emitEvent: false }));
  }

  ngOnInit(): void {
    this.check();
  }

  protected check(): void {
    this.state.set({ status: 'checking' });
    this.links
      .checkPasswordReset(this.token())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.state.set({ status: 'form' }),
        error: (error: unknown) =>
          this.state.set(
            isInvalidLink(error) ? { status: 'invalid' } : { status: 'error', message: apiErrorText(error) },
          ),
      });
  }

  protected togglePassword(): void {
    this.showPassword.update((show) => !show);
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    this.serverError.set(null);
    this.passwordError.set(null);
    const controls = this.form.controls;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      (controls.password.invalid ? this.passwordInput() : this.repeatInput())?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.links
      .resetPassword(this.token(), controls.password.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.state.set({ status: 'done' });
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          if (isInvalidLink(error)) {
            this.state.set({ status: 'invalid' });
            return;
          }
          const detail = apiFieldErrors(error).find((d) => d.field === 'password');
          if (detail) {
            this.passwordError.set(detail.message);
            controls.password.setErrors({ server: detail.message });
            controls.password.markAsTouched();
            this.passwordInput()?.nativeElement.focus();
            this.serverError.set('Das Passwort wurde nicht geändert. Bitte beachten Sie den Hinweis am Feld.');
          } else {
            this.serverError.set(apiErrorText(error));
          }
        },
      });
  }
}
