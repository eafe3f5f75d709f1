/**
 * What a person can be notified about. Each kind is one line in a person's settings (e-mail, in-app
 * only, off); invitations and cancellations of meetings always arrive.
 */
export const NOTIFICATION_KINDS = [
  'meeting_invitation',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_reminder',
  'agenda_call',
  'task_assigned',
  'task_mentioned',
  'task_due',
  'task_overdue',
  'minutes_review',
  'minutes_released',
  'membership_decided',
  'group_join_decided',
  'weekly_digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a kind reaches a person: by e-mail (and in the portal), in the portal only, or not at all. */
export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Kinds nobody can switch off: they change what is in people's calendars. */
export const MANDATORY_NOTIFICATION_KINDS: readonly NotificationKind[] = ['meeting_invitation', 'meeting_cancelled'];

/** German names of the kinds (settings page, notification centre, e-mail footers). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  meeting_invitation: 'Einladungen zu Terminen',
  meeting_changed: 'Änderungen an Terminen',
  meeting_cancelled: 'Absagen von Terminen',
  meeting_reminder: 'Erinnerungen an Termine',
  agenda_call: 'Aufrufe für Tagesordnungspunkte',
  task_assigned: 'Mir zugewiesene Aufgaben',
  task_mentioned: 'Erwähnungen in Kommentaren',
  task_due: 'Fällige Aufgaben',
  task_overdue: 'Überfällige Aufgaben (tägliche Übersicht)',
  minutes_review: 'Protokolle zur Freigabe',
  minutes_released: 'Freigegebene Protokolle',
  membership_decided: 'Entscheidungen über Mitgliedschaften',
  group_join_decided: 'Entscheidungen über Gruppenbeitritte',
  weekly_digest: 'Wochenübersicht am Montag',
};

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'E-Mail und Portal',
  in_app: 'Nur im Portal',
  off: 'Aus',
};

/** When a meeting reminder goes out: a number of hours before, or the day before at a local time. */
export type MeetingReminderRule = { type: 'hours_before'; hours: number } | { type: 'day_before_at'; time: string };

/** Limits shared by the api's validation and the web's forms. */
export const NOTIFICATION_LIMITS = {
  meetingReminderRules: 4,
  maxHoursBefore: 14 * 24,
  maxAgendaCallDays: 28,
  maxTaskDueSoonDays: 14,
  maxMinutesDeadlineDays: 14,
} as const;

/** A German problem with one field of reminder settings. */
export interface ReminderSettingsProblem {
  field: string;
  message: string;
}

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks meeting reminder rules (api and forms); returns German problems, empty when valid. */
export function checkMeetingReminderRules(rules: unknown, field = 'meetingReminders'): ReminderSettingsProblem[] {
  if (!Array.isArray(rules)) return [{ field, message: 'Bitte geben Sie eine Liste von Erinnerungen an.' }];
  if (rules.length > NOTIFICATION_LIMITS.meetingReminderRules) {
    return [{ field, message: `Höchstens ${NOTIFICATION_LIMITS.meetingReminderRules} Erinnerungen je Termin.` }];
  }
  const problems: ReminderSettingsProblem[] = [];
  const seen = new Set<string>();
  rules.forEach((rule: Record<string, unknown> | null, index) => {
    const at = `${field}.${index}`;
    if (rule?.['type'] === 'hours_before') {
      const hours = rule['hours'];
      if (!Number.isInteger(hours) || (hours as number) < 1 || (hours as number) > NOTIFICATION_LIMITS.maxHoursBefore) {
        problems.push({
          field: at,
          message: `Stunden vorher: eine ganze Zahl von 1 bis ${NOTIFICATION_LIMITS.maxHoursBefore}.`,
        });
      }
    } else if (rule?.['type'] === 'day_before_at') {
      if (typeof rule['time'] !== 'string' || !WALL_TIME.test(rule['time'])) {
        problems.push({ field: at, message: 'Uhrzeit am Vortag im Format HH:MM, z. B. 09:00.' });
      }
    } else {
      problems.push({ field: at, message: 'Art der Erinnerung: „Stunden vorher“ oder „am Vortag um“.' });
      return;
    }
    const key = rule['type'] === 'hours_before' ? `h${String(rule['hours'])}` : `d${String(rule['time'])}`;
    if (seen.has(key)) problems.push({ field: at, message: 'Diese Erinnerung ist doppelt.' });
    seen.add(key);
  });
  return problems;
}
