import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MEMBERSHIP_STATUSES, ORGANIZATION_KINDS } from '@srp/contracts';
import { catchError, debounceTime, filter, map, of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import {
  Coverage,
  DistrictParticipation,
  MembershipStatus,
  OrganizationKind,
  OrganizationSummary,
  OrganizationsService,
  WorkingGroupSummary,
} from '../../core/organizations.service';
import { DistrictMap } from '../../shared/district-map/district-map';
import {
  MEMBERSHIP_STATUS_LABELS,
  ORGANIZATION_KIND_LABELS,
  organizationKindLabel,
} from '../../shared/organization-labels';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { isMunicipal } from './membership-rules';
import { MembershipBadge } from './membership-badge';
import { OrganizationFormData, OrganizationFormDialog, OrganizationFormResult } from './organization-form-dialog';
import { Problem, ProblemMessage, toProblem } from './problem';

/** "municipal": Kommunen only; "all": every organisation; or one kind. */
export type Scope = 'municipal' | 'all' | OrganizationKind;

type ListState =
  | { status: 'loading' }
  | { status: 'loaded'; organizations: OrganizationSummary[] }
  | { status: 'error'; problem: Problem };

type Loadable<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'error'; problem: Problem };

/** Lower case, without diacritics; "Köthen" also matches "koethen" through the second form. */
function searchForms(text: string): string[] {
  const lower = text.toLocaleLowerCase('de');
  const plain = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const spelled = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  return [plain, spelled];
}

function matchesQuery(organization: OrganizationSummary, query: string): boolean {
  if (!query) {
    return true;
  }
  if (/^\d+$/.test(query)) {
    return organization.ags?.startsWith(query) ?? false;
  }
  const needles = searchForms(query);
  const haystacks = [...searchForms(organization.displayName), ...searchForms(organization.officialName)];
  return needles.some((needle) => haystacks.some((hay) => hay.includes(needle)));
}

function inScope(organization: OrganizationSummary, scope: Scope): boolean {
  if (scope === 'all') {
    return true;
  }
  if (scope === 'municipal') {
    return isMunicipal(organization.kind);
  }
  return organization.kind === scope;
}

const SCOPES: readonly string[] = ['municipal', 'all', ...ORGANIZATION_KINDS];

/**
 * Kommunen: the map of the districts with their participation, and the directory of all
 * organisations with search and filters. Loads the list once and filters in the browser, so
 * every keystroke answers at once; the filters live in the address, so "Zurück" keeps them.
 */
@Component({
  selector: 'srp-municipalities-page',
  imports: [
    DistrictMap,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatPrefix,
    MatProgressBar,
    MembershipBadge,
    ProblemMessage,
    ReactiveFormsModule,
    RouterLink,
    SecondFactorHint,
  ],
  templateUrl: './municipalities-page.html',
  styleUrl: './municipalities-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MunicipalitiesPage {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly user = inject(AuthService).user;

  protected readonly kinds = ORGANIZATION_KINDS;
  protected readonly kindLabels = ORGANIZATION_KIND_LABELS;
  protected readonly statuses = MEMBERSHIP_STATUSES;
  protected readonly statusLabels = MEMBERSHIP_STATUS_LABELS;
  protected readonly exportUrl = this.organizations.peopleExportUrl;
  protected readonly kindLabel = organizationKindLabel;

  protected readonly coordinates = computed(() => {
    const role = this.user()?.role;
    return role === 'admin' || role === 'coordinator';
  });

  protected readonly filters = this.buildFilters();
  private readonly filterValue = toSignal(this.filters.valueChanges.pipe(map(() => this.filters.getRawValue())), {
    initialValue: this.filters.getRawValue(),
  });

  private readonly directoryHeading = viewChild<ElementRef<HTMLElement>>('directoryHeading');
  private readonly searchInput = viewChild<ElementRef<HTMLInputElement>>('searchInput');

  protected readonly state = signal<ListState>({ status: 'loading' });
  protected readonly retired = signal<Loadable<OrganizationSummary[]> | null>(null);
  protected readonly districtState = signal<Loadable<DistrictParticipation[]>>({ status: 'loading' });
  protected readonly groups = signal<WorkingGroupSummary[]>([]);
  protected readonly coverage = signal<Loadable<Coverage> | null>(null);

  protected readonly districts = computed(() => {
    const state = this.districtState();
    return state.status === 'loaded' ? state.value : [];
  });

  /** The district options: from the map data, or from the list when the map data is missing. */
  protected readonly districtOptions = computed(() => {
    const known = new Map<string, string>();
    for (const d of this.districts()) {
      known.set(d.key, d.name);
    }
    const list = this.state();
    if (known.size === 0 && list.status === 'loaded') {
      for (const o of list.organizations) {
        if (o.districtKey && o.districtName) {
          known.set(o.districtKey, o.districtName);
        }
      }
    }
    return [...known.entries()]
      .map(([key, name]) => ({ key, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  });

  protected readonly activeGroups = computed(() =>
    this.groups()
      .filter((g) => g.status === 'active')
      .sort((a, b) => (a.number ?? 999) - (b.number ?? 999) || a.name.localeCompare(b.name, 'de')),
  );

  protected readonly selectedDistrict = computed(() => this.filterValue().district || null);

  /** Organisation ids with at least one person in the group. */
  private readonly groupMembers = computed(() => {
    const coverage = this.coverage();
    const index = new Map<string, Set<string>>();
    if (coverage?.status !== 'loaded') {
      return index;
    }
    for (const row of coverage.value.rows) {
      for (const cell of row.cells) {
        if (cell.people.length > 0) {
          const set = index.get(cell.groupId) ?? new Set<string>();
          set.add(row.organizationId);
          index.set(cell.groupId, set);
        }
      }
    }
    return index;
  });

  /** Everything loaded so far: the active organisations, plus the retired ones when asked for. */
  private readonly all = computed(() => {
    const list = this.state();
    if (list.status !== 'loaded') {
      return [];
    }
    const retired = this.retired();
    const extra = this.filterValue().retired && retired?.status === 'loaded' ? retired.value : [];
    return [...list.organizations, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName, 'de'));
  });

  private readonly scoped = computed(() => {
    const scope = this.filterValue().scope as Scope;
    return this.all().filter((o) => inScope(o, scope));
  });

  protected readonly results = computed(() => {
    const { query, district, membership, group } = this.filterValue();
    const needle = query.trim();
    const members = group ? (this.groupMembers().get(group) ?? new Set<string>()) : null;
    return this.scoped().filter(
      (o) =>
        (!district || o.districtKey === district) &&
        (!membership || o.membershipStatus === membership) &&
        (!members || members.has(o.id)) &&
        matchesQuery(o, needle),
    );
  });

  protected readonly coverageProblem = computed(() => {
    const coverage = this.coverage();
    return this.filterValue().group && coverage?.status === 'error' ? coverage.problem : null;
  });

  protected readonly retiredProblem = computed(() => {
    const retired = this.retired();
    return this.filterValue().retired && retired?.status === 'error' ? retired.problem : null;
  });

  /** The group filter waits for the coverage data. */
  protected readonly waitingForGroups = computed(
    () => !!this.filterValue().group && this.coverage()?.status === 'loading',
  );

  protected readonly countText = computed(() => {
    const scope = this.filterValue().scope as Scope;
    const total = this.scoped().length;
    const shown = this.results().length;
    const noun =
      scope === 'municipal' ? (total === 1 ? 'Kommune' : 'Kommunen') : total === 1 ? 'Organisation' : 'Organisationen';
    return shown === total ? `${total} ${noun}` : `${shown} von ${total} ${noun}`;
  });

  protected readonly filtered = computed(() => {
    const { query, district, membership, group, scope } = this.filterValue();
    return !!(query.trim() || district || membership || group || scope !== 'municipal');
  });

  constructor() {
    this.loadList();
    this.loadDistricts();
    this.organizations
      .groups()
      .pipe(
        catchError(() => of<WorkingGroupSummary[]>([])),
        takeUntilDestroyed(),
      )
      .subscribe((groups) => this.groups.set(groups));

    this.filters.controls.group.valueChanges
      .pipe(
        filter((group) => !!group),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.loadCoverage());
    if (this.filters.controls.group.value) {
      this.loadCoverage();
    }
    this.filters.controls.retired.valueChanges
      .pipe(filter(Boolean), takeUntilDestroyed())
      .subscribe(() => this.loadRetired());
    if (this.filters.controls.retired.value) {
      this.loadRetired();
    }

    // The filters go into the address (without a new history entry), so "Zurück" from a detail page keeps them.
    this.filters.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => this.writeUrl());
  }

  /** On phones the map comes first: a shortcut down to the search. */
  protected jumpToDirectory(): void {
    this.directoryHeading()?.nativeElement.scrollIntoView({ block: 'start' });
    this.searchInput()?.nativeElement.focus({ preventScroll: true });
  }

  protected selectDistrict(key: string | null): void {
    this.filters.controls.district.setValue(key ?? '');
  }

  protected resetFilters(): void {
    this.filters.setValue({ query: '', district: '', membership: '', group: '', scope: 'municipal', retired: false });
  }

  protected reload(): void {
    this.loadList();
    this.loadDistricts();
  }

  protected addOrganization(): void {
    this.dialog
      .open<OrganizationFormDialog, OrganizationFormData, OrganizationFormResult>(OrganizationFormDialog, {
        data: { districts: this.districts() },
        width: '40rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((created) => {
        if (created === 'reload') {
          this.reload();
          return;
        }
        this.snackBar.open(`${created.displayName} wurde angelegt.`, 'Schließen', {
          duration: 8000,
          politeness: 'polite',
        });
        void this.router.navigate(['/kommunen', created.id]);
      });
  }

  protected loadCoverage(force = false): void {
    const current = this.coverage();
    if (!force && (current?.status === 'loading' || current?.status === 'loaded')) {
      return;
    }
    this.coverage.set({ status: 'loading' });
    this.organizations
      .coverage()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.coverage.set({ status: 'loaded', value }),
        error: (error: unknown) => this.coverage.set({ status: 'error', problem: toProblem(error) }),
      });
  }

  private loadList(): void {
    this.state.set({ status: 'loading' });
    this.organizations
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (organizations) => this.state.set({ status: 'loaded', organizations }),
        error: (error: unknown) => this.state.set({ status: 'error', problem: toProblem(error) }),
      });
  }

  private loadDistricts(): void {
    this.districtState.set({ status: 'loading' });
    this.organizations
      .districts()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.districtState.set({ status: 'loaded', value }),
        error: (error: unknown) => this.districtState.set({ status: 'error', problem: toProblem(error) }),
      });
  }

  private loadRetired(): void {
    const current = this.retired();
    if (current?.status === 'loading' || current?.status === 'loaded') {
      return;
    }
    this.retired.set({ status: 'loading' });
    this.organizations
      .list({ status: 'retired' })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.retired.set({ status: 'loaded', value }),
        error: (error: unknown) => this.retired.set({ status: 'error', problem: toProblem(error) }),
      });
  }

  private writeUrl(): void {
    // Someone typed and then followed a link within the debounce time: that navigation wins.
    if (this.router.currentNavigation()) return;
    const { query, district, membership, group, scope, retired } = this.filters.getRawValue();
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParams: {
        suche: query.trim() || null,
        kreis: district || null,
        status: membership || null,
        gruppe: group || null,
        art: scope === 'municipal' ? null : scope,
        stillgelegt: retired ? 'ja' : null,
      },
    });
  }

  private buildFilters() {
    const params = inject(ActivatedRoute).snapshot.queryParamMap;
    const membership = params.get('status') ?? '';
    const scope = params.get('art') ?? 'municipal';
    return inject(NonNullableFormBuilder).group({
      query: [params.get('suche') ?? ''],
      district: [/^\d{5}$/.test(params.get('kreis') ?? '') ? (params.get('kreis') as string) : ''],
      membership: [(MEMBERSHIP_STATUSES as readonly string[]).includes(membership) ? membership : ''] as [
        MembershipStatus | '',
      ],
      group: [params.get('gruppe') ?? ''],
      scope: [SCOPES.includes(scope) ? scope : 'municipal'],
      retired: [params.get('stillgelegt') === 'ja'],
    });
  }
}
