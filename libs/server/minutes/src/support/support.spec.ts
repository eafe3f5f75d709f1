import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, germanDay } from './berlin-day';
import { fileSlug } from './file-slug';

describe('Berlin calendar days', () => {
  it('takes the day in Berlin, across midnight and the clock changes', () => {
    expect(berlinDay(new Date('2025-11-11T23:30:00Z'))).toBe('2025-11-12');
    expect(berlinDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(berlinDay(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(berlinDay(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('adds days across month and year ends and writes German dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(germanDay('2026-01-14')).toBe('14.01.2026');
  });
});

describe('fileSlug', () => {
  it('writes umlauts out, keeps ASCII letters and digits, and never returns nothing', () => {
    expect(fileSlug('Monatsrunde Mobilität – Große Runde 2/2026')).toBe('monatsrunde-mobilitaet-grosse-runde-2-2026');
    expect(fileSlug('Café "Zukunft"')).toBe('cafe-zukunft');
    expect(fileSlug('„…“')).toBe('sitzung');
    expect(fileSlug('x'.repeat(100))).toHaveLength(80);
    expect(fileSlug(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
  });
});
