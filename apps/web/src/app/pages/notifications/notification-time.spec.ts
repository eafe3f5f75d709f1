import { notificationDateTime, notificationTime } from './notification-time';

// 26 November 2026, 15:30 in Berlin (UTC+1).
const NOW = Date.parse('2026-11-26T14:30:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('notificationTime', () => {
  it.each([
    [ago(20_000), 'gerade eben'],
    [ago(-5 * MINUTE), 'gerade eben'],
    [ago(MINUTE), 'vor 1 Minute'],
    [ago(5 * MINUTE + 59_000), 'vor 5 Minuten'],
    [ago(59 * MINUTE), 'vor 59 Minuten'],
    [ago(HOUR), 'vor 1 Stunde'],
    [ago(23 * HOUR + 59 * MINUTE), 'vor 23 Stunden'],
    // 25.11. 13:30 Berlin
    [ago(26 * HOUR), 'gestern, 13:30 Uhr'],
    // 24.11.: older than yesterday
    [ago(40 * HOUR), '24.11.2026'],
    [ago(400 * 24 * HOUR), '22.10.2025'],
  ])('%s → %s', (iso, expected) => {
    expect(notificationTime(iso, NOW)).toBe(expected);
  });

  it('says nothing for a broken date', () => {
    expect(notificationTime('kein Datum', NOW)).toBe('');
  });

  it('counts days in Europe/Berlin, not in the browser zone', () => {
    // 25.11. 23:30 Berlin is 22:30 UTC: yesterday in Berlin for 26.11. 23:45 Berlin.
    const lateNow = Date.parse('2026-11-26T22:45:00.000Z');
    expect(notificationTime('2026-11-25T22:30:00.000Z', lateNow)).toBe('gestern, 23:30 Uhr');
  });
});

describe('notificationDateTime', () => {
  it('gives date and time in Berlin', () => {
    expect(notificationDateTime('2026-11-26T14:05:00.000Z')).toBe('26.11.2026, 15:05 Uhr');
    expect(notificationDateTime('')).toBe('');
  });
});
