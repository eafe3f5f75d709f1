import { describe, expect, it } from 'vitest';
import { berlinInstant } from '@srp/server/meetings';
import { agendaCallAt, meetingReminderAt, minutesDeadlineAt, taskDueAt } from './reminder-times';

const iso = (d: Date) => d.toISOString();

describe('reminder times (Europe/Berlin)', () => {
  it('"the day before at 09:00" stays 09:00 local across the March change', () => {
    // Clocks go forward on Sunday 29 March 2026 at 02:00.
    const monday = berlinInstant('2026-03-30', '10:00'); // CEST
    expect(iso(meetingReminderAt(monday, { type: 'day_before_at', time: '09:00' }))).toBe('2026-03-29T07:00:00.000Z');
    const sunday = berlinInstant('2026-03-29', '10:00'); // CEST, the day before is CET
    expect(iso(meetingReminderAt(sunday, { type: 'day_before_at', time: '09:00' }))).toBe('2026-03-28T08:00:00.000Z');
  });

  it('"the day before at 09:00" stays 09:00 local across the October change', () => {
    // Clocks go back on Sunday 25 October 2026 at 03:00.
    const monday = berlinInstant('2026-10-26', '10:00'); // CET
    expect(iso(meetingReminderAt(monday, { type: 'day_before_at', time: '09:00' }))).toBe('2026-10-25T08:00:00.000Z');
    const sunday = berlinInstant('2026-10-25', '10:00'); // CET, the day before is CEST
    expect(iso(meetingReminderAt(sunday, { type: 'day_before_at', time: '09:00' }))).toBe('2026-10-24T07:00:00.000Z');
  });

  it('24 hours before keeps the wall-clock time across a change; 1 hour is a real hour', () => {
    const sunday = berlinInstant('2026-03-29', '10:00');
    // Literally 24 h earlier would be 09:00 local on Saturday; the reminder says "morgen, 10:00" at 10:00.
    expect(iso(meetingReminderAt(sunday, { type: 'hours_before', hours: 24 }))).toBe(
      iso(berlinInstant('2026-03-28', '10:00')),
    );
    expect(iso(meetingReminderAt(sunday, { type: 'hours_before', hours: 1 }))).toBe('2026-03-29T07:00:00.000Z');
    // 03:30 on the October Sunday: one real hour before is 02:30 CEST (the first 02:30).
    const early = berlinInstant('2026-10-25', '03:30');
    expect(meetingReminderAt(early, { type: 'hours_before', hours: 1 }).getTime()).toBe(early.getTime() - 3_600_000);
    expect(iso(meetingReminderAt(early, { type: 'hours_before', hours: 48 }))).toBe(
      iso(berlinInstant('2026-10-23', '03:30')),
    );
  });

  it('agenda calls, task reminders and minutes deadlines fall on local morning times', () => {
    expect(iso(agendaCallAt(berlinInstant('2026-04-02', '10:00'), 7))).toBe('2026-03-26T08:00:00.000Z'); // 09:00 CET
    expect(iso(agendaCallAt(berlinInstant('2026-11-01', '10:00'), 7))).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET (after the change)
    expect(taskDueAt('2026-03-30', 2).map((t) => [t.which, iso(t.dueAt)])).toEqual([
      ['soon', '2026-03-28T07:00:00.000Z'], // 08:00 CET
      ['today', '2026-03-30T06:00:00.000Z'], // 08:00 CEST
    ]);
    expect(taskDueAt('2026-03-30', null).map((t) => t.which)).toEqual(['today']);
    expect(iso(minutesDeadlineAt('2026-10-27', 2))).toBe('2026-10-25T08:00:00.000Z');
  });
});
