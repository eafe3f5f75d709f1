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
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH } from '@srp/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { AccountSession, MyAccountService } from '../../core/my-account.service';
import { ROLE_LABELS } from '../../shared/account-labels';
import { apiErrorCode, apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { sameAs } from '../../shared/password-match';
import { deviceLabel, isMobileDevice } from './device-label';
import { ContactCard } from './contact-card';
import { SecondFactorCard } from './second-factor-card';

type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';

interface SessionView extends AccountSession {
  label: string;
  mobile: boolean;
}

type SessionsState =
  | { status: 'loading' }
  | { status: 'loaded'; sessions: SessionView[] }
  | { status: 'error'; message: string };

/** The longest name the api accepts. */
export const NAME_MAX_LENGTH = 200;

/** What went wrong when saving the name; `stale` offers to reload the profile. */
interface NameError {
  message: string;
  stale: boolean;
}

/** "1 andere Sitzung" / "3 andere Sitzungen". */
function otherSessions(count: number): string {
  return count === 1 ? '1 andere Sitzung' : `${count} andere Sitzungen`;
}

/**
 * Mein Profil: who I am (and changing my name), my function and contact details with what others may
 * see of them, the way to my notification settings, my second factor, my password, and where I am
 * signed in.
 */
@Component({
  selector: 'srp-profile-page',
  imports: [
    BerlinDatePipe,
    ContactCard,
    ReactiveFormsModule,
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
    RouterLink,
    SecondFactorCard,
  ],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly auth = inject(AuthService);
  private readonly account = inject(MyAccountService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });

  // --- Ihre Angaben: Namen ändern ---

  protected readonly nameMaxLength = NAME_MAX_LENGTH;
  protected readonly nameForm = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(NAME_MAX_LENGTH)]],
  });
  protected readonly editingName = signal(false);
  protected readonly savingName = signal(false);
  protected readonly reloadingUser = signal(false);
  protected readonly nameSuccess = signal<string | null>(null);
  protected readonly nameError = signal<NameError | null>(null);
  protected readonly nameFieldError = signal<string | null>(null);

  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');
  private readonly editNameButton = viewChild('editNameButton', { read: ElementRef<HTMLElement> });

  // --- Passwort ändern ---

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly recommendedLength = PASSWORD_RECOMMENDED_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly passwordForm = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    repeatPassword: ['', [Validators.required, sameAs('newPassword')]],
  });
  protected readonly showPasswords = signal<Record<PasswordField, boolean>>({
    currentPassword: false,
    newPassword: false,
    repeatPassword: false,
  });
  protected readonly changingPassword = signal(false);
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordFieldErrors = signal<Partial<Record<PasswordField, string>>>({});
  protected readonly passwordSuccess = signal<string | null>(null);

  private readonly passwordFormDirective = viewChild.required<FormGroupDirective>('passwordFormRef');
  private readonly currentPasswordInput = viewChild.required<ElementRef<HTMLInputElement>>('currentPasswordInput');
  private readonly newPasswordInput = viewChild.required<ElementRef<HTMLInputElement>>('newPasswordInput');
  private readonly repeatPasswordInput = viewChild.required<ElementRef<HTMLInputElement>>('repeatPasswordInput');

  // --- Meine Sitzungen ---

  protected readonly sessionsState = signal<SessionsState>({ status: 'loading' });
  protected readonly otherSessionCount = computed(() => {
    const state = this.sessionsState();
    return state.status === 'loaded' ? state.sessions.filter((s) => !s.current).length : 0;
  });
  /** Id of the session being ended, or 'others'. */
  protected readonly ending = signal<string | null>(null);
  protected readonly sessionsMessage = signal<string | null>(null);
  protected readonly sessionsError = signal<string | null>(null);

  constructor() {
    // The repeat field compares with the new password: check it again when that changes.
    this.passwordForm.controls.newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.passwordForm.controls.repeatPassword.updateValueAndValidity({ emitEvent: false }));
    this.loadSessions();
  }

  protected editName(): void {
    this.nameSuccess.set(null);
    this.nameError.set(null);
    this.nameFieldError.set(null);
    this.nameForm.reset({ name: this.user()?.name ?? '' });
    this.editingName.set(true);
    afterNextRender(() => this.nameInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelName(): void {
    this.nameError.set(null);
    this.nameFieldError.set(null);
    this.closeNameForm();
  }

  protected saveName(): void {
    const user = this.user();
    if (this.savingName() || !user) {
      return;
    }
    this.nameSuccess.set(null);
    this.nameError.set(null);
    this.nameFieldError.set(null);
    const control = this.nameForm.controls.name;
    if (this.nameForm.invalid) {
      this.nameForm.markAllAsTouched();
      this.nameInput()?.nativeElement.focus();
      return;
    }
    const name = control.value.trim();
    if (name === user.name) {
      this.closeNameForm();
      return;
    }
    this.savingName.set(true);
    this.account
      .updateName(name, user.version)
      .pipe(
        // The toolbar and the rest of the app learn the new name from `me`.
        switchMap(() => this.auth.refresh()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.savingName.set(false);
          this.nameSuccess.set(`Ihr Name wurde in „${name}“ geändert.`);
          this.closeNameForm();
        },
        error: (error: unknown) => {
          this.savingName.set(false);
          const detail = apiFieldErrors(error).find((d) => d.field === 'name');
          if (detail) {
            this.nameFieldError.set(detail.message);
            control.setErrors({ server: detail.message });
            control.markAsTouched();
            this.nameError.set({
              message: 'Der Name wurde nicht geändert. Bitte beachten Sie den Hinweis am Feld.',
              stale: false,
            });
            this.nameInput()?.nativeElement.focus();
          } else {
            this.nameError.set({ message: apiErrorText(error), stale: apiErrorCode(error) === 'CONFLICT' });
          }
        },
      });
  }

  /** After a conflict: loads the profile again, so the next save is based on the current version. */
  protected reloadUser(): void {
    if (this.reloadingUser()) {
      return;
    }
    this.reloadingUser.set(true);
    this.auth
      .refresh()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((user) => {
        this.reloadingUser.set(false);
        this.nameError.set(null);
        this.nameFieldError.set(null);
        if (!user) {
          return;
        }
        // Your entry stays in the field; saving it again is now based on the current version.
        this.nameSuccess.set(
          `Ihre Angaben wurden neu geladen. Gespeichert ist der Name „${user.name}“. Sie können Ihre Änderung jetzt erneut speichern.`,
        );
        if (this.editingName()) {
          afterNextRender(() => this.nameInput()?.nativeElement.focus(), { injector: this.injector });
        }
      });
  }

  private closeNameForm(): void {
    this.editingName.set(false);
    afterNextRender(() => this.editNameButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected togglePassword(field: PasswordField): void {
    this.showPasswords.update((shown) => ({ ...shown, [field]: !shown[field] }));
  }

  protected changePassword(): void {
    if (this.changingPassword()) {
      return;
    }
    this.passwordSuccess.set(null);
    this.passwordError.set(null);
    this.passwordFieldErrors.set({});
    const controls = this.passwordForm.controls;
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      this.focusField(
        controls.currentPassword.invalid
          ? 'currentPassword'
          : controls.newPassword.invalid
            ? 'newPassword'
            : 'repeatPassword',
      );
      return;
    }
    const { currentPassword, newPassword } = this.passwordForm.getRawValue();
    this.changingPassword.set(true);
    this.account
      .changePassword(currentPassword, newPassword)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (ended) => {
          this.changingPassword.set(false);
          this.passwordFormDirective().resetForm();
          this.showPasswords.set({ currentPassword: false, newPassword: false, repeatPassword: false });
          this.passwordSuccess.set(
            `Ihr Passwort wurde geändert. ${
              ended === 0
                ? 'Es waren keine anderen Sitzungen aktiv.'
                : `${otherSessions(ended)} ${ended === 1 ? 'wurde' : 'wurden'} beendet.`
            }`,
          );
          this.loadSessions();
        },
        error: (error: unknown) => {
          this.changingPassword.set(false);
          const fields: Partial<Record<PasswordField, string>> = {};
          for (const detail of apiFieldErrors(error)) {
            const field: PasswordField | undefined =
              detail.field === 'currentPassword'
                ? 'currentPassword'
                : detail.field === 'password' || detail.field === 'newPassword'
                  ? 'newPassword'
                  : undefined;
            if (field && !fields[field]) {
              fields[field] = detail.message;
              controls[field].setErrors({ server: detail.message });
              controls[field].markAsTouched();
            }
          }
          this.passwordFieldErrors.set(fields);
          const first = (['currentPassword', 'newPassword'] as const).find((f) => fields[f]);
          this.passwordError.set(
            first ? 'Das Passwort wurde nicht geändert. Bitte beachten Sie die Hinweise am Feld.' : apiErrorText(error),
          );
          if (first) {
            this.focusField(first);
          }
        },
      });
  }

  private focusField(field: PasswordField): void {
    const inputs = {
      currentPassword: this.currentPasswordInput,
      newPassword: this.newPasswordInput,
      repeatPassword: this.repeatPasswordInput,
    };
    inputs[field]().nativeElement.focus();
  }

  protected loadSessions(): void {
    if (this.sessionsState().status !== 'loaded') {
      this.sessionsState.set({ status: 'loading' });
    }
    this.account
      .sessions()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sessions) =>
          this.sessionsState.set({
            status: 'loaded',
            sessions: sessions
              .map((s) => ({ ...s, label: deviceLabel(s.userAgent), mobile: isMobileDevice(s.userAgent) }))
              // This browser first, then the most recently used.
              .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt)),
          }),
        error: (error: unknown) => this.sessionsState.set({ status: 'error', message: apiErrorText(error) }),
      });
  }

  protected endSession(session: SessionView): void {
    this.sessionsMessage.set(null);
    this.sessionsError.set(null);
    confirmAction(this.dialog, {
      title: 'Sitzung beenden?',
      message: `Die Sitzung „${session.label}“ wird beendet. Wer diesen Browser benutzt, muss sich dort neu anmelden.`,
      confirmLabel: 'Sitzung beenden',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.ending.set(session.id);
          return this.account.endSession(session.id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.ending.set(null);
          this.sessionsMessage.set(`Die Sitzung „${session.label}“ wurde beendet.`);
          this.loadSessions();
        },
        error: (error: unknown) => {
          this.ending.set(null);
          this.sessionsError.set(apiErrorText(error));
          this.loadSessions();
        },
      });
  }

  protected endOtherSessions(): void {
    this.sessionsMessage.set(null);
    this.sessionsError.set(null);
    const count = this.otherSessionCount();
    confirmAction(this.dialog, {
      title: 'Überall sonst abmelden?',
      message: `${otherSessions(count)} ${count === 1 ? 'wird' : 'werden'} beendet. In diesem Browser bleiben Sie angemeldet.`,
      confirmLabel: 'Überall sonst abmelden',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.ending.set('others');
          return this.account.endOtherSessions();
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (revoked) => {
          this.ending.set(null);
          this.sessionsMessage.set(
            revoked === 0
              ? 'Es waren keine anderen Sitzungen aktiv.'
              : `${otherSessions(revoked)} ${revoked === 1 ? 'wurde' : 'wurden'} beendet. Sie sind jetzt nur noch in diesem Browser angemeldet.`,
          );
          this.loadSessions();
        },
        error: (error: unknown) => {
          this.ending.set(null);
          this.sessionsError.set(apiErrorText(error));
        },
      });
  }
}
