/**
 * The typed job registry: every queue and job by name, with the payload each job carries.
 * Payloads carry ids only, never copies of domain data (PostgreSQL is the truth).
 * The worker refuses to start while a JobName has no handler.
 */
export enum QueueName {
  Mail = 'mail',
}

export enum JobName {
  /** Deliver one row of mail_outbox. */
  MailSend = 'mail.send',
  /** Re-enqueue outbox rows that are due but not in the queue (e.g. after Redis was flushed). */
  MailReconcile = 'mail.reconcile',
}

export interface JobPayloads {
  [JobName.MailSend]: { outboxId: string };
  [JobName.MailReconcile]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.MailSend]: QueueName.Mail,
  [JobName.MailReconcile]: QueueName.Mail,
};

/** Repeating jobs, created by the worker at boot with fixed ids so that N workers keep one schedule. */
export interface JobSchedule {
  id: string;
  job: JobName;
  everyMs: number;
}

export const JOB_SCHEDULES: JobSchedule[] = [{ id: 'mail-reconcile', job: JobName.MailReconcile, everyMs: 60_000 }];
