/**
 * The typed job registry: every queue and job by name, with the payload each job carries.
 * Payloads carry ids only, never copies of domain data (PostgreSQL is the truth).
 * The worker refuses to start while a JobName has no handler.
 */
import type { AppConfig } from '../config/app-config';

export enum QueueName {
  Mail = 'mail',
  /** Reminders: sweeping due rows, delivering them (in-app and into the mail outbox), digests. */
  Notifications = 'notifications',
  /** Housekeeping of the domains (e.g. purging tasks archived more than 30 days ago). */
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Deliver one row of mail_outbox. */
  MailSend = 'mail.send',
  /** Re-enqueue outbox rows that are due but not in the queue (e.g. after Redis was flushed). */
  MailReconcile = 'mail.reconcile',
  /** Delete tasks archived more than 30 days ago (no longer restorable). */
  TaskPurgeArchived = 'task.purge-archived',
  /** Claim due reminder rows and enqueue their deliveries. */
  ReminderSweep = 'reminder.sweep',
  /** Deliver one reminder row (or fan it out to the people it concerns). */
  ReminderDeliver = 'reminder.deliver',
  /** Re-enqueue claimed reminders whose delivery job was lost (e.g. Redis flushed). */
  ReminderReconcile = 'reminder.reconcile',
  /** Plan the daily digest of overdue tasks (08:00). */
  DigestOverdue = 'digest.overdue',
  /** Plan the weekly digest (Monday 07:00). */
  DigestWeekly = 'digest.weekly',
  /** Delete Idempotency-Key records older than a day (their stored answers may hold one-time links). */
  IdempotencyPurge = 'idempotency.purge',
  /** Delete reminders and notifications processed more than a year ago. */
  NotificationPurge = 'notification.purge',
}

export interface JobPayloads {
  [JobName.MailSend]: { outboxId: string };
  [JobName.MailReconcile]: Record<string, never>;
  [JobName.TaskPurgeArchived]: Record<string, never>;
  [JobName.ReminderSweep]: Record<string, never>;
  [JobName.ReminderDeliver]: { reminderId: string };
  [JobName.ReminderReconcile]: Record<string, never>;
  [JobName.DigestOverdue]: Record<string, never>;
  [JobName.DigestWeekly]: Record<string, never>;
  [JobName.IdempotencyPurge]: Record<string, never>;
  [JobName.NotificationPurge]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.MailSend]: QueueName.Mail,
  [JobName.MailReconcile]: QueueName.Mail,
  [JobName.TaskPurgeArchived]: QueueName.Maintenance,
  [JobName.ReminderSweep]: QueueName.Notifications,
  [JobName.ReminderDeliver]: QueueName.Notifications,
  [JobName.ReminderReconcile]: QueueName.Notifications,
  [JobName.DigestOverdue]: QueueName.Notifications,
  [JobName.DigestWeekly]: QueueName.Notifications,
  [JobName.IdempotencyPurge]: QueueName.Maintenance,
  [JobName.NotificationPurge]: QueueName.Maintenance,
};

/** Repeating jobs, created by the worker at boot with fixed ids so that N workers keep one schedule. */
export type JobSchedule =
  | { id: string; job: JobName; everyMs: number | ((config: AppConfig) => number) }
  /** A cron pattern evaluated in Europe/Berlin (daylight saving included). */
  | { id: string; job: JobName; cron: string };

/** The time zone of every cron schedule: the initiative's. */
export const SCHEDULE_TIME_ZONE = 'Europe/Berlin';

export const JOB_SCHEDULES: JobSchedule[] = [
  { id: 'mail-reconcile', job: JobName.MailReconcile, everyMs: 60_000 },
  { id: 'task-purge-archived', job: JobName.TaskPurgeArchived, cron: '30 3 * * *' },
  { id: 'reminder-sweep', job: JobName.ReminderSweep, everyMs: (config) => config.REMINDER_SWEEP_MS },
  { id: 'reminder-reconcile', job: JobName.ReminderReconcile, everyMs: 30_000 },
  { id: 'digest-overdue', job: JobName.DigestOverdue, cron: '0 8 * * *' },
  { id: 'digest-weekly', job: JobName.DigestWeekly, cron: '0 7 * * 1' },
  { id: 'idempotency-purge', job: JobName.IdempotencyPurge, cron: '40 3 * * *' },
  { id: 'notification-purge', job: JobName.NotificationPurge, cron: '50 3 * * *' },
];
