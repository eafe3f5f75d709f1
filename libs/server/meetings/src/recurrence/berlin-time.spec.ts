import { describe, expect, it } from 'vitest';
import {
  addDays,
  berlinInstant,
  berlinOffsetMinutes,
  berlinParts,
  daysInMonth,
  formatBerlin,
  formatGermanDate,
  isCalendarDate,
  isWallTime,
  weekdayOf,
} from './berlin-time';

const iso = (date: Date) => date.toISOString();
const HOUR_MS = 3_600_000;

describe('berlinInstant', () => {
  it('uses CET (+01:00) in winter and CEST (+02:00) in summer', () => {
    expect(iso(berlinInstant('2026-01-14', '10:00'))).toBe('2026-01-14T09:00:00.000Z');
    expect(iso(berlinInstant('2026-07-01', '10:00'))).toBe('2026-07-01T08:00:00.000Z');
  });

  it('handles midnight at the turn of the year', () => {
    expect(iso(berlinInstant('2026-01-01', '00:00'))).toBe('2025-12-31T23:00:00.000Z');
    expect(iso(berlinInstant('2025-12-31', '23:59'))).toBe('2025-12-31T22:59:00.000Z');
  });

  it('shifts a time in the spring-forward gap forward by the gap', () => {
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST.
    expect(iso(berlinInstant('2026-03-29', '01:59'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(berlinInstant('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(berlinInstant('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(berlinParts(berlinInstant('2026-03-29', '02:30')).time).toBe('03:30');
    expect(iso(berlinInstant('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(berlinInstant('2026-03-29', '03:30'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first (CEST) instant of a time repeated in the autumn overlap', () => {
    // 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 02:00–02:59 happens twice.
    expect(iso(berlinInstant('2026-10-25', '01:59'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(berlinInstant('2026-10-25', '02:00'))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(berlinInstant('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(berlinInstant('2026-10-25', '02:59'))).toBe('2026-10-25T00:59:00.000Z');
    expect(iso(berlinInstant('2026-10-25', '03:00'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('gives wall-clock spans their real length on DST days', () => {
    const span = (date: string, from: string, to: string) =>
      (berlinInstant(date, to).getTime() - berlinInstant(date, from).getTime()) / HOUR_MS;
    expect(span('2026-03-29', '01:30', '03:30')).toBe(1);
    expect(span('2026-10-25', '01:30', '03:30')).toBe(3);
    expect(span('2026-06-14', '01:30', '03:30')).toBe(2);
  });

  it('round-trips through berlinParts for every existing wall time of 2026 and 2027', () => {
    const times = ['00:00', '01:59', '02:00', '02:30', '02:59', '03:00', '12:00', '23:59'];
    const gaps = new Set(['2026-03-29', '2027-03-28']);
    let checked = 0;
    for (let date = '2026-01-01'; date <= '2027-12-31'; date = addDays(date, 1)) {
      for (const time of times) {
        if (gaps.has(date) && time.startsWith('02:')) continue;
        expect(berlinParts(berlinInstant(date, time))).toEqual({ date, time, weekday: weekdayOf(date) });
        checked++;
      }
    }
    expect(checked).toBe(730 * times.length - 2 * 3);
  });

  it('rejects malformed input', () => {
    expect(() => berlinInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => berlinInstant('14.01.2026', '10:00')).toThrow(RangeError);
    expect(() => berlinInstant('2026-01-14', '24:00')).toThrow(RangeError);
    expect(() => berlinInstant('2026-01-14', '9:00')).toThrow(RangeError);
  });
});

describe('berlinOffsetMinutes', () => {
  it('switches exactly at 01:00 UTC on the DST days', () => {
    expect(berlinOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(berlinOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlinOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(berlinOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });
});

describe('berlinParts', () => {
  it('gives the Berlin date, time and weekday of an instant', () => {
    expect(berlinParts(new Date('2025-12-31T23:30:00Z'))).toEqual({ date: '2026-01-01', time: '00:30', weekday: 'th' });
    expect(berlinParts(new Date('2026-03-29T01:30:00Z'))).toEqual({ date: '2026-03-29', time: '03:30', weekday: 'su' });
    expect(berlinParts(new Date('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', time: '02:30', weekday: 'su' });
    expect(berlinParts(new Date('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', time: '02:30', weekday: 'su' });
  });

  it('rejects an invalid date', () => {
    expect(() => berlinParts(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2028-01-01', -366)).toBe('2026-12-31');
  });

  it('is unaffected by DST days', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-01-14')).toBe('we');
    expect(weekdayOf('2026-03-29')).toBe('su');
    expect(weekdayOf('2026-01-12')).toBe('mo');
    expect(weekdayOf('2000-01-01')).toBe('sa');
    expect(weekdayOf('2028-02-29')).toBe('tu');
  });

  it('knows the length of months', () => {
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('accepts only real dates and times', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-1-10')).toBe(false);
    expect(isCalendarDate(20260110)).toBe(false);
    expect(isWallTime('00:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('12:60')).toBe(false);
    expect(isWallTime('7:30')).toBe(false);
  });
});

describe('formatBerlin', () => {
  const winter = new Date('2026-01-14T09:00:00Z');
  const summer = new Date('2026-03-31T22:05:00Z');

  it('formats in German, in Berlin time', () => {
    expect(formatBerlin(winter, 'date')).toBe('14.01.2026');
    expect(formatBerlin(winter, 'dateTime')).toBe('14.01.2026, 10:00');
    expect(formatBerlin(winter, 'time')).toBe('10:00');
    expect(formatBerlin(winter, 'weekdayDateTime')).toBe('Mittwoch, 14. Januar 2026, 10:00');
  });

  it('uses the Berlin date when it differs from the UTC date', () => {
    expect(formatBerlin(summer, 'date')).toBe('01.04.2026');
    expect(formatBerlin(summer, 'weekdayDateTime')).toBe('Mittwoch, 1. April 2026, 00:05');
    expect(formatBerlin(new Date('2026-03-02T11:00:00Z'), 'weekdayDateTime')).toBe('Montag, 2. März 2026, 12:00');
  });

  it('formats a plain date the German way', () => {
    expect(formatGermanDate('2026-12-31')).toBe('31.12.2026');
  });
});
