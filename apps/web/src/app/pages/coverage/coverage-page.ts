import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Subject, catchError, debounceTime, map, merge, of, startWith, switchMap } from 'rxjs';
import { Coverage, CoverageGroup, CoverageRow, GroupsService, groupBadge } from '../../core/groups.service';
import { apiErrorCode, apiErrorText } from '../../shared/api-errors';
import { membershipStatusLabel } from '../../shared/organization-labels';
import { SecondFactorHint } from '../../shared/second-factor-hint';

type CoverageState =
  | { status: 'loading' }
  | { status: 'loaded'; coverage: Coverage }
  | { status: 'error'; message: string; secondFactorMissing: boolean };

/** One person in a cell, as read out. */
interface CellPerson {
  id: string;
  name: string;
  lead: boolean;
}

/** A cell of the matrix, prepared for the template. */
interface CellView {
  groupId: string;
  people: CellPerson[];
  hasLead: boolean;
  /** "2 Personen: Anna Schmidt (Sprecher*in), Lea Fischer" or "niemand". */
  spoken: string;
  /** The names for the mouse tooltip. */
  tooltip: string;
}

interface RowView {
  row: CoverageRow;
  cells: CellView[];
  people: number;
  groups: number;
  status: string;
  /** Lower-case organisation, district and people names for the search. */
  haystack: string;
}

const NO_DISTRICT = '–';

function fold(text: string): string {
  return text.toLocaleLowerCase('de-DE').normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

function cellView(people: CoverageRow['cells'][number]['people'], groupId: string): CellView {
  const list = people.map((p) => ({ id: p.id, name: p.name, lead: p.role === 'lead' }));
  const names = list.map((p) => (p.lead ? `${p.name} (Sprecher*in)` : p.name));
  return {
    groupId,
    people: list,
    hasLead: list.some((p) => p.lead),
    spoken: list.length
      ? `${list.length === 1 ? '1 Person' : `${list.length} Personen`}: ${names.join(', ')}`
      : 'niemand',
    tooltip: names.join('\n'),
  };
}

function rowView(row: CoverageRow): RowView {
  const cells = row.cells.map((c) => cellView(c.people, c.groupId));
  const everyone = new Set(row.cells.flatMap((c) => c.people.map((p) => p.id)));
  return {
    row,
    cells,
    people: everyone.size,
    groups: cells.filter((c) => c.people.length > 0).length,
    status: membershipStatusLabel(row.membershipStatus),
    haystack: fold(
      [row.displayName, row.districtName ?? '', ...row.cells.flatMap((c) => c.people.map((p) => p.name))].join(' '),
    ),
  };
}

/**
 * "Wer ist wo?": organisations (rows) × active working groups (columns); each cell the number of
 * the organisation's people in the group, with their names for screen readers, on hover, or shown
 * in the table. Filter by district and search; totals per column and row; CSV download.
 */
@Component({
  selector: 'srp-coverage-page',
  imports: [
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatPrefix,
    MatProgressBar,
    ReactiveFormsModule,
    RouterLink,
    SecondFactorHint,
  ],
  templateUrl: './coverage-page.html',
  styleUrls: ['../working-groups/feedback.scss', '../working-groups/back-link.scss', './coverage-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoveragePage {
  private readonly groupsService = inject(GroupsService);

  protected readonly csvUrl = this.groupsService.coverageCsvUrl();
  protected readonly filters = inject(NonNullableFormBuilder).group({
    query: [''],
    district: [''],
    showNames: [false],
  });
  private readonly filterValue = toSignal(
    merge(
      this.filters.controls.query.valueChanges.pipe(debounceTime(200)),
      this.filters.controls.district.valueChanges,
      this.filters.controls.showNames.valueChanges,
    ).pipe(map(() => this.filters.getRawValue())),
    { initialValue: this.filters.getRawValue() },
  );
  protected readonly showNames = computed(() => this.filterValue().showNames);

  protected readonly state = signal<CoverageState>({ status: 'loading' });
  private readonly reload$ = new Subject<void>();

  protected readonly groups = computed<CoverageGroup[]>(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.coverage.groups : [];
  });
  private readonly allRows = computed<RowView[]>(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.coverage.rows.map(rowView) : [];
  });
  protected readonly districts = computed(() =>
    [...new Set(this.allRows().map((r) => r.row.districtName ?? NO_DISTRICT))].sort((a, b) => a.localeCompare(b, 'de')),
  );
  protected readonly rows = computed(() => {
    const { query, district } = this.filterValue();
    const words = fold(query).split(/\s+/).filter(Boolean);
    return this.allRows().filter(
      (r) =>
        (!district || (r.row.districtName ?? NO_DISTRICT) === district) &&
        words.every((word) => r.haystack.includes(word)),
    );
  });
  protected readonly filtered = computed(() => {
    const { query, district } = this.filterValue();
    return !!query.trim() || !!district;
  });
  /** Per group: people and organisations among the rows shown. */
  protected readonly columnTotals = computed(() =>
    this.groups().map((_, index) => {
      const cells = this.rows().map((r) => r.cells[index]);
      return {
        people: cells.reduce((sum, cell) => sum + cell.people.length, 0),
        organizations: cells.filter((cell) => cell.people.length > 0).length,
      };
    }),
  );
  protected readonly peopleTotal = computed(
    () => new Set(this.rows().flatMap((r) => r.cells.flatMap((c) => c.people.map((p) => p.id)))).size,
  );
  protected readonly countText = computed(() => {
    const shown = this.rows().length;
    const all = this.allRows().length;
    const noun = (n: number) => (n === 1 ? 'Organisation' : 'Organisationen');
    return this.filtered() ? `${shown} von ${all} ${noun(all)} angezeigt` : `${all} ${noun(all)}`;
  });

  constructor() {
    this.reload$
      .pipe(
        startWith(undefined),
        switchMap(() =>
          this.groupsService.coverage().pipe(
            map((coverage): CoverageState => ({ status: 'loaded', coverage })),
            catchError((error: unknown) =>
              of<CoverageState>({
                status: 'error',
                message: apiErrorText(error),
                secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
              }),
            ),
            startWith<CoverageState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected resetFilters(): void {
    this.filters.patchValue({ query: '', district: '' });
  }

  /** "UAG 3"; groups without a number are headed by their short name alone. */
  protected groupLabel(group: CoverageGroup): string {
    return group.number ? groupBadge({ kind: group.kind, number: group.number }) : '';
  }
}
