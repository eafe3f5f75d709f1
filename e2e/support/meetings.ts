import pg from 'pg';

/** The e2e database (see playwright.config.ts): same server as the tests, database `srp_e2e`. */
function e2eDatabaseUrl(): string {
  const url = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/srp_e2e';
  return url.toString();
}

/**
 * Moves one meeting to the most recent day on which `start`–`end` (HH:MM, Europe/Berlin) is over:
 * today if that time has passed, yesterday otherwise (precondition "the meeting has taken place",
 * instead of waiting for it). Raises its version like any change, so pages loaded before it see a
 * conflict rather than stale data.
 */
export async function moveMeetingIntoPast(meetingId: string, start: string, end: string): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const moved = await client.query(
      `WITH local AS (SELECT (now() AT TIME ZONE 'Europe/Berlin') AS now),
            day AS (SELECT CASE WHEN local.now::time >= $3::time THEN local.now::date ELSE local.now::date - 1 END AS d
                      FROM local)
       UPDATE meeting
          SET starts_at = (day.d + $2::time) AT TIME ZONE 'Europe/Berlin',
              ends_at = (day.d + $3::time) AT TIME ZONE 'Europe/Berlin',
              version = version + 1
         FROM day
        WHERE id = $1`,
      [meetingId, start, end],
    );
    if (moved.rowCount !== 1) throw new Error(`No meeting ${meetingId}`);
  } finally {
    await client.end();
  }
}

/** A Berlin calendar day as ISO (YYYY-MM-DD) and as the portal writes it (DD.MM.YYYY). */
export interface BerlinDay {
  iso: string;
  german: string;
}

const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
const day = (year: number, monthIndex: number, date: number): BerlinDay => {
  const iso = new Date(Date.UTC(year, monthIndex, date)).toISOString().slice(0, 10);
  return { iso, german: iso.split('-').reverse().join('.') };
};

/** Today plus `days` days in Europe/Berlin. */
export function berlinDaysFromToday(days: number): BerlinDay {
  const [year, month, date] = berlinToday().split('-').map(Number);
  return day(year, month - 1, date + days);
}

/** The second Wednesday of the month `monthsAhead` months after the current one (Europe/Berlin). */
export function secondWednesday(monthsAhead: number): BerlinDay {
  const [year, month] = berlinToday().split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + monthsAhead, 1));
  // getUTCDay: Sunday 0 … Wednesday 3; the first Wednesday is 1–7, the second 7 days later.
  const firstWednesday = 1 + ((3 - first.getUTCDay() + 7) % 7);
  return day(first.getUTCFullYear(), first.getUTCMonth(), firstWednesday + 7);
}

/** "Dezember 2026": the month heading of the calendar for a day. */
export function germanMonthTitle(iso: string): string {
  const [year, month] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}
