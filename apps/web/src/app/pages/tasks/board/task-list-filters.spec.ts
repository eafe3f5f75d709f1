import {
  EMPTY_FILTERS,
  TaskListFilters,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  isFiltered,
  viewFromParam,
} from './task-list-filters';

const GROUP = '18514f7f-7785-4a1b-8ee0-27d40092bbdc';
const PERSON = '10000000-0000-4000-8000-000000000002';

const from = (params: Record<string, string>) => filtersFromParams((name) => params[name] ?? null);

describe('task list filters', () => {
  it('reads every filter from German query parameters', () => {
    expect(
      from({
        person: PERSON,
        status: 'in_progress,open',
        schlagwort: 'Förderung',
        faellig: 'overdue',
        suche: 'Förderantrag',
        sortierung: 'priority',
      }),
    ).toEqual({
      assignee: PERSON,
      // In board order, whatever order the link had.
      statuses: ['open', 'in_progress'],
      label: 'Förderung',
      due: 'overdue',
      q: 'Förderantrag',
      sort: 'priority',
    });
  });

  it('drops values the api would refuse, instead of failing the whole list', () => {
    expect(from({ person: 'jemand', status: 'open,gelöscht,open', faellig: 'morgen', sortierung: 'zufall' })).toEqual({
      ...EMPTY_FILTERS,
      statuses: ['open'],
    });
    expect(from({ person: 'me' }).assignee).toBe('me');
    expect(from({ schlagwort: 'x'.repeat(80) }).label).toHaveLength(40);
  });

  it('writes only what is set, so the address stays short; the default order is left out', () => {
    expect(filtersToParams(EMPTY_FILTERS)).toEqual({
      person: null,
      status: null,
      schlagwort: null,
      faellig: null,
      suche: null,
      sortierung: null,
    });
    const filters: TaskListFilters = {
      assignee: 'me',
      statuses: ['done', 'blocked'],
      label: ' Förderung ',
      due: 'this_week',
      q: '  Sensor ',
      sort: 'updated',
    };
    expect(filtersToParams(filters)).toEqual({
      person: 'me',
      status: 'blocked,done',
      schlagwort: 'Förderung',
      faellig: 'this_week',
      suche: 'Sensor',
      sortierung: 'updated',
    });
  });

  it('survives the round trip through the address', () => {
    const filters: TaskListFilters = {
      assignee: PERSON,
      statuses: ['open', 'blocked'],
      label: 'Sensorik',
      due: 'none',
      q: 'Förderantrag',
      sort: 'created',
    };
    const params = filtersToParams(filters);
    expect(filtersFromParams((name) => params[name] ?? null)).toEqual(filters);
  });

  it('builds the api query with only the set filters', () => {
    expect(filtersToQuery(GROUP, EMPTY_FILTERS)).toEqual({ groupId: GROUP, sort: 'due' });
    expect(
      filtersToQuery(GROUP, {
        assignee: 'me',
        statuses: ['in_progress', 'open'],
        label: 'Förderung',
        due: 'overdue',
        q: ' Antrag ',
        sort: 'priority',
      }),
    ).toEqual({
      groupId: GROUP,
      assignee: 'me',
      status: ['open', 'in_progress'],
      label: 'Förderung',
      due: 'overdue',
      q: 'Antrag',
      sort: 'priority',
    });
  });

  it('knows whether anything narrows the list (the order does not)', () => {
    expect(isFiltered(EMPTY_FILTERS)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, sort: 'created' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, q: '   ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, statuses: ['done'] })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTERS, due: 'none' })).toBe(true);
  });

  it('reads the view', () => {
    expect(viewFromParam('liste')).toBe('liste');
    expect(viewFromParam('archiv')).toBe('archiv');
    expect(viewFromParam(null)).toBe('board');
    expect(viewFromParam('kanban')).toBe('board');
  });
});
