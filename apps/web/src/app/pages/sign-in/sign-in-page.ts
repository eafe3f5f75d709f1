import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { AuthService, safeReturnUrl } from '../../core/auth.service';
import { apiErrorText, apiFieldErrors } from '../../shared/api-errors';

const NOTICES = {
  'signed-out': 'Sie haben sich abgemeldet.',
  'session-ended': 'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.',
} as const;

/** Sign-in with e-mail and password (`/anmelden?ziel=/termine`). */
@Component({
  selector: 'srp-sign-in-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatProgressBar,
    MatSuffix,
    RouterLink,
  ],
  templateUrl: './sign-in-page.html',
  styleUrls: ['../../shared/panel-page.scss', './sign-in-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  /** Query parameter `ziel`: where to go after signing in; bound by withComponentInputBinding(). */
  readonly ziel = input<string | undefined>();
  /** Query parameter `email`: filled in for the person, e.g. after accepting an invitation. */
  readonly email = input<string | undefined>();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  /** Second step, when the account has a second factor: the code from the authenticator app. */
  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, Validators.minLength(6), Validators.maxLength(32)]],
  });
  /** Password accepted, code outstanding (also after a reload in the middle of signing in). */
  protected readonly codeStep = this.auth.secondFactorPending;

  protected readonly submitting = signal(false);
  protected readonly showPassword = signal(false);
  /** The api's German message after a failed attempt (wrong password, too many attempts, …). */
  protected readonly serverError = signal<string | null>(null);
  /** Field messages of a 400 answer, by field. */
  protected readonly fieldErrors = signal<Partial<Record<'email' | 'password' | 'code', string>>>({});
  protected readonly notice = computed(() => {
    const reason = this.auth.signOutReason();
    return reason ? NOTICES[reason] : null;
  });

  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  ngOnInit(): void {
    const email = this.email()?.trim();
    if (email) {
      this.form.controls.email.setValue(email);
    }
  }

  protected togglePassword(): void {
    this.showPassword.update((show) => !show);
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    this.fieldErrors.set({});
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.serverError.set(null);
      (this.form.controls.email.invalid ? this.emailInput() : this.passwordInput())?.nativeElement.focus();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.serverError.set(null);
    this.auth.login(email.trim(), password).subscribe({
      next: (user) => {
        if (user.secondFactorPending) {
          this.submitting.set(false);
          this.form.controls.password.reset();
          // The code field appears with the next render; put the cursor there.
          afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
          return;
        }
        this.proceed();
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const fields: Partial<Record<'email' | 'password', string>> = {};
        for (const detail of apiFieldErrors(error)) {
          if (detail.field === 'email' || detail.field === 'password') {
            fields[detail.field] ??= detail.message;
            this.form.controls[detail.field].setErrors({ server: detail.message });
          }
        }
        this.fieldErrors.set(fields);
        this.serverError.set(apiErrorText(error));
        (fields.email ? this.emailInput() : this.passwordInput())?.nativeElement.focus();
      },
    });
  }

  protected submitCode(): void {
    if (this.submitting()) {
      return;
    }
    this.fieldErrors.set({});
    this.serverError.set(null);
    const control = this.codeForm.controls.code;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      this.codeInput()?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.auth.verifySecondFactor(control.value.replace(/\s+/g, '')).subscribe({
      next: (user) => {
        if (user && !user.secondFactorPending) {
          this.proceed();
        } else {
          this.submitting.set(false);
        }
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const detail = apiFieldErrors(error).find((d) => d.field === 'code');
        if (detail) {
          this.fieldErrors.set({ code: detail.message });
          control.setErrors({ server: detail.message });
        }
        this.serverError.set(apiErrorText(error));
        this.codeInput()?.nativeElement.focus();
      },
    });
  }

  /** Gives up on the pending sign-in: ends that session and starts again with the password. */
  protected cancelCode(): void {
    this.serverError.set(null);
    this.codeForm.reset();
    this.auth.logout().subscribe({
      complete: () => this.auth.signOutReason.set(null),
      error: () => this.auth.signOutReason.set(null),
    });
  }

  private proceed(): void {
    void this.router.navigateByUrl(safeReturnUrl(this.ziel()));
  }
}
