import type { RecurrenceRule } from '@srp/contracts';
import { describe, expect, it } from 'vitest';
import { addDays, berlinParts, weekdayOf } from './berlin-time';
import { describeRule, occurrenceDates, occurrences, splitRule, validateRule } from './recurrence';

const MINUTE_MS = 60_000;

function rule(overrides: Partial<RecurrenceRule>): RecurrenceRule {
  return {
    frequency: 'weekly',
    interval: 1,
    weekday: 'we',
    startDate: '2026-01-01',
    startTime: '10:00',
    durationMinutes: 60,
    until: null,
    count: 10,
    ...overrides,
  };
}

const secondWednesday2026 = rule({
  frequency: 'monthly',
  monthlyBy: 'weekday',
  weekday: 'we',
  setPosition: 2,
  startDate: '2026-01-01',
  startTime: '10:00',
  durationMinutes: 90,
  until: '2026-12-31',
  count: null,
});

describe('occurrenceDates', () => {
  it('finds every 2nd Wednesday of 2026', () => {
    expect(occurrenceDates(secondWednesday2026)).toEqual([
      '2026-01-14',
      '2026-02-11',
      '2026-03-11',
      '2026-04-08',
      '2026-05-13',
      '2026-06-10',
      '2026-07-08',
      '2026-08-12',
      '2026-09-09',
      '2026-10-14',
      '2026-11-11',
      '2026-12-09',
    ]);
  });

  it('finds the last Sunday of March and of October (setPosition -1)', () => {
    const lastSunday = (startDate: string) =>
      rule({
        frequency: 'monthly',
        monthlyBy: 'weekday',
        weekday: 'su',
        setPosition: -1,
        interval: 12,
        startDate,
        count: 2,
      });
    expect(occurrenceDates(lastSunday('2026-03-01'))).toEqual(['2026-03-29', '2027-03-28']);
    expect(occurrenceDates(lastSunday('2026-10-01'))).toEqual(['2026-10-25', '2027-10-31']);
  });

  it('finds the last weekday of every month, including months with five of them', () => {
    const dates = occurrenceDates(
      rule({ frequency: 'monthly', monthlyBy: 'weekday', weekday: 'su', setPosition: -1, count: 12 }),
    );
    expect(dates).toEqual([
      '2026-01-25',
      '2026-02-22',
      '2026-03-29',
      '2026-04-26',
      '2026-05-31',
      '2026-06-28',
      '2026-07-26',
      '2026-08-30',
      '2026-09-27',
      '2026-10-25',
      '2026-11-29',
      '2026-12-27',
    ]);
    for (const date of dates) {
      expect(weekdayOf(date)).toBe('su');
      expect(addDays(date, 7).slice(0, 7)).not.toBe(date.slice(0, 7));
    }
  });

  it('finds the 1st and 4th weekday of a month', () => {
    const nth = (setPosition: 1 | 4) =>
      occurrenceDates(
        rule({
          frequency: 'monthly',
          monthlyBy: 'weekday',
          weekday: 'mo',
          setPosition,
          startDate: '2026-02-01',
          count: 3,
        }),
      );
    expect(nth(1)).toEqual(['2026-02-02', '2026-03-02', '2026-04-06']);
    expect(nth(4)).toEqual(['2026-02-23', '2026-03-23', '2026-04-27']);
  });

  it('skips months without the 31st', () => {
    expect(
      occurrenceDates(
        rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 31, until: '2026-12-31', count: null }),
      ),
    ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31', '2026-12-31']);
  });

  it('has a 29th of February only in leap years', () => {
    const on29th = rule({
      frequency: 'monthly',
      monthlyBy: 'date',
      monthDay: 29,
      startDate: '2027-01-01',
      until: '2028-03-31',
      count: null,
    });
    const dates = occurrenceDates(on29th);
    expect(dates).not.toContain('2027-02-28');
    expect(dates.filter((date) => date.startsWith('2027-'))).toHaveLength(11);
    expect(dates.slice(-3)).toEqual(['2028-01-29', '2028-02-29', '2028-03-29']);
  });

  it('waits for the next leap year, also across the skipped leap day of 2100', () => {
    const yearly29thFeb = (startDate: string) =>
      rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 29, interval: 12, startDate, count: 2 });
    expect(occurrenceDates(yearly29thFeb('2027-02-01'))).toEqual(['2028-02-29', '2032-02-29']);
    expect(occurrenceDates(yearly29thFeb('2096-02-01'))).toEqual(['2096-02-29', '2104-02-29']);
  });

  it('ends on a date that never occurs', () => {
    const never = rule({
      frequency: 'monthly',
      monthlyBy: 'date',
      monthDay: 30,
      interval: 12,
      startDate: '2026-02-01',
    });
    expect(occurrenceDates(never)).toEqual([]);
  });

  it('starts with the first matching date on or after startDate', () => {
    const monthly15th = rule({
      frequency: 'monthly',
      monthlyBy: 'date',
      monthDay: 15,
      startDate: '2026-01-20',
      count: 2,
    });
    expect(occurrenceDates(monthly15th)).toEqual(['2026-02-15', '2026-03-15']);
    expect(occurrenceDates({ ...monthly15th, interval: 2 })).toEqual(['2026-03-15', '2026-05-15']);
    expect(occurrenceDates({ ...monthly15th, startDate: '2026-01-15' })).toEqual(['2026-01-15', '2026-02-15']);
  });

  it('counts the weeks of a fortnightly series from the ISO week of startDate', () => {
    const fortnightly = (startDate: string) =>
      occurrenceDates(rule({ interval: 2, weekday: 'we', startDate, count: 3 }));
    // Week of Monday 12 January: its Wednesday is before a Thursday/Sunday start, so week 3 is next.
    expect(fortnightly('2026-01-15')).toEqual(['2026-01-28', '2026-02-11', '2026-02-25']);
    expect(fortnightly('2026-01-18')).toEqual(['2026-01-28', '2026-02-11', '2026-02-25']);
    expect(fortnightly('2026-01-14')).toEqual(['2026-01-14', '2026-01-28', '2026-02-11']);
    expect(fortnightly('2026-01-19')).toEqual(['2026-01-21', '2026-02-04', '2026-02-18']);
  });

  it('repeats every n months by weekday', () => {
    const everyOtherMonth = rule({ ...secondWednesday2026, interval: 2, until: null, count: 3 });
    expect(occurrenceDates(everyOtherMonth)).toEqual(['2026-01-14', '2026-03-11', '2026-05-13']);
  });

  describe('ends', () => {
    const weekly = rule({ weekday: 'we', startDate: '2026-01-14', count: 5 });

    it('after count occurrences', () => {
      expect(occurrenceDates(weekly)).toEqual(['2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04', '2026-02-11']);
    });

    it('on until, inclusive', () => {
      expect(occurrenceDates({ ...weekly, count: null, until: '2026-02-11' })).toHaveLength(5);
      expect(occurrenceDates({ ...weekly, count: null, until: '2026-02-10' })).toHaveLength(4);
      expect(occurrenceDates({ ...weekly, count: null, until: '2026-01-14' })).toEqual(['2026-01-14']);
    });

    it('counts from the series start when `from` skips some', () => {
      expect(occurrenceDates(weekly, { from: '2026-01-29' })).toEqual(['2026-02-04', '2026-02-11']);
      expect(occurrenceDates(weekly, { from: '2026-01-28' })).toEqual(['2026-01-28', '2026-02-04', '2026-02-11']);
      expect(occurrenceDates(weekly, { from: '2026-02-12' })).toEqual([]);
      expect(occurrenceDates(weekly, { from: '2025-01-01' })).toHaveLength(5);
    });

    it('after `limit` dates', () => {
      expect(occurrenceDates(weekly, { limit: 2 })).toEqual(['2026-01-14', '2026-01-21']);
      expect(occurrenceDates(weekly, { from: '2026-01-20', limit: 2 })).toEqual(['2026-01-21', '2026-01-28']);
      expect(occurrenceDates(weekly, { limit: 0 })).toEqual([]);
      expect(() => occurrenceDates(weekly, { limit: -1 })).toThrow(RangeError);
      expect(() => occurrenceDates(weekly, { from: '2026-02-30' })).toThrow(RangeError);
    });

    it('never after more than 104 occurrences', () => {
      const long = { ...weekly, count: null, until: '2030-12-31' };
      const dates = occurrenceDates(long);
      expect(dates).toHaveLength(104);
      expect(dates[103]).toBe(addDays('2026-01-14', 103 * 7));
      expect(occurrenceDates(long, { from: dates[103] })).toEqual([dates[103]]);
      expect(occurrenceDates(long, { from: addDays(dates[103] as string, 1) })).toEqual([]);
      expect(occurrenceDates({ ...weekly, count: 104 })).toHaveLength(104);
    });
  });

  it('refuses a rule that cannot be evaluated', () => {
    expect(() => occurrenceDates(rule({ interval: 0 }))).toThrow(RangeError);
    expect(() => occurrenceDates(rule({ weekday: undefined }))).toThrow(/Wochentag/);
  });
});

describe('occurrences', () => {
  it('starts the 2nd-Wednesday series at 10:00 Berlin time, winter and summer', () => {
    const byDate = new Map(occurrences(secondWednesday2026).map((o) => [o.date, o]));
    expect(byDate.get('2026-01-14')?.startsAt.toISOString()).toBe('2026-01-14T09:00:00.000Z');
    expect(byDate.get('2026-03-11')?.startsAt.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    expect(byDate.get('2026-04-08')?.startsAt.toISOString()).toBe('2026-04-08T08:00:00.000Z');
    expect(byDate.get('2026-10-14')?.startsAt.toISOString()).toBe('2026-10-14T08:00:00.000Z');
    expect(byDate.get('2026-11-11')?.startsAt.toISOString()).toBe('2026-11-11T09:00:00.000Z');
    expect(byDate.get('2026-11-11')?.endsAt.toISOString()).toBe('2026-11-11T10:30:00.000Z');
    for (const occurrence of byDate.values()) {
      expect(berlinParts(occurrence.startsAt)).toEqual({ date: occurrence.date, time: '10:00', weekday: 'we' });
      expect(berlinParts(occurrence.endsAt).time).toBe('11:30');
    }
  });

  it('moves a Sunday 02:30 meeting to 03:30 CEST in the March gap', () => {
    const sundays = occurrences(rule({ weekday: 'su', startDate: '2026-03-22', startTime: '02:30', count: 3 }));
    expect(sundays.map((o) => [o.date, o.startsAt.toISOString()])).toEqual([
      ['2026-03-22', '2026-03-22T01:30:00.000Z'],
      ['2026-03-29', '2026-03-29T01:30:00.000Z'],
      ['2026-04-05', '2026-04-05T00:30:00.000Z'],
    ]);
    expect(berlinParts(sundays[1]?.startsAt as Date).time).toBe('03:30');
  });

  it('holds a Sunday 02:30 meeting at the first 02:30 (CEST) in the October overlap', () => {
    const sundays = occurrences(rule({ weekday: 'su', startDate: '2026-10-18', startTime: '02:30', count: 3 }));
    expect(sundays.map((o) => [o.date, o.startsAt.toISOString()])).toEqual([
      ['2026-10-18', '2026-10-18T00:30:00.000Z'],
      ['2026-10-25', '2026-10-25T00:30:00.000Z'],
      ['2026-11-01', '2026-11-01T01:30:00.000Z'],
    ]);
  });

  it('keeps the real duration of a meeting across a DST change', () => {
    const at0130 = (startDate: string) =>
      occurrences(rule({ weekday: 'su', startDate, startTime: '01:30', durationMinutes: 120, count: 1 }))[0];
    const march = at0130('2026-03-29');
    const october = at0130('2026-10-25');
    // Two real hours: on the wall clock 01:30–04:30 in March, 01:30–02:30 (the second one) in October.
    expect(berlinParts(march?.endsAt as Date).time).toBe('04:30');
    expect(berlinParts(october?.endsAt as Date).time).toBe('02:30');
    expect(october?.endsAt.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('always ends durationMinutes real minutes after the start', () => {
    for (const startTime of ['00:00', '01:30', '02:00', '02:30', '03:00', '23:45']) {
      for (const durationMinutes of [5, 60, 120, 185, 1440]) {
        const series = occurrences(
          rule({
            weekday: 'su',
            startDate: '2026-03-01',
            startTime,
            durationMinutes,
            until: '2027-04-30',
            count: null,
          }),
        );
        expect(series).toHaveLength(61);
        for (const { startsAt, endsAt } of series) {
          expect(endsAt.getTime() - startsAt.getTime()).toBe(durationMinutes * MINUTE_MS);
        }
      }
    }
  });
});

describe('validateRule', () => {
  it('accepts valid rules', () => {
    expect(validateRule(secondWednesday2026)).toEqual([]);
    expect(validateRule(rule({}))).toEqual([]);
    expect(validateRule(rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 31, weekday: undefined }))).toEqual(
      [],
    );
    expect(validateRule(rule({ count: 104, durationMinutes: 1440, startTime: '23:59' }))).toEqual([]);
    expect(validateRule(rule({ count: 1, durationMinutes: 5, startTime: '00:00', interval: 12 }))).toEqual([]);
    expect(validateRule(rule({ count: null, until: '2026-01-07' }))).toEqual([]);
  });

  it('checks the interval', () => {
    const message = 'Das Intervall muss eine ganze Zahl zwischen 1 und 12 sein.';
    expect(validateRule(rule({ interval: 0 }))).toEqual([message]);
    expect(validateRule(rule({ interval: 13 }))).toEqual([message]);
    expect(validateRule(rule({ interval: 1.5 }))).toEqual([message]);
  });

  it('checks the frequency', () => {
    expect(validateRule(rule({ frequency: 'daily' as never }))).toEqual([
      'Bitte wählen Sie, ob die Serie wöchentlich oder monatlich wiederholt wird.',
    ]);
  });

  it('needs a weekday for weekly series', () => {
    expect(validateRule(rule({ weekday: undefined }))).toEqual(['Bitte wählen Sie den Wochentag der Serie.']);
    expect(validateRule(rule({ weekday: 'xx' as never }))).toEqual(['Bitte wählen Sie den Wochentag der Serie.']);
  });

  it('needs monthlyBy and its fields for monthly series', () => {
    expect(validateRule(rule({ frequency: 'monthly' }))).toEqual([
      'Bitte wählen Sie, ob sich die monatliche Serie nach dem Wochentag oder nach dem Datum richtet.',
    ]);
    expect(
      validateRule(rule({ frequency: 'monthly', monthlyBy: 'weekday', weekday: undefined, setPosition: 5 as never })),
    ).toEqual([
      'Bitte wählen Sie den Wochentag der Serie.',
      'Bitte wählen Sie, am wievielten Wochentag im Monat (1. bis 4. oder letzter) die Serie stattfindet.',
    ]);
    const dayMessage = 'Der Tag im Monat muss eine ganze Zahl zwischen 1 und 31 sein.';
    expect(validateRule(rule({ frequency: 'monthly', monthlyBy: 'date' }))).toEqual([dayMessage]);
    expect(validateRule(rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 0 }))).toEqual([dayMessage]);
    expect(validateRule(rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 32 }))).toEqual([dayMessage]);
  });

  it('needs exactly one of until and count', () => {
    expect(validateRule(rule({ count: null, until: null }))).toEqual([
      'Bitte geben Sie ein Enddatum oder die Anzahl der Termine an.',
    ]);
    expect(validateRule(rule({ count: 5, until: '2026-12-31' }))).toEqual([
      'Bitte geben Sie entweder ein Enddatum oder die Anzahl der Termine an, nicht beides.',
    ]);
  });

  it('limits the count to 1–104', () => {
    const message = 'Die Anzahl der Termine muss eine ganze Zahl zwischen 1 und 104 sein.';
    expect(validateRule(rule({ count: 0 }))).toEqual([message]);
    expect(validateRule(rule({ count: 105 }))).toEqual([message]);
  });

  it('needs until to be a real date not before the start', () => {
    expect(validateRule(rule({ count: null, until: '2026-02-30' }))).toEqual(['Das Enddatum ist kein gültiges Datum.']);
    expect(validateRule(rule({ count: null, until: '2025-12-31' }))).toEqual([
      'Das Enddatum darf nicht vor dem Startdatum liegen.',
    ]);
  });

  it('checks start date, start time and duration', () => {
    expect(validateRule(rule({ startDate: '2027-02-29' }))).toEqual(['Das Startdatum ist kein gültiges Datum.']);
    const timeMessage = 'Die Uhrzeit muss im Format HH:MM zwischen 00:00 und 23:59 liegen.';
    expect(validateRule(rule({ startTime: '24:00' }))).toEqual([timeMessage]);
    expect(validateRule(rule({ startTime: '9:30' }))).toEqual([timeMessage]);
    expect(validateRule(rule({ startTime: '10:60' }))).toEqual([timeMessage]);
    const durationMessage = 'Die Dauer muss eine ganze Zahl zwischen 5 und 1440 Minuten sein.';
    expect(validateRule(rule({ durationMinutes: 4 }))).toEqual([durationMessage]);
    expect(validateRule(rule({ durationMinutes: 1441 }))).toEqual([durationMessage]);
  });

  it('reports every problem at once', () => {
    expect(validateRule(rule({ interval: 0, startTime: 'x', durationMinutes: 0, count: null }))).toHaveLength(4);
  });

  it('rejects a series without any occurrence', () => {
    const message = 'Die Serie enthält keinen Termin. Bitte prüfen Sie Startdatum, Enddatum und Rhythmus.';
    expect(validateRule(rule({ weekday: 'mo', startDate: '2026-01-06', until: '2026-01-11', count: null }))).toEqual([
      message,
    ]);
    expect(
      validateRule(
        rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 31, interval: 12, startDate: '2026-02-01' }),
      ),
    ).toEqual([message]);
  });

  it('rejects an until-based series of more than 104 occurrences instead of cutting it short', () => {
    const weekly = rule({ weekday: 'we', startDate: '2026-01-14', count: null });
    const last = addDays('2026-01-14', 103 * 7);
    expect(validateRule({ ...weekly, until: last })).toEqual([]);
    expect(validateRule({ ...weekly, until: addDays(last, 7) })).toEqual([
      'Eine Serie darf höchstens 104 Termine umfassen. Bitte wählen Sie ein früheres Enddatum.',
    ]);
  });
});

describe('describeRule', () => {
  it('describes monthly series by weekday', () => {
    expect(describeRule(secondWednesday2026)).toBe('Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, bis 31.12.2026');
    expect(
      describeRule(
        rule({
          frequency: 'monthly',
          monthlyBy: 'weekday',
          weekday: 'fr',
          setPosition: -1,
          startTime: '18:00',
          durationMinutes: 120,
          count: 6,
        }),
      ),
    ).toBe('Jeden letzten Freitag im Monat, 18:00–20:00 Uhr, 6 Termine');
    expect(
      describeRule(rule({ frequency: 'monthly', monthlyBy: 'weekday', weekday: 'mo', setPosition: 1, interval: 3 })),
    ).toBe('Alle 3 Monate am 1. Montag, 10:00–11:00 Uhr, 10 Termine');
    expect(
      describeRule(rule({ frequency: 'monthly', monthlyBy: 'weekday', weekday: 'fr', setPosition: -1, interval: 2 })),
    ).toBe('Alle 2 Monate am letzten Freitag, 10:00–11:00 Uhr, 10 Termine');
  });

  it('describes weekly series', () => {
    expect(describeRule(rule({ interval: 2, weekday: 'we', startTime: '09:00', count: 10 }))).toBe(
      'Alle 2 Wochen mittwochs, 09:00–10:00 Uhr, 10 Termine',
    );
    expect(describeRule(rule({ weekday: 'mo', count: 1, durationMinutes: 45 }))).toBe(
      'Jeden Montag, 10:00–10:45 Uhr, 1 Termin',
    );
  });

  it('describes monthly series by date', () => {
    expect(
      describeRule(rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 15, startTime: '14:00', count: 12 })),
    ).toBe('Monatlich am 15., 14:00–15:00 Uhr, 12 Termine');
    expect(
      describeRule(
        rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 31, interval: 2, until: '2027-06-30', count: null }),
      ),
    ).toBe('Alle 2 Monate am 31. (entfällt in Monaten ohne 31. Tag), 10:00–11:00 Uhr, bis 30.06.2027');
  });

  it('computes the end time on the wall clock, also past midnight', () => {
    expect(describeRule(rule({ weekday: 'sa', startTime: '23:00', durationMinutes: 120 }))).toBe(
      'Jeden Samstag, 23:00–01:00 Uhr (am Folgetag), 10 Termine',
    );
    expect(describeRule(rule({ weekday: 'sa', startTime: '08:15', durationMinutes: 1440 }))).toBe(
      'Jeden Samstag, 08:15–08:15 Uhr (am Folgetag), 10 Termine',
    );
  });
});

describe('splitRule', () => {
  it('splits a count-based series into the occurrences before and from the date', () => {
    const monthly = { ...secondWednesday2026, until: null, count: 12 };
    const { before, after } = splitRule(monthly, '2026-06-10');
    expect(before).toEqual({ ...monthly, until: null, count: 5 });
    expect(after).toEqual({ ...monthly, startDate: '2026-06-10', until: null, count: 7 });
    expect(occurrenceDates(before).at(-1)).toBe('2026-05-13');
    expect([...occurrenceDates(before), ...occurrenceDates(after)]).toEqual(occurrenceDates(monthly));
  });

  it('splits an until-based series on the day before the date', () => {
    const { before, after } = splitRule(secondWednesday2026, '2026-06-10');
    expect(before).toEqual({ ...secondWednesday2026, until: '2026-06-09', count: null });
    expect(after).toEqual({ ...secondWednesday2026, startDate: '2026-06-10', until: '2026-12-31', count: null });
    expect([...occurrenceDates(before), ...occurrenceDates(after)]).toEqual(occurrenceDates(secondWednesday2026));
  });

  it('keeps a fortnightly series in phase when the date falls into an off week', () => {
    const fortnightly = rule({ interval: 2, weekday: 'we', startDate: '2026-01-14', until: '2026-06-30', count: null });
    // 19 January starts the off week; the next occurrence is 28 January.
    const { before, after } = splitRule(fortnightly, '2026-01-19');
    expect(after.startDate).toBe('2026-01-28');
    expect(occurrenceDates(before)).toEqual(['2026-01-14']);
    expect([...occurrenceDates(before), ...occurrenceDates(after)]).toEqual(occurrenceDates(fortnightly));
  });

  it('gives back the original dates for every split date of several series', () => {
    const series: RecurrenceRule[] = [
      { ...secondWednesday2026, until: null, count: 12 },
      rule({ interval: 2, weekday: 'th', startDate: '2026-01-01', until: '2026-12-31', count: null }),
      rule({ interval: 3, weekday: 'su', startDate: '2026-02-10', count: 17 }),
      rule({ frequency: 'monthly', monthlyBy: 'date', monthDay: 31, interval: 2, startDate: '2026-01-01', count: 8 }),
      rule({
        frequency: 'monthly',
        monthlyBy: 'weekday',
        weekday: 'fr',
        setPosition: -1,
        interval: 5,
        count: null,
        until: '2029-12-31',
      }),
    ];
    for (const original of series) {
      const dates = occurrenceDates(original);
      for (
        let fromDate = addDays(dates[0] as string, 1);
        fromDate <= (dates.at(-1) as string);
        fromDate = addDays(fromDate, 1)
      ) {
        const { before, after } = splitRule(original, fromDate);
        expect(validateRule(before)).toEqual([]);
        expect(validateRule(after)).toEqual([]);
        expect(occurrenceDates(before).every((date) => date < fromDate)).toBe(true);
        expect(occurrenceDates(after).every((date) => date >= fromDate)).toBe(true);
        expect([...occurrenceDates(before), ...occurrenceDates(after)]).toEqual(dates);
      }
    }
  });

  it('refuses a date that leaves one side empty', () => {
    expect(() => splitRule(secondWednesday2026, '2026-01-14')).toThrow(RangeError);
    expect(() => splitRule(secondWednesday2026, '2026-01-01')).toThrow(RangeError);
    expect(() => splitRule(secondWednesday2026, '2026-12-10')).toThrow(RangeError);
    expect(() => splitRule(secondWednesday2026, '2026-13-01')).toThrow(RangeError);
    expect(splitRule(secondWednesday2026, '2026-12-09').after.startDate).toBe('2026-12-09');
  });
});
