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
@Injectable()
export class DigestHandler {
  private readonly logger = new Logger('Digests');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    this.logger.log({ planned }, 'weekly digests planned');
    return { planned };
  }
}
