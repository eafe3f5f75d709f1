import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { filter } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { GroupDetail, GroupSummary, GroupsService } from '../../core/groups.service';
import { apiErrorCode, apiErrorText } from '../../shared/api-errors';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { GroupCard } from './group-card';
import { GroupFormDialog, GroupFormDialogData } from './group-form-dialog';

type ListState =
  | { status: 'loading' }
  | { status: 'loaded'; groups: GroupSummary[] }
  | { status: 'error'; message: string; secondFactorMissing: boolean };

/** Arbeitsgruppen: the UAGs (and later pilot project teams) as cards, archived ones below. */
@Component({
  selector: 'srp-working-groups-page',
  imports: [GroupCard, MatButton, MatIcon, MatProgressBar, RouterLink, SecondFactorHint],
  templateUrl: './working-groups-page.html',
  styleUrls: ['./feedback.scss', './working-groups-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkingGroupsPage {
  private readonly groups = inject(GroupsService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly user = inject(AuthService).user;

  protected readonly state = signal<ListState>({ status: 'loading' });
  protected readonly coordination = computed(() => {
    const role = this.user()?.role;
    return role === 'admin' || role === 'coordinator';
  });
  protected readonly active = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.groups.filter((g) => g.status === 'active') : [];
  });
  protected readonly archived = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.groups.filter((g) => g.status === 'archived') : [];
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.groups
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (groups) => this.state.set({ status: 'loaded', groups }),
        error: (error: unknown) =>
          this.state.set({
            status: 'error',
            message: apiErrorText(error),
            secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
          }),
      });
  }

  protected create(): void {
    this.dialog
      .open<GroupFormDialog, GroupFormDialogData, GroupDetail>(GroupFormDialog, {
        data: { coordination: true },
        width: '48rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((group) => void this.router.navigate(['/arbeitsgruppen', group.id], { state: { created: true } }));
  }
}
