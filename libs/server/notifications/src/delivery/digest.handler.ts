import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { berlinParts, addDays } from '@srp/server/meetings';
import { JobHandler, JobName } from '@srp/server/platform';
import { DataSource } from 'typeorm';

/**
 * The digests: at 08:00 everyone with overdue tasks gets one row, on Monday at 07:00 every active
 * person one weekly row (both due at once; the sweep delivers them, the loader decides whether
 * there is anything to say). Keys carry the local day, so a second run the same day adds nothing.
 */
const OVERDUE_KEY = 'digest.overdue.last_run';
const WEEKLY_KEY = 'digest.weekly.last_run';

@Injectable()
export class DigestHandler {
  private readonly logger = new Logger('Digests');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs a digest whose slot today passed without it (the worker or Redis was down at 08:00 or
   * Monday 07:00: a cron scheduler does not run missed slots). Only on the slot's own day, so a
   * fresh installation does not send a digest at an odd time.
   */
  async catchUp(now = new Date()): Promise<void> {
    const { date, time } = berlinParts(now);
    const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
    const done = new Map(
      (
        (await this.dataSource.query(`SELECT key, value #>> '{}' AS value FROM app_meta WHERE key = ANY($1::text[])`, [
          [OVERDUE_KEY, WEEKLY_KEY],
        ])) as Array<{ key: string; value: string }>
      ).map((r) => [r.key, r.value]),
    );
    if (time >= '08:00' && done.get(OVERDUE_KEY) !== date) await this.overdue();
    if (weekday === 0 && time >= '07:00' && done.get(WEEKLY_KEY) !== date) await this.weekly();
  }

  @JobHandler(JobName.DigestOverdue)
  async overdue(): Promise<{ planned: number }> {
    const today = berlinParts(new Date()).date;
    const [, planned] = (await this.dataSource.query(
      `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key)
       SELECT DISTINCT 'task_overdue', ta.account_id, 'person', ta.account_id, now(), 'task_overdue:' || ta.account_id || ':' || $1::text
         FROM task_assignee ta JOIN task t ON t.id = ta.task_id JOIN account a ON a.id = ta.account_id
        WHERE t.due_date < $1::text::date AND t.status <> 'done' AND t.archived_at IS NULL AND a.status = 'active'
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [today],
    )) as [unknown, number];
    await this.markRun(OVERDUE_KEY, today);
    this.logger.log({ planned }, 'overdue digests planned');
    return { planned };
  }

  @JobHandler(JobName.DigestWeekly)
  async weekly(): Promise<{ planned: number }> {
    const today = berlinParts(new Date()).date;
    const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(today, -weekday);
    const [, planned] = (await this.dataSource.query(
      `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key)
       SELECT 'weekly_digest', a.id, 'person', a.id, now(), 'weekly_digest:' || a.id || ':' || $1::text
         FROM account a WHERE a.status = 'active'
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [monday],
    )) as [unknown, number];
    await this.markRun(WEEKLY_KEY, today);
    this.logger.log({ planned }, 'weekly digests planned');
    return { planned };
  }

  private async markRun(key: string, day: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app_meta (key, value) VALUES ($1, to_jsonb($2::text))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, day],
    );
  }
}
