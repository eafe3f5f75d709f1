// en-CA formats as YYYY-MM-DD: the calendar day in Berlin whatever zone the server runs in.
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of an instant in Europe/Berlin, YYYY-MM-DD. */
export function berlinDay(instant: Date): string {
  return DAY.format(instant);
}

/** A calendar day moved by whole days (no time zone involved), YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "2026-01-14" → "14.01.2026". */
export function germanDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}
