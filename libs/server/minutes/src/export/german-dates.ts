// Kept local to the export on purpose: the exported text must not change when general UI helpers do.
const TIME_ZONE = 'Europe/Berlin';

const longDay = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const shortDay = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const clock = new Intl.DateTimeFormat('de-DE', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});
// en-CA yields YYYY-MM-DD, which compares calendar days in Berlin regardless of the server's zone.
const dayKey = new Intl.DateTimeFormat('en-CA', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

/** "Mittwoch, 14. Januar 2026, 10:00–11:30 Uhr"; spans over midnight name both days. */
export function formatMeetingPeriod(startsAt: Date, endsAt: Date): string {
  if (dayKey.format(startsAt) === dayKey.format(endsAt)) {
    return `${longDay.format(startsAt)}, ${clock.format(startsAt)}–${clock.format(endsAt)} Uhr`;
  }
  return `${longDay.format(startsAt)}, ${clock.format(startsAt)} Uhr – ${longDay.format(endsAt)}, ${clock.format(endsAt)} Uhr`;
}

/** "15.01.2026" in Berlin time. */
export function formatGermanDate(date: Date): string {
  return shortDay.format(date);
}

/** "14:30" in Berlin time. */
export function formatGermanTime(date: Date): string {
  return clock.format(date);
}

/** "2026-01-31" → "31.01.2026"; a value that is not a plain calendar day is returned unchanged. */
export function formatCalendarDay(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay.trim());
  return match ? `${match[3]}.${match[2]}.${match[1]}` : isoDay;
}
