import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, CLI_ORIGIN } from '@srp/server/identity';
import { JobHandler, JobName } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { ARCHIVE_DAYS } from '../queries/task-queries.service';

/**
 * Deletes tasks archived longer than the restore period, with their comments, history and links
 * (cascade). Runs daily in the worker; idempotent, so a run twice or late does no harm.
 */
@Injectable()
export class TaskPurgeHandler {
  private readonly logger = new Logger('TaskPurge');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @JobHandler(JobName.TaskPurgeArchived)
  async handle(): Promise<{ purged: number }> {
    return this.purge();
  }

  async purge(): Promise<{ purged: number }> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers a DELETE … RETURNING with [rows, affected count].
      const [rows]: [Array<{ id: string; group_id: string; title: string }>, number] = await manager.query(
        `DELETE FROM task WHERE archived_at < now() - make_interval(days => $1) RETURNING id, group_id, title`,
        [ARCHIVE_DAYS],
      );
      for (const row of rows) {
        await this.audit.record(
          { ...CLI_ORIGIN, userAgent: 'worker' },
          {
            action: 'task.purged',
            subjectType: 'task',
            subjectId: row.id,
            details: { groupId: row.group_id, title: row.title, archivedDays: ARCHIVE_DAYS },
          },
          manager,
        );
      }
      if (rows.length) this.logger.log(`Purged ${rows.length} tasks archived more than ${ARCHIVE_DAYS} days ago`);
      return { purged: rows.length };
    });
  }
}
