/**
 * The typed job registry: every queue and job by name, with the payload each job carries.
 * Payloads carry ids only, never copies of domain data (PostgreSQL is the truth).
 * The worker refuses to start while a JobName has no handler.
 */
export enum QueueName {
  Mail = 'mail',
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
}

export interface JobPayloads {
  [JobName.MailSend]: { outboxId: string };
  [JobName.MailReconcile]: Record<string, never>;
  [JobName.TaskPurgeArchived]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.MailSend]: QueueName.Mail,
  [JobName.MailReconcile]: QueueName.Mail,
  [JobName.TaskPurgeArchived]: QueueName.Maintenance,
};

/** Repeating jobs, created by the worker at boot with fixed ids so that N workers keep one schedule. */
export type JobSchedule =
  | { id: string; job: JobName; everyMs: number }
  /** A cron pattern evaluated in Europe/Berlin (daylight saving included). */
  | { id: string; job: JobName; cron: string };

/** The time zone of every cron schedule: the initiative's. */
export const SCHEDULE_TIME_ZONE = 'Europe/Berlin';

export const JOB_SCHEDULES: JobSchedule[] = [
  { id: 'mail-reconcile', job: JobName.MailReconcile, everyMs: 60_000 },
  { id: 'task-purge-archived', job: JobName.TaskPurgeArchived, cron: '30 3 * * *' },
];
