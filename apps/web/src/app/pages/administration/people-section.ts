import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ACCOUNT_STATUSES, PLATFORM_ROLES } from '@srp/contracts';
import { Observable, Subject, catchError, debounceTime, filter, map, merge, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import {
  AccountChange,
  AccountFilter,
  AccountRole,
  AccountStatus,
  AccountSummary,
  AccountsAdminService,
  NewInvitation,
} from '../../core/accounts-admin.service';
import { ROLE_LABELS, STATUS_LABELS } from '../../shared/account-labels';
import { apiErrorCode, apiErrorText } from '../../shared/api-errors';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { InviteDialog, InviteDialogData } from './invite-dialog';
import { RoleDialog } from './role-dialog';

type ListState =
  | { status: 'loading' }
  | { status: 'loaded'; accounts: AccountSummary[] }
  | { status: 'error'; message: string; secondFactorMissing: boolean };

/** What went wrong with a change; `stale` offers to reload the list. */
interface ChangeError {
  message: string;
  stale: boolean;
  secondFactorMissing: boolean;
}

/** Verwaltung → Personen: who has an account, inviting people, and (admins) roles and deactivation. */
@Component({
  selector: 'srp-people-section',
  imports: [
    BerlinDatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatPrefix,
    MatProgressBar,
    MatTableModule,
  ],
  templateUrl: './people-section.html',
  styleUrl: './administration.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeopleSection {
  private readonly admin = inject(AccountsAdminService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);
  private readonly user = inject(AuthService).user;

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly roles = PLATFORM_ROLES;
  protected readonly statuses = ACCOUNT_STATUSES;
  protected readonly isAdmin = computed(() => this.user()?.role === 'admin');
  protected readonly columns = computed(() => [
    'person',
    'role',
    'status',
    'secondFactor',
    'lastLogin',
    ...(this.isAdmin() ? ['actions'] : []),
  ]);

  protected readonly filters = inject(NonNullableFormBuilder).group({
    query: [''],
    role: ['' as AccountRole | ''],
    status: ['' as AccountStatus | ''],
  });
  protected readonly state = signal<ListState>({ status: 'loading' });
  /** Id of the account being changed. */
  protected readonly changing = signal<string | null>(null);
  protected readonly changeError = signal<ChangeError | null>(null);
  protected readonly changeMessage = signal<string | null>(null);
  private readonly reload$ = new Subject<void>();

  constructor() {
    const typed = this.filters.controls.query.valueChanges.pipe(debounceTime(300));
    const chosen = merge(this.filters.controls.role.valueChanges, this.filters.controls.status.valueChanges);
    merge(typed, chosen, this.reload$)
      .pipe(
        startWith(undefined),
        map(() => this.currentFilter()),
        switchMap((accountFilter) => this.fetch(accountFilter)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected reload(): void {
    this.changeError.set(null);
    this.reload$.next();
  }

  protected invite(): void {
    const roles: AccountRole[] = this.isAdmin() ? [...PLATFORM_ROLES] : ['member'];
    this.dialog
      .open<InviteDialog, InviteDialogData, NewInvitation>(InviteDialog, {
        data: { roles },
        width: '32rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((invitation) => {
        this.snackBar.open(`Die Einladung an ${invitation.name} wurde verschickt.`, 'Schließen', {
          duration: 8000,
          politeness: 'polite',
        });
        this.reload();
      });
  }

  protected changeRole(account: AccountSummary): void {
    if (this.changing()) {
      return;
    }
    this.dialog
      .open<RoleDialog, AccountSummary, AccountRole>(RoleDialog, {
        data: account,
        width: '28rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((role) =>
        this.apply(
          account,
          { role, version: account.version },
          `${account.name} hat jetzt die Rolle „${ROLE_LABELS[role]}“.`,
        ),
      );
  }

  protected toggleStatus(account: AccountSummary): void {
    if (this.changing()) {
      return;
    }
    const deactivate = account.status !== 'deactivated';
    confirmAction(
      this.dialog,
      deactivate
        ? {
            title: 'Zugang deaktivieren?',
            message: `${account.name} kann sich danach nicht mehr anmelden; laufende Sitzungen werden beendet. Sie können den Zugang später wieder aktivieren.`,
            confirmLabel: 'Deaktivieren',
          }
        : {
            title: 'Zugang reaktivieren?',
            message: `${account.name} kann sich danach wieder anmelden.`,
            confirmLabel: 'Reaktivieren',
          },
    )
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.apply(
          account,
          { status: deactivate ? 'deactivated' : 'active', version: account.version },
          deactivate
            ? `Der Zugang von ${account.name} wurde deaktiviert.`
            : `Der Zugang von ${account.name} ist wieder aktiv.`,
        ),
      );
  }

  private apply(account: AccountSummary, change: AccountChange, success: string): void {
    this.changeError.set(null);
    this.changeMessage.set(null);
    this.changing.set(account.id);
    this.admin
      .update(account.id, change)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.changing.set(null);
          this.changeMessage.set(success);
          this.state.update((state) =>
            state.status === 'loaded'
              ? { ...state, accounts: state.accounts.map((a) => (a.id === updated.id ? updated : a)) }
              : state,
          );
        },
        error: (error: unknown) => {
          this.changing.set(null);
          const code = apiErrorCode(error);
          this.changeError.set({
            message: apiErrorText(error),
            stale: code === 'CONFLICT',
            secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
          });
        },
      });
  }

  protected roleLabel(role: AccountRole): string {
    return ROLE_LABELS[role];
  }

  protected statusLabel(status: AccountStatus): string {
    return STATUS_LABELS[status];
  }

  protected isSelf(account: AccountSummary): boolean {
    return account.id === this.user()?.id;
  }

  private currentFilter(): AccountFilter {
    const { query, role, status } = this.filters.getRawValue();
    return { query, role: role || undefined, status: status || undefined };
  }

  private fetch(accountFilter: AccountFilter): Observable<ListState> {
    return this.admin.list(accountFilter).pipe(
      map((accounts): ListState => ({ status: 'loaded', accounts })),
      catchError((error: unknown) =>
        of<ListState>({
          status: 'error',
          message: apiErrorText(error),
          secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
        }),
      ),
    );
  }
}
