import {
  checkMeetingReminderRules,
  MANDATORY_NOTIFICATION_KINDS,
  MeetingReminderRule,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_LIMITS,
  NotificationChannel,
  NotificationKind,
} from '@srp/contracts';

/** The coordinators' defaults: how each kind reaches people who chose nothing, and when reminders go out. */
export interface ReminderSettings {
  channels: Record<NotificationKind, NotificationChannel>;
  /** Before every meeting (a series may override). */
  meetingReminders: MeetingReminderRule[];
  /** Days before a series meeting the invitees are asked for agenda items (09:00); null = never. */
  agendaCallDaysBefore: number | null;
  /** Days before a task's due date its assignees are reminded (08:00); null = never. */
  taskDueSoonDays: number | null;
  /** Days before the review deadline people who have not approved are reminded (09:00); null = never. */
  minutesDeadlineDays: number | null;
}

/** What a meeting series may override. */
export interface SeriesReminderOverride {
  meetingReminders?: MeetingReminderRule[];
  agendaCallDaysBefore?: number | null;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  channels: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 'email'])) as Record<
    NotificationKind,
    NotificationChannel
  >,
  meetingReminders: [
    { type: 'hours_before', hours: 24 },
    { type: 'hours_before', hours: 1 },
  ],
  agendaCallDaysBefore: 7,
  taskDueSoonDays: 2,
  minutesDeadlineDays: 2,
};

/** Local times of the day-based reminders (Europe/Berlin). */
export const TASK_REMINDER_TIME = '08:00';
export const DAY_REMINDER_TIME = '09:00';

/**
 * The channel a kind takes for a person: invitations and cancellations always arrive (by e-mail);
 * otherwise the person's own choice, else the default.
 */
export function channelFor(
  kind: NotificationKind,
  own: NotificationChannel | undefined,
  defaults: ReminderSettings,
): NotificationChannel {
  if (MANDATORY_NOTIFICATION_KINDS.includes(kind)) return 'email';
  return own ?? defaults.channels[kind] ?? 'email';
}

/** Settings as stored, completed with defaults for anything missing (older rows, new kinds). */
export function completeSettings(stored: Partial<ReminderSettings> | null | undefined): ReminderSettings {
  const base = DEFAULT_REMINDER_SETTINGS;
  return {
    channels: { ...base.channels, ...(stored?.channels ?? {}) },
    meetingReminders: stored?.meetingReminders ?? base.meetingReminders,
    agendaCallDaysBefore:
      stored?.agendaCallDaysBefore === undefined ? base.agendaCallDaysBefore : stored.agendaCallDaysBefore,
    taskDueSoonDays: stored?.taskDueSoonDays === undefined ? base.taskDueSoonDays : stored.taskDueSoonDays,
    minutesDeadlineDays:
      stored?.minutesDeadlineDays === undefined ? base.minutesDeadlineDays : stored.minutesDeadlineDays,
  };
}

/** The reminder rules for one series' meetings: its override where it has one. */
export function seriesRules(
  settings: ReminderSettings,
  override: SeriesReminderOverride | null | undefined,
): { meetingReminders: MeetingReminderRule[]; agendaCallDaysBefore: number | null } {
  return {
    meetingReminders: override?.meetingReminders ?? settings.meetingReminders,
    agendaCallDaysBefore:
      override && 'agendaCallDaysBefore' in override && override.agendaCallDaysBefore !== undefined
        ? override.agendaCallDaysBefore
        : settings.agendaCallDaysBefore,
  };
}

export interface SettingsProblem {
  field: string;
  message: string;
}

/** Checks meeting reminder rules; returns German problems (empty when valid). */
export const checkMeetingRules = checkMeetingReminderRules;

function checkDays(value: unknown, field: string, max: number, label: string): SettingsProblem[] {
  if (value === null) return [];
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    return [{ field, message: `${label}: eine ganze Zahl von 1 bis ${max} oder leer (aus).` }];
  }
  return [];
}

/** Checks a whole settings object as sent by the settings page. */
export function checkSettings(input: ReminderSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const [kind, channel] of Object.entries(input.channels ?? {})) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      problems.push({ field: `channels.${kind}`, message: 'Unbekannte Art von Benachrichtigung.' });
    } else if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) {
      problems.push({ field: `channels.${kind}`, message: 'Weg: E-Mail, nur im Portal oder aus.' });
    } else if (MANDATORY_NOTIFICATION_KINDS.includes(kind as NotificationKind) && channel !== 'email') {
      problems.push({ field: `channels.${kind}`, message: 'Einladungen und Absagen gehen immer per E-Mail hinaus.' });
    }
  }
  problems.push(...checkMeetingRules(input.meetingReminders));
  problems.push(
    ...checkDays(
      input.agendaCallDaysBefore,
      'agendaCallDaysBefore',
      NOTIFICATION_LIMITS.maxAgendaCallDays,
      'Tage vorher',
    ),
    ...checkDays(
      input.taskDueSoonDays,
      'taskDueSoonDays',
      NOTIFICATION_LIMITS.maxTaskDueSoonDays,
      'Tage vor Fälligkeit',
    ),
    ...checkDays(
      input.minutesDeadlineDays,
      'minutesDeadlineDays',
      NOTIFICATION_LIMITS.maxMinutesDeadlineDays,
      'Tage vor der Frist',
    ),
  );
  return problems;
}
