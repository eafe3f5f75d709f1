import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged, map, switchMap, tap } from 'rxjs';
import { GroupSummary, GroupsService } from '../../core/groups.service';
import { berlinDate } from '../../core/meetings.service';
import { Decision, DecisionQuery, MinutesService } from '../../core/minutes.service';
import { apiErrorText } from '../../shared/api-errors';

/** How long the search waits after the last key stroke (ms). */
const SEARCH_DELAY = 400;
const PAGE_SIZE = 25;

/** The filters as they stand in the address (`?q=&gruppe=&von=&bis=`), so a search can be shared. */
interface Filters {
  q: string;
  groupId: string;
  from: string;
  to: string;
}

function filtersOf(params: ParamMap): Filters {
  return {
    q: params.get('q') ?? '',
    groupId: params.get('gruppe') ?? '',
    from: params.get('von') ?? '',
    to: params.get('bis') ?? '',
  };
}

function queryOf(filters: Filters, cursor?: string): DecisionQuery {
  return {
    q: filters.q.trim() || undefined,
    groupId: filters.groupId || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    cursor,
    limit: PAGE_SIZE,
  };
}

/**
 * The decision register (`/beschluesse`): every decision of released minutes the person may see,
 * newest first, with German full-text search, group and date filters.
 */
@Component({
  selector: 'srp-decisions-page',
  imports: [
    FormsModule,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatPrefix,
    MatProgressBar,
    MatSelect,
    RouterLink,
  ],
  templateUrl: './decisions-page.html',
  styleUrls: ['../working-groups/feedback.scss', '../working-groups/markdown.scss', './decisions-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionsPage {
  private readonly service = inject(MinutesService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly filters = signal<Filters>({ q: '', groupId: '', from: '', to: '' });
  protected readonly search = signal('');
  protected readonly groups = signal<GroupSummary[]>([]);
  protected readonly decisions = signal<Decision[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly filtered = computed(() => Object.values(this.filters()).some((v) => v !== ''));
  protected readonly date = berlinDate;

  private readonly typed = new Subject<string>();

  constructor() {
    inject(GroupsService)
      .list()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (groups) => this.groups.set(groups), error: () => this.groups.set([]) });

    this.route.queryParamMap
      .pipe(
        map(filtersOf),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        tap((filters) => {
          this.filters.set(filters);
          this.search.set(filters.q);
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((filters) => this.service.decisions(queryOf(filters))),
        takeUntilDestroyed(),
      )
      .subscribe({
        next: (page) => {
          this.decisions.set(page.items);
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.error.set(apiErrorText(error));
        },
      });

    this.typed
      .pipe(debounceTime(SEARCH_DELAY), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.navigate({ q }));
  }

  protected onSearch(value: string): void {
    this.search.set(value);
    this.typed.next(value);
  }

  protected setFilter(change: Partial<Filters>): void {
    this.navigate(change);
  }

  protected reset(): void {
    this.search.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.service
      .decisions(queryOf(this.filters(), cursor))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.decisions.update((list) => [...list, ...page.items]);
          this.nextCursor.set(page.nextCursor);
          this.loadingMore.set(false);
        },
        error: (error: unknown) => {
          this.loadingMore.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }

  protected retry(): void {
    const filters = this.filters();
    this.loading.set(true);
    this.error.set(null);
    this.service.decisions(queryOf(filters)).subscribe({
      next: (page) => {
        this.decisions.set(page.items);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(apiErrorText(error));
      },
    });
  }

  private navigate(change: Partial<Filters>): void {
    const next = { ...this.filters(), ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: next.q.trim() || null,
        gruppe: next.groupId || null,
        von: next.from || null,
        bis: next.to || null,
      },
    });
  }
}
