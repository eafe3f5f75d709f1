import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TASK_DUE_FILTERS, TASK_SORTS, TASK_STATUSES, type TaskDueFilter, type TaskSort } from '@srp/contracts';
import {
  Subject,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  merge,
  switchMap,
  startWith,
  catchError,
  of,
} from 'rxjs';
import { TASK_STATUS_LABELS, TaskPerson, TaskSummary, TasksService } from '../../../core/tasks.service';
import { apiErrorText } from '../../../shared/api-errors';
import { BerlinDatePipe } from '../../../shared/berlin-date.pipe';
import { TaskDueChip, TaskPriorityChip, TaskStatusChip } from '../task-chips';
import { loadNextPage, PagedTasks } from './task-pages';
import {
  DUE_FILTER_LABELS,
  EMPTY_FILTERS,
  SORT_LABELS,
  TaskListFilters,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  isFiltered,
} from './task-list-filters';

/** Rows per page; "Weitere laden" asks for the next page by its cursor. */
export const PAGE_SIZE = 50;

type ListState = PagedTasks;

/**
 * The list view of a group's tasks: filters (person, status, label, due, full-text search) and the
 * order live in the address, so a filtered list can be shared; the CSV link downloads the same
 * selection. Pages are loaded by keyset ("Weitere laden").
 */
@Component({
  selector: 'srp-task-list-view',
  imports: [
    BerlinDatePipe,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatPrefix,
    MatProgressBar,
    ReactiveFormsModule,
    RouterLink,
    TaskDueChip,
    TaskPriorityChip,
    TaskStatusChip,
  ],
  templateUrl: './task-list-view.html',
  styleUrl: './task-list-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskListView {
  readonly groupId = input.required<string>();
  /** The group's members, for the person filter. */
  readonly members = input<readonly TaskPerson[]>([]);
  /** Labels used in the group, for the label filter. */
  readonly labels = input<readonly string[]>([]);
  readonly myId = input<string | null>(null);

  private readonly tasks = inject(TasksService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly statuses = TASK_STATUSES;
  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly dueFilters = TASK_DUE_FILTERS;
  protected readonly dueLabels = DUE_FILTER_LABELS;
  protected readonly sorts = TASK_SORTS;
  protected readonly sortLabels = SORT_LABELS;

  /** The filters as the address says (the single source of truth). */
  protected readonly filters = toSignal(
    this.route.queryParamMap.pipe(map((params) => filtersFromParams((name) => params.get(name)))),
    { initialValue: filtersFromParams((name) => this.route.snapshot.queryParamMap.get(name)) },
  );
  protected readonly filtered = computed(() => isFiltered(this.filters()));
  protected readonly csvUrl = computed(() => this.tasks.csvUrl(filtersToQuery(this.groupId(), this.filters())));
  protected readonly otherMembers = computed(() =>
    [...this.members()].sort((a, b) => a.name.localeCompare(b.name, 'de')),
  );
  /** A label in the address that the group no longer uses still shows as an option. */
  protected readonly labelOptions = computed(() => {
    const current = this.filters().label;
    const labels = [...this.labels()];
    return current && !labels.includes(current) ? [current, ...labels] : labels;
  });

  protected readonly form = this.fb.group({
    q: [this.filters().q],
    assignee: [this.filters().assignee],
    open: [this.filters().statuses.includes('open')],
    in_progress: [this.filters().statuses.includes('in_progress')],
    blocked: [this.filters().statuses.includes('blocked')],
    done: [this.filters().statuses.includes('done')],
    label: [this.filters().label],
    due: [this.filters().due as TaskDueFilter | ''],
    sort: [this.filters().sort as TaskSort],
  });

  protected readonly state = signal<ListState>({ status: 'loading' });
  protected readonly countText = computed(() => {
    const state = this.state();
    if (state.status !== 'loaded') {
      return '';
    }
    const n = state.items.length;
    const noun = n === 1 ? 'Aufgabe' : 'Aufgaben';
    return state.nextCursor ? `${n} ${noun} geladen, weitere vorhanden` : `${n} ${noun}`;
  });

  private readonly reloads = new Subject<void>();

  constructor() {
    // Form → address: typing in the search waits a moment; the rest applies at once.
    merge(
      this.form.controls.q.valueChanges.pipe(debounceTime(400)),
      merge(
        ...(['assignee', 'open', 'in_progress', 'blocked', 'done', 'label', 'due', 'sort'] as const).map(
          (name) => this.form.controls[name].valueChanges,
        ),
      ),
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.writeUrl(this.formFilters()));

    // Address → form (back button, a shared link, "Filter zurücksetzen"), without echoing back.
    toObservable(this.filters)
      .pipe(takeUntilDestroyed())
      .subscribe((filters) => this.fillForm(filters));

    // Address (and group) → list.
    combineLatest([toObservable(this.groupId), toObservable(this.filters)])
      .pipe(
        map(([groupId, filters]) => ({ groupId, filters, key: JSON.stringify([groupId, filters]) })),
        distinctUntilChanged((a, b) => a.key === b.key),
        switchMap((query) =>
          this.reloads.pipe(
            startWith(undefined),
            map(() => query),
          ),
        ),
        switchMap(({ groupId, filters }) =>
          this.tasks.list({ ...filtersToQuery(groupId, filters), limit: PAGE_SIZE }).pipe(
            map(
              (page): ListState => ({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
            ),
            catchError((error: unknown) => of<ListState>({ status: 'error', message: apiErrorText(error) })),
            startWith<ListState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  /** Loads the first page again (after a new task, a reload of the board). */
  reload(): void {
    this.reloads.next();
  }

  protected loadMore(): void {
    loadNextPage(
      this.state,
      (cursor) => this.tasks.list({ ...filtersToQuery(this.groupId(), this.filters()), limit: PAGE_SIZE, cursor }),
      this.destroyRef,
    );
  }

  protected resetFilters(): void {
    this.writeUrl({ ...EMPTY_FILTERS, sort: this.filters().sort });
  }

  protected assigneeNames(task: TaskSummary): string {
    return task.assignees.map((person) => person.name).join(', ');
  }

  private formFilters(): TaskListFilters {
    const v = this.form.getRawValue();
    return {
      assignee: v.assignee,
      statuses: this.statuses.filter((status) => v[status]),
      label: v.label,
      due: v.due,
      q: v.q,
      sort: v.sort,
    };
  }

  private fillForm(filters: TaskListFilters): void {
    const current = this.formFilters();
    const patch = {
      assignee: filters.assignee,
      open: filters.statuses.includes('open'),
      in_progress: filters.statuses.includes('in_progress'),
      blocked: filters.statuses.includes('blocked'),
      done: filters.statuses.includes('done'),
      label: filters.label,
      due: filters.due,
      sort: filters.sort,
      // Someone still typing keeps their text; the address catches up after the pause.
      ...(current.q.trim() === filters.q.trim() ? {} : { q: filters.q }),
    };
    this.form.patchValue(patch, { emitEvent: false });
  }

  private writeUrl(filters: TaskListFilters): void {
    // A link followed within the search pause wins.
    if (this.router.currentNavigation()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParamsHandling: 'merge',
      queryParams: filtersToParams(filters),
    });
  }
}
