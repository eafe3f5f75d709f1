import { RecurrenceRule } from '@srp/contracts';
import { berlinInstant, validateRule } from '../recurrence';
import { invalid } from '../meeting-support';
import { RecurrenceInputDto } from '../meetings.dto';

/** Start and end instants from local Berlin date and times; 400 when the end is not after the start. */
export function meetingTimes(input: { date: string; startTime: string; endTime: string; endDate?: string | null }): {
  startsAt: Date;
  endsAt: Date;
} {
  const startsAt = berlinInstant(input.date, input.startTime);
  const endDate = input.endDate ?? input.date;
  if (endDate < input.date) throw invalid('endDate', 'Der letzte Tag darf nicht vor dem ersten liegen.');
  const endsAt = berlinInstant(endDate, input.endTime);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw invalid('endTime', 'Das Ende muss nach dem Beginn liegen.');
  }
  if (endsAt.getTime() - startsAt.getTime() > 14 * 24 * 60 * 60 * 1000) {
    throw invalid('endDate', 'Ein Termin dauert höchstens 14 Tage.');
  }
  return { startsAt, endsAt };
}

/** The series rule from the form's recurrence and the first meeting's date and times; 400 with German messages. */
export function ruleFrom(
  input: RecurrenceInputDto,
  first: { date: string; startTime: string; startsAt: Date; endsAt: Date; endDate?: string | null },
): RecurrenceRule {
  if (first.endDate && first.endDate !== first.date) {
    throw invalid('recurrence', 'Serien bestehen aus eintägigen Terminen.');
  }
  const rule: RecurrenceRule = {
    frequency: input.frequency,
    interval: input.interval ?? 1,
    monthlyBy: input.frequency === 'monthly' ? input.monthlyBy : undefined,
    weekday: input.weekday,
    setPosition: input.setPosition,
    monthDay: input.monthDay,
    startDate: first.date,
    startTime: first.startTime,
    durationMinutes: Math.round((first.endsAt.getTime() - first.startsAt.getTime()) / 60_000),
    until: input.until ?? null,
    count: input.count ?? null,
  };
  const errors = validateRule(rule);
  if (errors.length) {
    throw invalid('recurrence', errors.join(' '));
  }
  return rule;
}
