import { addDays, dueBucket, endOfWeek, groupByDue } from './due-groups';

describe('due grouping', () => {
  // Thursday, 26 November 2026.
  const today = '2026-11-26';

  it('counts calendar days across month, year and daylight-saving boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('ends the week on Sunday, also when today is Monday or Sunday', () => {
    expect(endOfWeek('2026-11-26')).toBe('2026-11-29');
    expect(endOfWeek('2026-11-23')).toBe('2026-11-29');
    expect(endOfWeek('2026-11-29')).toBe('2026-11-29');
    expect(endOfWeek('2026-12-28')).toBe('2027-01-03');
  });

  it('puts each due date under its heading', () => {
    expect(dueBucket('2026-11-25', today)).toBe('overdue');
    expect(dueBucket('2025-12-31', today)).toBe('overdue');
    expect(dueBucket('2026-11-26', today)).toBe('today');
    expect(dueBucket('2026-11-27', today)).toBe('this_week');
    expect(dueBucket('2026-11-29', today)).toBe('this_week');
    expect(dueBucket('2026-11-30', today)).toBe('later');
    expect(dueBucket(null, today)).toBe('none');
    expect(dueBucket('', today)).toBe('none');
  });

  it('has no "Diese Woche" on a Sunday: tomorrow is already next week', () => {
    expect(dueBucket('2026-11-30', '2026-11-29')).toBe('later');
  });

  it('groups overdue first, keeps the api order within a group and leaves out empty groups', () => {
    const items = [
      { id: 'a', dueDate: '2026-11-20' },
      { id: 'b', dueDate: '2026-11-24' },
      { id: 'c', dueDate: '2026-11-28' },
      { id: 'd', dueDate: '2027-01-10' },
      { id: 'e', dueDate: null },
      { id: 'f', dueDate: '2026-11-27' },
    ];
    const groups = groupByDue(items, today);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['Überfällig', ['a', 'b']],
      ['Diese Woche', ['c', 'f']],
      ['Später', ['d']],
      ['Ohne Fälligkeit', ['e']],
    ]);
    expect(groupByDue([], today)).toEqual([]);
  });
});
