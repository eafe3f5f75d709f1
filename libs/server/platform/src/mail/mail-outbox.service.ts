import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobName } from '../queue/job-registry';
import { JobQueueService } from '../queue/job-queue.service';
import { MailOutbox } from './mail-outbox.entity';
import { MailTemplateName, MailTemplateParams } from './mail-templates';

export interface QueueMailRequest<T extends MailTemplateName> {
  to: string;
  template: T;
  params: MailTemplateParams[T];
}

/**
 * Records e-mails that must go out. The row is the promise; the queue job (id = row id) only
 * wakes the worker, and the reconciler re-enqueues rows whose job was lost.
 */
@Injectable()
export class MailOutboxService {
  private readonly logger = new Logger(MailOutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * Writes the outbox row (inside the caller's transaction when a manager is given) and,
   * once committed, enqueues its delivery. Call `dispatch` after your transaction commits.
   */
  async record<T extends MailTemplateName>(
    request: QueueMailRequest<T>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MailOutbox> {
    const row = manager.create(MailOutbox, {
      recipient: request.to.trim(),
      template: request.template,
      params: request.params as unknown as Record<string, unknown>,
      status: 'queued',
    });
    return manager.save(row);
  }

  /** Hands a recorded mail to the queue; if Redis is down the reconciler picks it up later. */
  async dispatch(outboxId: string): Promise<void> {
    try {
      await this.jobs.add(JobName.MailSend, { outboxId }, outboxId);
    } catch (error) {
      this.logger.warn(
        `Mail ${outboxId} recorded but not enqueued (${(error as Error).message}); the reconciler will retry`,
      );
    }
  }

  /** Records and dispatches in one step, for callers without a surrounding transaction. */
  async queue<T extends MailTemplateName>(request: QueueMailRequest<T>): Promise<MailOutbox> {
    const row = await this.record(request);
    await this.dispatch(row.id);
    return row;
  }
}
