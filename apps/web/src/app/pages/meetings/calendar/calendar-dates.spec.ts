import { MeetingSummary } from '../../../core/meetings.service';
import {
  addMonths,
  isCalendarDate,
  isoWeek,
  meetingsByDay,
  meetingsByMonth,
  monthGrid,
  paramsFromState,
  periodTitle,
  queryOf,
  shiftDate,
  stateFromParams,
  visibleRange,
  weekDays,
} from './calendar-dates';

const GROUP = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function meeting(id: string, startsAt: string, endsAt: string): MeetingSummary {
  return {
    id,
    title: `Termin ${id}`,
    kind: 'monatsrunde',
    format: 'online',
    startsAt,
    endsAt,
    status: 'scheduled',
    hostGroup: null,
    myAnswer: null,
    place: null,
    seriesId: null,
    yesCount: 0,
  };
}

describe('calendar dates', () => {
  it('builds a month starting on a Sunday from the Monday before to the Sunday after', () => {
    // 1 November 2026 is a Sunday: the first row holds six October days.
    const weeks = monthGrid('2026-11-17');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(weeks[5][0]).toBe('2026-11-30');
    expect(weeks[5][6]).toBe('2026-12-06');
    expect(weeks.flat()).toHaveLength(42);
  });

  it('counts every day of the DST month March 2026 exactly once', () => {
    const days = monthGrid('2026-03-29').flat();
    expect(days[0]).toBe('2026-02-23');
    expect(days[days.length - 1]).toBe('2026-04-05');
    const march = days.filter((day) => day.startsWith('2026-03'));
    expect(march).toHaveLength(31);
    expect(new Set(days).size).toBe(days.length);
    // The clocks change in the night to Sunday 29 March: the next row still starts on Monday the 30th.
    expect(days.indexOf('2026-03-30') - days.indexOf('2026-03-29')).toBe(1);
    expect(monthGrid('2026-03-01')[5][0]).toBe('2026-03-30');
  });

  it('builds a month starting on a Monday without a leading row', () => {
    // 1 June 2026 is a Monday.
    const weeks = monthGrid('2026-06-10');
    expect(weeks[0][0]).toBe('2026-06-01');
    expect(weeks).toHaveLength(5);
  });

  it('knows weeks, ISO week numbers and period shifts', () => {
    expect(weekDays('2026-11-26')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(isoWeek('2026-11-23')).toBe(48);
    expect(isoWeek('2026-01-01')).toBe(1);
    expect(isoWeek('2027-01-01')).toBe(53);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(shiftDate('monat', '2026-01-31', 1)).toBe('2026-02-01');
    expect(shiftDate('woche', '2026-03-26', 1)).toBe('2026-04-02');
    expect(shiftDate('liste', '2026-11-26', -1)).toBe('2026-08-28');
    expect(visibleRange('liste', '2026-11-26')).toEqual({ from: '2026-11-26', to: '2027-02-23' });
  });

  it('titles the period in German', () => {
    expect(periodTitle('monat', '2026-11-26')).toBe('November 2026');
    expect(periodTitle('woche', '2026-11-26')).toBe('KW 48 · 23.–29. November 2026');
    expect(periodTitle('woche', '2026-12-02')).toBe('KW 49 · 30. November – 6. Dezember 2026');
    expect(periodTitle('woche', '2026-01-01')).toBe('KW 1 · 29. Dezember 2025 – 4. Januar 2026');
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('26-2-1')).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });
});

describe('calendar address', () => {
  const params = (values: Record<string, string>) => (name: string) => values[name] ?? null;

  it('reads view, date and filters from the query and drops nonsense', () => {
    expect(
      stateFromParams(
        params({
          ansicht: 'woche',
          datum: '2026-03-29',
          gruppen: `${GROUP},kaputt,${GROUP}`,
          arten: 'workshop,party,monatsrunde',
          nur: 'meine',
        }),
        '2026-11-26',
      ),
    ).toEqual({
      view: 'woche',
      date: '2026-03-29',
      groupIds: [GROUP],
      kinds: ['monatsrunde', 'workshop'],
      mine: true,
    });
    expect(stateFromParams(params({ ansicht: 'jahr', datum: '2026-13-01' }), '2026-11-26')).toEqual({
      view: 'monat',
      date: '2026-11-26',
      groupIds: [],
      kinds: [],
      mine: false,
    });
  });

  it('writes filters to the query, leaving defaults out', () => {
    const today = '2026-11-26';
    expect(
      paramsFromState(
        { view: 'liste', date: '2026-12-01', groupIds: [GROUP], kinds: ['workshop', 'messe'], mine: true },
        today,
      ),
    ).toEqual({ ansicht: 'liste', datum: '2026-12-01', gruppen: GROUP, arten: 'workshop,messe', nur: 'meine' });
    expect(paramsFromState({ view: 'monat', date: today, groupIds: [], kinds: [], mine: false }, today)).toEqual({
      ansicht: null,
      datum: null,
      gruppen: null,
      arten: null,
      nur: null,
    });
  });

  it('asks the api for the visible days and the chosen filters', () => {
    expect(queryOf({ view: 'monat', date: '2026-11-05', groupIds: [], kinds: [], mine: false })).toEqual({
      from: '2026-10-26',
      to: '2026-12-06',
    });
    expect(queryOf({ view: 'woche', date: '2026-11-26', groupIds: [GROUP], kinds: ['workshop'], mine: true })).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
      groupIds: [GROUP],
      kinds: ['workshop'],
      mine: true,
    });
  });
});

describe('meetings by day', () => {
  it('puts meetings on their Berlin day, also around the DST change', () => {
    const byDay = meetingsByDay(
      [
        // 00:30 Berlin (CET) on 1 March is still 28 February in UTC.
        meeting('a', '2026-02-28T23:30:00Z', '2026-03-01T00:30:00Z'),
        // 10:00 summer time on the day the clocks change.
        meeting('b', '2026-03-29T08:00:00Z', '2026-03-29T09:30:00Z'),
        meeting('c', '2026-03-29T07:00:00Z', '2026-03-29T07:30:00Z'),
        // A workshop from Friday to Saturday 17:00.
        meeting('d', '2026-03-27T08:00:00Z', '2026-03-28T16:00:00Z'),
        // Ends at midnight: only the one day.
        meeting('e', '2026-03-30T20:00:00Z', '2026-03-30T22:00:00Z'),
      ],
      '2026-02-23',
      '2026-04-05',
    );
    expect(byDay.get('2026-03-01')?.map((m) => m.id)).toEqual(['a']);
    expect(byDay.get('2026-02-28')).toBeUndefined();
    expect(byDay.get('2026-03-29')?.map((m) => m.id)).toEqual(['c', 'b']);
    expect(byDay.get('2026-03-27')?.map((m) => m.id)).toEqual(['d']);
    expect(byDay.get('2026-03-28')?.map((m) => m.id)).toEqual(['d']);
    expect(byDay.get('2026-03-30')?.map((m) => m.id)).toEqual(['e']);
    expect(byDay.get('2026-03-31')).toBeUndefined();
  });

  it('groups the list by month of the start', () => {
    const groups = meetingsByMonth([
      meeting('b', '2026-12-09T09:00:00Z', '2026-12-09T10:00:00Z'),
      meeting('a', '2026-11-30T23:30:00Z', '2026-12-01T00:30:00Z'),
      meeting('c', '2026-11-11T09:00:00Z', '2026-11-11T10:00:00Z'),
    ]);
    expect(groups.map((g) => [g.month, g.meetings.map((m) => m.id)])).toEqual([
      ['2026-11', ['c']],
      ['2026-12', ['a', 'b']],
    ]);
  });
});
