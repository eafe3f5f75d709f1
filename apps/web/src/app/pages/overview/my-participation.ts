import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { MUNICIPAL_KINDS } from '@srp/contracts';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { GroupSummary, GroupsService, groupBadge } from '../../core/groups.service';
import { OrganizationDetail, OrganizationsService } from '../../core/organizations.service';
import { apiErrorCode } from '../../shared/api-errors';
import { MembershipBadge } from '../municipalities/membership-badge';

type Loaded<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'error'; secondFactor?: boolean };

/** The error state, noting when the api asks for the second factor first (admins and coordinators). */
function failed(error: unknown): { status: 'error'; secondFactor: boolean } {
  const code = apiErrorCode(error);
  return {
    status: 'error',
    secondFactor: code === 'SECOND_FACTOR_SETUP_REQUIRED' || code === 'SECOND_FACTOR_REQUIRED',
  };
}

/**
 * "Ihre Mitarbeit" on the start page: the person's organisation and its membership, their working
 * groups, and what is waiting for them (a membership to request, requests to decide).
 */
@Component({
  selector: 'srp-my-participation',
  imports: [MatIcon, MembershipBadge, RouterLink],
  template: `
    <section class="participation" aria-labelledby="participation-heading">
      <h2 id="participation-heading">Ihre Mitarbeit</h2>
      <div class="cards">
        <div class="card">
          <h3>Ihre Organisation</h3>
          @switch (organization().status) {
            @case ('loading') {
              <p class="muted">Wird geladen …</p>
            }
            @case ('error') {
              <p class="muted">{{ errorText(organization(), 'Ihre Organisation', 'konnte') }}</p>
            }
            @case ('loaded') {
              @let o = organizationValue();
              @if (o) {
                <p class="name">
                  <a [routerLink]="['/kommunen', o.id]">{{ o.displayName }}</a>
                </p>
                @if (municipal()) {
                  <p class="status">Mitgliedschaft: <srp-membership-badge [status]="o.membershipStatus" /></p>
                }
                @if (canRequest()) {
                  <p class="todo">
                    <mat-icon aria-hidden="true">how_to_reg</mat-icon>
                    <span>
                      Als Ansprechperson können Sie für {{ o.displayName }} die
                      <a [routerLink]="['/kommunen', o.id]">Mitgliedschaft anfragen</a>.
                    </span>
                  </p>
                }
              } @else {
                <p class="muted">
                  Ihr Konto ist noch keiner Organisation zugeordnet. Die Koordination hilft Ihnen weiter.
                </p>
              }
            }
          }
        </div>

        <div class="card">
          <h3>Ihre Arbeitsgruppen</h3>
          @switch (groups().status) {
            @case ('loading') {
              <p class="muted">Wird geladen …</p>
            }
            @case ('error') {
              <p class="muted">{{ errorText(groups(), 'Ihre Arbeitsgruppen', 'konnten') }}</p>
            }
            @case ('loaded') {
              @if (myGroups().length) {
                <ul class="groups">
                  @for (g of myGroups(); track g.id) {
                    <li>
                      <a [routerLink]="['/arbeitsgruppen', g.id]">
                        <span class="badge">{{ badge(g) }}</span>
                        {{ g.name }}
                      </a>
                      <span class="role">{{
                        g.myStatus === 'requested' ? 'Anfrage offen' : g.myRole === 'lead' ? 'Sprecher*in' : 'Mitglied'
                      }}</span>
                    </li>
                  }
                </ul>
              } @else {
                <p class="muted">
                  Sie arbeiten noch in keiner Arbeitsgruppe mit.
                  <a routerLink="/arbeitsgruppen">Arbeitsgruppen ansehen</a>
                </p>
              }
            }
          }
        </div>

        @if (coordination()) {
          <div class="card">
            <h3>Für die Koordination</h3>
            @switch (requests().status) {
              @case ('loading') {
                <p class="muted">Wird geladen …</p>
              }
              @case ('error') {
                <p class="muted">Offene Anfragen sehen Sie nach der Zwei-Faktor-Anmeldung.</p>
              }
              @case ('loaded') {
                @let open = requestCount();
                @if (open > 0) {
                  <p class="todo">
                    <mat-icon aria-hidden="true">pending_actions</mat-icon>
                    <a routerLink="/kommunen" [queryParams]="{ status: 'requested' }">
                      {{ open === 1 ? '1 offene Mitgliedschaftsanfrage' : open + ' offene Mitgliedschaftsanfragen' }}
                    </a>
                  </p>
                } @else {
                  <p class="muted">Keine offenen Mitgliedschaftsanfragen.</p>
                }
              }
            }
          </div>
        }
      </div>
    </section>
  `,
  styles: `
    .participation {
      margin: 2rem 0;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      gap: 1rem;
    }
    .card {
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-lowest);
    }
    h3 {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-small);
    }
    .name {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
    }
    .status {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0 0 0.5rem;
    }
    .todo {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      margin: 0.5rem 0 0;
    }
    .todo mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .groups {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .groups li {
      display: flex;
      gap: 0.5rem;
      justify-content: space-between;
      padding: 0.375rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .groups li:last-child {
      border-bottom: none;
    }
    .badge {
      margin-right: 0.25rem;
      padding: 0 0.375rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-small);
    }
    .role {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyParticipation {
  private readonly user = inject(AuthService).user;
  private readonly organizations = inject(OrganizationsService);
  private readonly groupsApi = inject(GroupsService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly organization = signal<Loaded<OrganizationDetail | null>>({ status: 'loading' });
  protected readonly groups = signal<Loaded<GroupSummary[]>>({ status: 'loading' });
  protected readonly requests = signal<Loaded<number>>({ status: 'loading' });
  protected readonly coordination = computed(() => ['admin', 'coordinator'].includes(this.user()?.role ?? ''));
  protected readonly badge = groupBadge;

  protected readonly organizationValue = computed(() => {
    const o = this.organization();
    return o.status === 'loaded' ? o.value : null;
  });
  protected readonly myGroups = computed(() => {
    const g = this.groups();
    return g.status === 'loaded' ? g.value.filter((group) => group.myStatus !== null) : [];
  });
  protected readonly requestCount = computed(() => {
    const r = this.requests();
    return r.status === 'loaded' ? r.value : 0;
  });
  protected readonly municipal = computed(() => {
    const o = this.organizationValue();
    return !!o && MUNICIPAL_KINDS.includes(o.kind);
  });
  protected readonly canRequest = computed(() => {
    const o = this.organizationValue();
    return (
      !!o &&
      o.permissions.contribute &&
      !o.permissions.manage &&
      ['none', 'interested', 'ended'].includes(o.membershipStatus)
    );
  });

  /** Why a card is empty: the second factor is missing, or loading failed. */
  protected errorText(state: Loaded<unknown>, what: string, verb: 'konnte' | 'konnten'): string {
    return state.status === 'error' && state.secondFactor
      ? `${what} sehen Sie hier, sobald Sie die Zwei-Faktor-Anmeldung eingerichtet haben.`
      : `${what} ${verb} gerade nicht geladen werden.`;
  }

  constructor() {
    const organizationId = this.user()?.organizationId;
    if (organizationId) {
      this.organizations
        .detail(organizationId)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (value) => this.organization.set({ status: 'loaded', value }),
          error: (error: unknown) => this.organization.set(failed(error)),
        });
    } else {
      this.organization.set({ status: 'loaded', value: null });
    }
    this.groupsApi
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.groups.set({ status: 'loaded', value }),
        error: (error: unknown) => this.groups.set(failed(error)),
      });
    if (this.coordination()) {
      this.organizations
        .list({ membership: 'requested' })
        .pipe(
          catchError(() => of(null)),
          takeUntilDestroyed(this.destroyRef),
        )
        .subscribe((list) => this.requests.set(list ? { status: 'loaded', value: list.length } : { status: 'error' }));
    }
  }
}
