import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobHandler, JobName } from '@srp/server/platform';
import { DataSource } from 'typeorm';

/** How long processed reminders and their notifications are kept. */
export const NOTIFICATION_RETENTION_DAYS = 365;

/**
 * Deletes reminders processed more than a year ago with their in-app notifications (cascade);
 * planned, queued and failed rows stay. Daily at 03:50 Europe/Berlin.
 */
@Injectable()
export class NotificationPurgeHandler {
  private readonly logger = new Logger('NotificationPurge');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @JobHandler(JobName.NotificationPurge)
  async purge(): Promise<{ purged: number }> {
    const [, purged] = (await this.dataSource.query(
      `DELETE FROM reminder WHERE status IN ('done', 'skipped', 'cancelled')
          AND processed_at < now() - make_interval(days => $1)`,
      [NOTIFICATION_RETENTION_DAYS],
    )) as [unknown, number];
    if (purged)
      this.logger.log(`Purged ${purged} reminders processed more than ${NOTIFICATION_RETENTION_DAYS} days ago`);
    return { purged };
  }
}
