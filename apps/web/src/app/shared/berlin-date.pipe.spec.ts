import { BerlinDatePipe, formatBerlinDate } from './berlin-date.pipe';

describe('BerlinDatePipe', () => {
  const pipe = new BerlinDatePipe();

  it('formats date, dateTime and time in German format', () => {
    // 13:05 UTC is 14:05 in Berlin in winter (CET, UTC+1).
    const instant = '2026-11-26T13:05:00Z';
    expect(pipe.transform(instant, 'date')).toBe('26.11.2026');
    expect(pipe.transform(instant, 'dateTime')).toBe('26.11.2026, 14:05');
    expect(pipe.transform(instant, 'time')).toBe('14:05');
  });

  it('defaults to dateTime', () => {
    expect(pipe.transform('2026-11-26T13:05:00Z')).toBe('26.11.2026, 14:05');
  });

  it('handles the switch to summer time (last Sunday of March)', () => {
    // 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    expect(pipe.transform('2026-03-29T00:30:00Z', 'time')).toBe('01:30');
    expect(pipe.transform('2026-03-29T01:30:00Z', 'time')).toBe('03:30');
    expect(pipe.transform('2026-03-29T01:30:00Z', 'dateTime')).toBe('29.03.2026, 03:30');
  });

  it('handles the switch back to winter time (last Sunday of October)', () => {
    // 03:00 CEST falls back to 02:00 CET at 01:00 UTC, so 02:30 happens twice.
    expect(pipe.transform('2026-10-25T00:30:00Z', 'time')).toBe('02:30');
    expect(pipe.transform('2026-10-25T01:30:00Z', 'time')).toBe('02:30');
    expect(pipe.transform('2026-10-25T02:30:00Z', 'time')).toBe('03:30');
  });

  it('shows the Berlin date, not the UTC date, around midnight', () => {
    expect(pipe.transform('2026-12-31T23:30:00Z', 'dateTime')).toBe('01.01.2027, 00:30');
    expect(pipe.transform('2026-06-30T22:05:00Z', 'date')).toBe('01.07.2026');
  });

  it('accepts Date objects and epoch milliseconds', () => {
    const instant = Date.UTC(2026, 10, 26, 13, 5);
    expect(formatBerlinDate(instant, 'time')).toBe('14:05');
    expect(formatBerlinDate(new Date(instant), 'date')).toBe('26.11.2026');
  });

  it('returns an empty string for missing or invalid values', () => {
    expect(pipe.transform(null)).toBe('');
    expect(pipe.transform(undefined)).toBe('');
    expect(pipe.transform('')).toBe('');
    expect(pipe.transform('kein Datum')).toBe('');
  });
});
