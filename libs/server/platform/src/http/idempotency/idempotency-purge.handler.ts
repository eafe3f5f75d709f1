import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobName } from '../../queue/job-registry';

/**
 * Deletes Idempotency-Key records older than a day (daily, 03:40 Europe/Berlin): they only serve
 * repetitions within that time, and a stored answer may hold a one-time link (a guest's).
 */
@Injectable()
export class IdempotencyPurgeHandler {
  private readonly logger = new Logger('IdempotencyPurge');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @JobHandler(JobName.IdempotencyPurge)
  async purge(): Promise<{ purged: number }> {
    const [, purged] = (await this.dataSource.query(
      `DELETE FROM idempotent_request WHERE created_at < now() - interval '24 hours'`,
    )) as [unknown, number];
    if (purged) this.logger.log(`Purged ${purged} Idempotency-Key records older than a day`);
    return { purged };
  }
}
