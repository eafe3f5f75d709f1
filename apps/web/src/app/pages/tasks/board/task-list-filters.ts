import {
  TASK_DUE_FILTERS,
  TASK_LIMITS,
  TASK_SORTS,
  TASK_STATUSES,
  type TaskDueFilter,
  type TaskSort,
  type TaskStatus,
} from '@srp/contracts';
import type { TaskQuery } from '../../../core/tasks.service';

/** The three views of the page, as they appear in `?ansicht=`; the board has no parameter. */
export type BoardView = 'board' | 'liste' | 'archiv';

/** The filters and the order of the list view. */
export interface TaskListFilters {
  /** '' (everyone), 'me', or a person's id. */
  assignee: string;
  /** Empty: every status. */
  statuses: TaskStatus[];
  label: string;
  due: TaskDueFilter | '';
  q: string;
  sort: TaskSort;
}

export const DEFAULT_SORT: TaskSort = 'due';

export const EMPTY_FILTERS: TaskListFilters = {
  assignee: '',
  statuses: [],
  label: '',
  due: '',
  q: '',
  sort: DEFAULT_SORT,
};

export const DUE_FILTER_LABELS: Record<TaskDueFilter, string> = {
  overdue: 'Überfällig',
  this_week: 'Diese Woche fällig',
  none: 'Ohne Fälligkeit',
};

export const SORT_LABELS: Record<TaskSort, string> = {
  due: 'Fälligkeit',
  priority: 'Priorität',
  updated: 'Zuletzt geändert',
  created: 'Neueste',
};

/** German names of the query parameters, so a shared address reads well. */
export const FILTER_PARAMS = {
  view: 'ansicht',
  assignee: 'person',
  statuses: 'status',
  label: 'schlagwort',
  due: 'faellig',
  q: 'suche',
  sort: 'sortierung',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

/** The view named in the address; anything unknown is the board. */
export function viewFromParam(value: string | null): BoardView {
  return value === 'liste' || value === 'archiv' ? value : 'board';
}

/**
 * Reads the filters from the query string. Values that make no sense (a hand-edited or outdated
 * link) are dropped rather than sent to the api, which would refuse the whole request.
 */
export function filtersFromParams(get: (name: string) => string | null): TaskListFilters {
  const assignee = get(FILTER_PARAMS.assignee) ?? '';
  const statuses = (get(FILTER_PARAMS.statuses) ?? '').split(',').map((s) => s.trim());
  const due = get(FILTER_PARAMS.due);
  const sort = get(FILTER_PARAMS.sort);
  return {
    assignee: assignee === 'me' || UUID.test(assignee) ? assignee : '',
    // In the board's order, once each.
    statuses: TASK_STATUSES.filter((status) => statuses.includes(status)),
    label: (get(FILTER_PARAMS.label) ?? '').trim().slice(0, TASK_LIMITS.label),
    due: oneOf(TASK_DUE_FILTERS, due) ? due : '',
    q: (get(FILTER_PARAMS.q) ?? '').slice(0, 200),
    sort: oneOf(TASK_SORTS, sort) ? sort : DEFAULT_SORT,
  };
}

/** The filters as query parameters; null removes a parameter (Angular's router merges them). */
export function filtersToParams(filters: TaskListFilters): Record<string, string | null> {
  return {
    [FILTER_PARAMS.assignee]: filters.assignee || null,
    [FILTER_PARAMS.statuses]: filters.statuses.length ? sortedStatuses(filters.statuses).join(',') : null,
    [FILTER_PARAMS.label]: filters.label.trim() || null,
    [FILTER_PARAMS.due]: filters.due || null,
    [FILTER_PARAMS.q]: filters.q.trim() || null,
    [FILTER_PARAMS.sort]: filters.sort === DEFAULT_SORT ? null : filters.sort,
  };
}

/** The api's query for one group's list (and its CSV export): only what is set. */
export function filtersToQuery(groupId: string, filters: TaskListFilters): TaskQuery {
  const query: TaskQuery = { groupId, sort: filters.sort };
  if (filters.assignee) query.assignee = filters.assignee;
  if (filters.statuses.length) query.status = sortedStatuses(filters.statuses);
  if (filters.label.trim()) query.label = filters.label.trim();
  if (filters.due) query.due = filters.due;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

/** Whether anything narrows the list (the order does not). */
export function isFiltered(filters: TaskListFilters): boolean {
  return !!(filters.assignee || filters.statuses.length || filters.label.trim() || filters.due || filters.q.trim());
}

function sortedStatuses(statuses: readonly TaskStatus[]): TaskStatus[] {
  return TASK_STATUSES.filter((status) => statuses.includes(status));
}
