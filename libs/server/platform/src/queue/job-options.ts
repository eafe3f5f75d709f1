import { JobsOptions } from 'bullmq';
import { JobName } from './job-registry';

/** Central job options: retries with exponential backoff, bounded history in Redis. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

/**
 * Per-job overrides. Mail rides out a temporary SMTP outage: 15 attempts from 5 s doubling
 * (the last wait is about 11 h, about 45 h in all) before the row is marked failed.
 */
export const JOB_OPTIONS: Partial<Record<JobName, JobsOptions>> = {
  [JobName.MailSend]: { attempts: 15, backoff: { type: 'exponential', delay: 5_000 } },
  // The next tick runs soon anyway; keep little history of the frequent sweeps.
  [JobName.ReminderSweep]: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
  [JobName.ReminderReconcile]: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
  [JobName.ReminderDeliver]: { attempts: 10, backoff: { type: 'exponential', delay: 2_000 } },
};
