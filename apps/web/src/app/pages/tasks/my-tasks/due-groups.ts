/** The headings of "Meine Aufgaben", in the order they appear (overdue first, no due date last). */
export const DUE_BUCKETS = ['overdue', 'today', 'this_week', 'later', 'none'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];

export const DUE_BUCKET_LABELS: Record<DueBucket, string> = {
  overdue: 'Überfällig',
  today: 'Heute',
  this_week: 'Diese Woche',
  later: 'Später',
  none: 'Ohne Fälligkeit',
};

export interface DueGroup<T> {
  bucket: DueBucket;
  label: string;
  items: T[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `date` plus `days` calendar days, both as ISO dates (YYYY-MM-DD). Computed in UTC on purpose:
 * a calendar date has no time zone, so no daylight-saving jump can shift it.
 */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The Sunday that ends the week (Monday to Sunday, as in Germany) containing `today`. */
export function endOfWeek(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return addDays(today, (7 - weekday) % 7);
}

/**
 * Where a due date belongs, seen from `today` (the server's date in Europe/Berlin, so that the
 * browser's clock and zone do not matter). ISO dates compare correctly as strings.
 */
export function dueBucket(dueDate: string | null, today: string): DueBucket {
  if (!dueDate || !ISO_DATE.test(dueDate)) {
    return 'none';
  }
  if (dueDate < today) {
    return 'overdue';
  }
  if (dueDate === today) {
    return 'today';
  }
  return dueDate <= endOfWeek(today) ? 'this_week' : 'later';
}

/** Splits tasks into the due headings, keeping the order within each (the api sorts by due date). */
export function groupByDue<T extends { dueDate: string | null }>(items: readonly T[], today: string): DueGroup<T>[] {
  const groups = new Map<DueBucket, T[]>(DUE_BUCKETS.map((bucket) => [bucket, []]));
  for (const item of items) {
    groups.get(dueBucket(item.dueDate, today))?.push(item);
  }
  return DUE_BUCKETS.filter((bucket) => (groups.get(bucket)?.length ?? 0) > 0).map((bucket) => ({
    bucket,
    label: DUE_BUCKET_LABELS[bucket],
    items: groups.get(bucket) ?? [],
  }));
}
