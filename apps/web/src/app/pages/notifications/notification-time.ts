import { formatBerlinDate } from '../../shared/berlin-date.pipe';

const MINUTE_MS = 60_000;

/**
 * When a notification arrived, as people say it: "gerade eben", "vor 5 Minuten", "vor 3 Stunden",
 * "gestern, 14:05 Uhr", or the date ("12.11.2026") for anything older (Europe/Berlin).
 */
export function notificationTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '';
  }
  const minutes = Math.floor((now - then) / MINUTE_MS);
  if (minutes < 1) {
    return 'gerade eben';
  }
  if (minutes < 60) {
    return minutes === 1 ? 'vor 1 Minute' : `vor ${minutes} Minuten`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return hours === 1 ? 'vor 1 Stunde' : `vor ${hours} Stunden`;
  }
  const day = formatBerlinDate(then, 'date');
  if (day === formatBerlinDate(now - 24 * 60 * MINUTE_MS, 'date')) {
    return `gestern, ${formatBerlinDate(then, 'time')} Uhr`;
  }
  return day;
}

/** The exact time for a tooltip or `datetime`-less reading: "26.11.2026, 14:05 Uhr". */
export function notificationDateTime(iso: string): string {
  const text = formatBerlinDate(iso, 'dateTime');
  return text ? `${text} Uhr` : '';
}
