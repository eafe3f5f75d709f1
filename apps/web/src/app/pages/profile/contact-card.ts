import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { PHONE_PATTERN } from '@srp/contracts';
import { switchMap } from 'rxjs';
import { AuthService, CurrentUser } from '../../core/auth.service';
import { apiErrorCode, apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { ContactDetails, ContactDetailsService } from './contact-details.service';

export const FUNCTION_TITLE_MAX_LENGTH = 200;
export const PHONE_MAX_LENGTH = 40;

type Field = 'functionTitle' | 'phone';

interface SaveError {
  message: string;
  stale: boolean;
}

/**
 * Mein Profil → "Funktion und Kontakt": the function (role title) and phone number, and whether
 * others in the initiative may see the e-mail address and the phone number. Name and organisation
 * are always visible to everyone signed in.
 */
@Component({
  selector: 'srp-contact-card',
  imports: [MatButton, MatCheckbox, MatError, MatFormField, MatHint, MatIcon, MatInput, MatLabel, ReactiveFormsModule],
  templateUrl: './contact-card.html',
  styleUrls: ['./profile-page.scss', './contact-card.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactCard {
  private readonly auth = inject(AuthService);
  private readonly details = inject(ContactDetailsService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly user = this.auth.user;
  protected readonly functionMaxLength = FUNCTION_TITLE_MAX_LENGTH;
  protected readonly phoneMaxLength = PHONE_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    functionTitle: ['', Validators.maxLength(FUNCTION_TITLE_MAX_LENGTH)],
    phone: ['', [Validators.maxLength(PHONE_MAX_LENGTH), Validators.pattern(PHONE_PATTERN)]],
    showEmail: [false],
    showPhone: [false],
  });
  protected readonly saving = signal(false);
  protected readonly reloading = signal(false);
  protected readonly success = signal<string | null>(null);
  protected readonly error = signal<SaveError | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});

  private readonly functionInput = viewChild.required<ElementRef<HTMLInputElement>>('functionInput');
  private readonly phoneInput = viewChild.required<ElementRef<HTMLInputElement>>('phoneInput');

  constructor() {
    const user = this.user();
    if (user) {
      this.form.reset(this.valuesOf(user));
    }
  }

  protected save(): void {
    const user = this.user();
    if (this.saving() || !user) {
      return;
    }
    this.success.set(null);
    this.error.set(null);
    this.fieldErrors.set({});
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focus(this.form.controls.functionTitle.invalid ? 'functionTitle' : 'phone');
      return;
    }
    const v = this.form.getRawValue();
    const change: ContactDetails = {
      functionTitle: v.functionTitle.trim() || null,
      phone: v.phone.trim() || null,
      showEmail: v.showEmail,
      showPhone: v.showPhone,
    };
    this.saving.set(true);
    this.details
      .update(change, user.version)
      .pipe(
        // Everyone else in the app learns the new details from `me`.
        switchMap(() => this.auth.refresh()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (current) => {
          this.saving.set(false);
          if (current) {
            this.form.reset(this.valuesOf(current));
          }
          this.success.set('Ihre Angaben zu Funktion und Kontakt wurden gespeichert.');
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.showError(error);
        },
      });
  }

  /** After a conflict: loads the profile again; the entries stay and are now based on the current version. */
  protected reload(): void {
    if (this.reloading()) {
      return;
    }
    this.reloading.set(true);
    this.auth
      .refresh()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.reloading.set(false);
        this.error.set(null);
        this.success.set(
          'Ihre Angaben wurden neu geladen. Ihre Eingaben sind noch da; Sie können sie jetzt erneut speichern.',
        );
      });
  }

  private valuesOf(user: CurrentUser) {
    return {
      functionTitle: user.functionTitle ?? '',
      phone: user.phone ?? '',
      showEmail: user.showEmail,
      showPhone: user.showPhone,
    };
  }

  private showError(error: unknown): void {
    const fields: Partial<Record<Field, string>> = {};
    for (const detail of apiFieldErrors(error)) {
      if ((detail.field === 'functionTitle' || detail.field === 'phone') && !fields[detail.field]) {
        fields[detail.field] = detail.message;
        this.form.controls[detail.field].setErrors({ server: detail.message });
        this.form.controls[detail.field].markAsTouched();
      }
    }
    this.fieldErrors.set(fields);
    const first = (['functionTitle', 'phone'] as const).find((f) => fields[f]);
    if (first) {
      this.error.set({
        message: 'Die Angaben wurden nicht gespeichert. Bitte beachten Sie den Hinweis am Feld.',
        stale: false,
      });
      this.focus(first);
      return;
    }
    const stale = apiErrorCode(error) === 'CONFLICT';
    this.error.set({
      message: stale
        ? 'Ihr Profil wurde inzwischen an anderer Stelle geändert. Bitte laden Sie es neu und speichern Sie dann erneut.'
        : apiErrorText(error),
      stale,
    });
  }

  private focus(field: Field): void {
    (field === 'functionTitle' ? this.functionInput() : this.phoneInput()).nativeElement.focus();
  }
}
