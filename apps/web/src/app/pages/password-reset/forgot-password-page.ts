import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AccountLinksService } from '../../core/account-links.service';
import { apiErrorText } from '../../shared/api-errors';

/** `/passwort-vergessen`: asks for a link to set a new password. */
@Component({
  selector: 'srp-forgot-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatError,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
  ],
  template: `
    <div class="page">
      <section class="panel" aria-labelledby="forgot-heading">
        <div class="progress-slot">
          @if (submitting()) {
            <mat-progress-bar mode="indeterminate" aria-label="Anfrage wird gesendet" />
          }
        </div>
        <div class="panel-body">
          <span class="material-symbols-outlined panel-icon" aria-hidden="true">key</span>
          <h1 id="forgot-heading">Passwort vergessen</h1>

          <div role="status">
            @if (sent()) {
              <p class="message success">
                <mat-icon>mark_email_read</mat-icon>
                <span>
                  Wenn zu dieser E-Mail-Adresse ein Zugang besteht, haben wir Ihnen eine E-Mail mit einem Link zum
                  Zurücksetzen geschickt. Bitte sehen Sie auch im Spam-Ordner nach. Der Link ist nur begrenzte Zeit
                  gültig.
                </span>
              </p>
            }
          </div>
          <div role="alert">
            @if (serverError(); as message) {
              <p class="message error">
                <mat-icon>error</mat-icon>
                <span>{{ message }}</span>
              </p>
            }
          </div>

          @if (!sent()) {
            <p class="intro">
              Geben Sie die E-Mail-Adresse Ihres Zugangs ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues
              Passwort festlegen. Ihre Zwei-Faktor-Anmeldung bleibt dabei eingerichtet.
            </p>
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>E-Mail-Adresse</mat-label>
                <input
                  matInput
                  #emailInput
                  type="email"
                  formControlName="email"
                  autocomplete="username"
                  inputmode="email"
                  spellcheck="false"
                  required
                />
                @if (form.controls.email.hasError('required')) {
                  <mat-error>Bitte geben Sie Ihre E-Mail-Adresse ein.</mat-error>
                } @else if (form.controls.email.hasError('email')) {
                  <mat-error
                    >Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name&#64;kommune.de.</mat-error
                  >
                }
              </mat-form-field>
              <button matButton="filled" type="submit" class="submit" [aria-disabled]="submitting()">
                Link anfordern
              </button>
            </form>
          }
          <a class="secondary-link" routerLink="/anmelden">Zurück zur Anmeldung</a>
        </div>
      </section>
    </div>
  `,
  styleUrl: '../../shared/panel-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly links = inject(AccountLinksService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly submitting = signal(false);
  protected readonly sent = signal(false);
  protected readonly serverError = signal<string | null>(null);
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    this.serverError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.emailInput()?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.links
      .requestPasswordReset(this.form.controls.email.value.trim())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.sent.set(true);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.serverError.set(apiErrorText(error));
        },
      });
  }
}
