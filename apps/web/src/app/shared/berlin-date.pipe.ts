import { Pipe, PipeTransform } from '@angular/core';

/** Output formats: 'date' 26.11.2026, 'dateTime' 26.11.2026, 14:05, 'time' 14:05. */
export type BerlinDateFormat = 'date' | 'dateTime' | 'time';

const TIME_ZONE = 'Europe/Berlin';

const DATE_PARTS: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
};
// h23 so that midnight reads 00:05, never 24:05.
const TIME_PARTS: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

// Formatters are expensive to create; one per format is enough for the whole app.
const FORMATTERS: Record<BerlinDateFormat, Intl.DateTimeFormat> = {
  date: new Intl.DateTimeFormat('de-DE', {
    timeZone: TIME_ZONE,
    ...DATE_PARTS,
  }),
  dateTime: new Intl.DateTimeFormat('de-DE', {
    timeZone: TIME_ZONE,
    ...DATE_PARTS,
    ...TIME_PARTS,
  }),
  time: new Intl.DateTimeFormat('de-DE', {
    timeZone: TIME_ZONE,
    ...TIME_PARTS,
  }),
};

/** Formats an instant (ISO string, Date or epoch ms) in German format and the Europe/Berlin zone. */
export function formatBerlinDate(
  value: string | number | Date | null | undefined,
  format: BerlinDateFormat = 'dateTime',
): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return FORMATTERS[format].format(date);
}

/**
 * `{{ meeting.startsAt | berlinDate: 'dateTime' }}` shows the instant as people in
 * Sachsen-Anhalt read it, whatever time zone the browser is set to.
 */
@Pipe({ name: 'berlinDate' })
export class BerlinDatePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, format: BerlinDateFormat = 'dateTime'): string {
    return formatBerlinDate(value, format);
  }
}
