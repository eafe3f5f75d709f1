import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { MyAccountService, SecondFactorSetup } from '../../core/my-account.service';
import { apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { SecondFactorHint } from '../../shared/second-factor-hint';

/** "JBSW Y3DP EHPK 3PXP": the secret in groups of four, easier to type. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The recovery codes as a text file for the person to keep. */
export function recoveryCodesText(codes: readonly string[], email: string): string {
  return [
    'SmartRegion Portal – Wiederherstellungscodes',
    `Konto: ${email}`,
    '',
    'Jeder Code funktioniert genau einmal, falls Sie Ihre Authenticator-App nicht zur Hand haben.',
    'Bewahren Sie diese Datei sicher auf, zum Beispiel in einem Passwort-Manager.',
    '',
    ...codes,
    '',
  ].join('\r\n');
}

type SetupState =
  | { step: 'idle' }
  | { step: 'starting' }
  | { step: 'scan'; setup: SecondFactorSetup }
  | { step: 'codes'; codes: string[] };

/** Mein Profil → Zwei-Faktor-Anmeldung: set up an authenticator app and get the recovery codes. */
@Component({
  selector: 'srp-second-factor-card',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
    SecondFactorHint,
  ],
  templateUrl: './second-factor-card.html',
  styleUrl: './second-factor-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondFactorCard {
  private readonly auth = inject(AuthService);
  private readonly account = inject(MyAccountService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  protected readonly user = this.auth.user;
  protected readonly state = signal<SetupState>({ step: 'idle' });
  protected readonly groupedSecret = computed(() => {
    const state = this.state();
    return state.step === 'scan' ? groupSecret(state.setup.secret) : '';
  });
  protected readonly enabling = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly codeError = signal<string | null>(null);
  protected readonly copied = signal<string | null>(null);

  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*(\d\s*){6}$/)]],
  });

  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly codesHeading = viewChild<ElementRef<HTMLElement>>('codesHeading');
  private readonly startButton = viewChild('startButton', { read: ElementRef<HTMLElement> });

  protected start(): void {
    if (this.state().step === 'starting') {
      return;
    }
    this.error.set(null);
    this.state.set({ step: 'starting' });
    this.account
      .setupSecondFactor()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (setup) => {
          this.codeForm.reset();
          this.state.set({ step: 'scan', setup });
        },
        error: (error: unknown) => {
          this.state.set({ step: 'idle' });
          this.error.set(apiErrorText(error));
        },
      });
  }

  protected cancel(): void {
    this.error.set(null);
    this.codeError.set(null);
    this.copied.set(null);
    this.state.set({ step: 'idle' });
    afterNextRender(() => this.startButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected copySecret(secret: string): void {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) {
      this.copied.set('Kopieren ist in diesem Browser nicht möglich. Bitte übertragen Sie den Schlüssel von Hand.');
      return;
    }
    clipboard.writeText(secret).then(
      () => this.copied.set('Der Schlüssel wurde in die Zwischenablage kopiert.'),
      () =>
        this.copied.set('Kopieren ist in diesem Browser nicht möglich. Bitte übertragen Sie den Schlüssel von Hand.'),
    );
  }

  protected enable(): void {
    if (this.enabling()) {
      return;
    }
    this.error.set(null);
    this.codeError.set(null);
    const control = this.codeForm.controls.code;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      this.codeInput()?.nativeElement.focus();
      return;
    }
    this.enabling.set(true);
    let codes: string[] = [];
    this.account
      .enableSecondFactor(control.value.replace(/\s+/g, ''))
      .pipe(
        tap((recoveryCodes) => (codes = recoveryCodes)),
        // The api knows the second factor now; the rest of the app learns it from `me`.
        switchMap(() => this.auth.refresh()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.enabling.set(false);
          this.copied.set(null);
          this.state.set({ step: 'codes', codes });
          afterNextRender(() => this.codesHeading()?.nativeElement.focus(), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.enabling.set(false);
          const detail = apiFieldErrors(error).find((d) => d.field === 'code');
          if (detail) {
            this.codeError.set(detail.message);
            control.setErrors({ server: detail.message });
            control.markAsTouched();
            this.codeInput()?.nativeElement.focus();
          } else {
            this.error.set(apiErrorText(error));
          }
        },
      });
  }

  protected download(codes: readonly string[]): void {
    const text = recoveryCodesText(codes, this.user()?.email ?? '');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'smartregion-wiederherstellungscodes.txt';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url));
  }

  protected done(): void {
    this.state.set({ step: 'idle' });
  }
}
