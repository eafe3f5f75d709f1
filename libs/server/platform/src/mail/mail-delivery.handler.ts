import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobName, JobPayloads } from '../queue/job-registry';
import { MailOutbox } from './mail-outbox.entity';
import { renderMail } from './mail-renderer';
import { buildMailContent } from './mail-templates';
import { isPermanentMailError, MAIL_TRANSPORT, MailTransport } from './mail-transport';

/** Shown to admins for a delivery a crash interrupted. */
export const INTERRUPTED_MESSAGE = 'Zustellung wurde unterbrochen; ob die E-Mail ankam, ist unklar.';

export type DeliveryOutcome = 'sent' | 'skipped' | 'uncertain';

/**
 * Delivers one outbox row. The row is claimed (status `sending`) before the SMTP hand-over, so a
 * crash in the middle leaves a visible `uncertain` row rather than a silent duplicate.
 */
@Injectable()
export class MailDeliveryHandler {
  private readonly logger = new Logger('MailDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  @JobHandler(JobName.MailSend)
  async deliver(payload: JobPayloads[JobName.MailSend], job?: Job): Promise<DeliveryOutcome> {
    const row = await this.claim(payload.outboxId);
    if (!row) return this.handleUnclaimable(payload.outboxId);

    const host = new URL(this.config.PUBLIC_URL).hostname || 'localhost';
    const messageId = `<${row.id}@${host}>`;
    try {
      const rendered = renderMail(
        buildMailContent(row.template, row.params, { portalUrl: this.config.PUBLIC_URL }),
        this.config.PUBLIC_URL,
      );
      await this.transport.send({
        to: row.recipient,
        messageId,
        ...rendered,
        ...(row.headers ? { headers: row.headers } : {}),
        ...(row.attachments?.length ? { attachments: row.attachments } : {}),
      });
    } catch (error) {
      await this.recordFailure(row.id, error, job);
      throw error instanceof Error ? error : new Error(String(error));
    }
    await this.outbox().update(
      { id: row.id, status: 'sending' },
      { status: 'sent', sentAt: new Date(), messageId, lastError: null },
    );
    this.logger.log({ outboxId: row.id, template: row.template, transport: this.transport.kind }, 'mail sent');
    return 'sent';
  }

  private outbox() {
    return this.dataSource.getRepository(MailOutbox);
  }

  private async claim(id: string): Promise<MailOutbox | undefined> {
    const result = await this.outbox()
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', attempts: () => 'attempts + 1', updatedAt: () => 'now()' })
      .where('id = :id AND status IN (:...claimable)', { id, claimable: ['queued', 'retrying'] })
      .returning(['id', 'recipient', 'template', 'params', 'headers', 'attachments'])
      .execute();
    const raw = (
      result.raw as Array<Pick<MailOutbox, 'id' | 'recipient' | 'template' | 'params' | 'headers' | 'attachments'>>
    )[0];
    return raw ? Object.assign(new MailOutbox(), raw) : undefined;
  }

  /** The row is already done, or an earlier attempt died mid-send: never send twice silently. */
  private async handleUnclaimable(id: string): Promise<DeliveryOutcome> {
    const result = await this.outbox().update(
      { id, status: 'sending' },
      { status: 'uncertain', lastError: INTERRUPTED_MESSAGE },
    );
    if (result.affected) {
      this.logger.warn({ outboxId: id }, 'mail delivery was interrupted earlier; marked uncertain');
      return 'uncertain';
    }
    return 'skipped';
  }

  private async recordFailure(id: string, error: unknown, job?: Job): Promise<void> {
    const message = (error as Error).message ?? String(error);
    const attempts = job?.opts.attempts ?? 1;
    const lastAttempt = !job || job.attemptsMade + 1 >= attempts;
    const permanent = isPermanentMailError(error);
    // Only a row this attempt still owns: never turn an `uncertain` or `sent` row back.
    await this.outbox().update(
      { id, status: 'sending' },
      { status: permanent || lastAttempt ? 'failed' : 'retrying', lastError: message.slice(0, 2000) },
    );
    // The job runtime logs the failure itself; this adds what only the mail side knows.
    this.logger.debug({ outboxId: id, permanent }, 'mail delivery attempt failed');
    if (permanent) throw new UnrecoverableError(message);
  }
}
