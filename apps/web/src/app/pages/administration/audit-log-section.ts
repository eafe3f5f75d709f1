import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AccountsAdminService, AuditEvent } from '../../core/accounts-admin.service';
import { apiErrorCode, apiErrorText } from '../../shared/api-errors';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions';

interface AuditState {
  events: AuditEvent[];
  nextCursor: string | null;
  loading: boolean;
  error: { message: string; secondFactorMissing: boolean } | null;
}

/** Verwaltung → Protokoll (admins): who did what and when, newest first. */
@Component({
  selector: 'srp-audit-log-section',
  imports: [
    BerlinDatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
    MatTableModule,
  ],
  templateUrl: './audit-log-section.html',
  styleUrl: './administration.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogSection {
  private readonly admin = inject(AccountsAdminService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly columns = ['occurredAt', 'actor', 'action', 'ip'];
  protected readonly actions = Object.entries(AUDIT_ACTION_LABELS)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'de'));
  protected readonly label = auditActionLabel;
  protected readonly action = new FormControl('', { nonNullable: true });
  protected readonly state = signal<AuditState>({ events: [], nextCursor: null, loading: true, error: null });
  /** Counts the loads, so an answer for an older filter is dropped. */
  private generation = 0;

  constructor() {
    this.action.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.load());
    this.load();
  }

  /** Loads the first page again (with the current filter). */
  protected load(): void {
    this.state.set({ events: [], nextCursor: null, loading: true, error: null });
    this.fetch(undefined);
  }

  protected more(): void {
    const state = this.state();
    if (state.loading || !state.nextCursor) {
      return;
    }
    this.state.set({ ...state, loading: true, error: null });
    this.fetch(state.nextCursor);
  }

  private fetch(cursor: string | undefined): void {
    const generation = ++this.generation;
    this.admin
      .auditLog({ action: this.action.value, cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          if (generation === this.generation) {
            this.state.update((state) => ({
              events: [...state.events, ...page.items],
              nextCursor: page.nextCursor,
              loading: false,
              error: null,
            }));
          }
        },
        error: (error: unknown) => {
          if (generation === this.generation) {
            this.state.update((state) => ({
              ...state,
              loading: false,
              error: {
                message: apiErrorText(error),
                secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
              },
            }));
          }
        },
      });
  }
}
