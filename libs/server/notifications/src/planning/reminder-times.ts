import { MeetingReminderRule } from '@srp/contracts';
import { addDays, berlinInstant, berlinParts } from '@srp/server/meetings';
import { DAY_REMINDER_TIME, TASK_REMINDER_TIME } from '../settings/reminder-settings';

const HOUR_MS = 3_600_000;

/**
 * When a meeting reminder is due, in Europe/Berlin: whole days before (24 h, 48 h, …) keep the
 * meeting's wall-clock time across a daylight-saving change ("morgen, 10:00" arrives at 10:00);
 * other hours are real hours; "the day before at HH:MM" is that local time on the previous day.
 */
export function meetingReminderAt(startsAt: Date, rule: MeetingReminderRule): Date {
  const local = berlinParts(startsAt);
  if (rule.type === 'day_before_at') return berlinInstant(addDays(local.date, -1), rule.time);
  if (rule.hours % 24 === 0) return berlinInstant(addDays(local.date, -rule.hours / 24), local.time);
  return new Date(startsAt.getTime() - rule.hours * HOUR_MS);
}

/** The call for agenda items: `days` before the meeting's day at 09:00. */
export function agendaCallAt(startsAt: Date, days: number): Date {
  return berlinInstant(addDays(berlinParts(startsAt).date, -days), DAY_REMINDER_TIME);
}

/** Task reminders: `soonDays` before the due date and on the due date, each at 08:00. */
export function taskDueAt(dueDate: string, soonDays: number | null): Array<{ which: 'soon' | 'today'; dueAt: Date }> {
  const times: Array<{ which: 'soon' | 'today'; dueAt: Date }> = [];
  if (soonDays) times.push({ which: 'soon', dueAt: berlinInstant(addDays(dueDate, -soonDays), TASK_REMINDER_TIME) });
  times.push({ which: 'today', dueAt: berlinInstant(dueDate, TASK_REMINDER_TIME) });
  return times;
}

/** The second call to approve minutes: `days` before the review deadline at 09:00. */
export function minutesDeadlineAt(deadline: string, days: number): Date {
  return berlinInstant(addDays(deadline, -days), DAY_REMINDER_TIME);
}
