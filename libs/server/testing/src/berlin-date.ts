/** Today's calendar date in Europe/Berlin, moved by some days, as YYYY-MM-DD. */
export function berlinDate(days = 0): string {
  // The portal's calendar is Berlin's: a UTC date would be off by one around midnight.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
