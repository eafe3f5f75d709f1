import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MANDATORY_NOTIFICATION_KINDS, NotificationChannel, NotificationKind } from '@srp/contracts';
import {
  AppConfig,
  JobHandler,
  JobName,
  JobPayloads,
  JobQueueService,
  MailOutboxService,
  MailTemplateName,
} from '@srp/server/platform';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { composeNotice } from '../content/compose';
import { NoticeLoader, ReminderRow } from '../content/notice-loader';
import { channelFor } from '../settings/reminder-settings';
import { loadSettings } from '../settings/settings-store';
import { preferenceToken } from '../settings/preference-token';
import { deliveryJobId } from './reminder-jobs';

export type DeliveryResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'fanned_out'; count: number }
  | { outcome: NotificationChannel };

const REMINDER_COLUMNS = 'id, kind, account_id, subject_type, subject_id, due_at, status, payload, parent_id';

/**
 * Delivers one claimed reminder in one transaction: a fan-out row becomes one row per person; a
 * personal row is composed from the current state, checked against the quiet rules and the
 * person's choice, and written as a notification (unique per reminder: exactly once) and, for
 * e-mail, as a mail outbox row (unique per reminder) that the mail job then sends.
 */
@Injectable()
export class ReminderDeliveryHandler {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly loader: NoticeLoader,
    private readonly mail: MailOutboxService,
    private readonly jobs: JobQueueService,
  ) {}

  @JobHandler(JobName.ReminderDeliver)
  async handle(payload: JobPayloads[JobName.ReminderDeliver], job?: Job): Promise<DeliveryResult> {
    try {
      return await this.deliver(payload.reminderId);
    } catch (error) {
      const attempts = job?.opts.attempts ?? 1;
      if (!job || job.attemptsMade + 1 >= attempts) {
        // Out of attempts: visible to admins instead of re-driven forever by the reconciler.
        await this.dataSource.query(
          `UPDATE reminder SET status = 'failed', outcome = left($2, 60), processed_at = now() WHERE id = $1 AND status = 'queued'`,
          [payload.reminderId, `error: ${(error as Error).message}`],
        );
      }
      throw error;
    }
  }

  async deliver(reminderId: string): Promise<DeliveryResult> {
    const after: { outboxId?: string | null; fanout?: string[]; guestMails?: string[] } = {};
    const result = await this.dataSource.transaction(async (manager): Promise<DeliveryResult> => {
      const [row] = (await manager.query(`SELECT ${REMINDER_COLUMNS} FROM reminder WHERE id = $1 FOR UPDATE`, [
        reminderId,
      ])) as ReminderRow[];
      if (!row || row.status !== 'queued')
        return { outcome: 'skipped', reason: row ? `already ${row.status}` : 'gone' };
      if (!row.account_id) {
        if (row.kind === 'meeting_changed' || row.kind === 'meeting_cancelled') {
          after.guestMails = await this.guestMails(manager, row);
        }
        const ids = await this.fanOut(manager, row);
        after.fanout = ids ?? [];
        return ids === null ? { outcome: 'skipped', reason: 'nobody' } : { outcome: 'fanned_out', count: ids.length };
      }
      const outcome = await this.personal(manager, row);
      after.outboxId = outcome.outboxId;
      return outcome.result;
    });
    if (after.outboxId) await this.mail.dispatch(after.outboxId);
    for (const id of after.guestMails ?? []) await this.mail.dispatch(id);
    if (after.fanout?.length) await this.enqueue(after.fanout);
    return result;
  }

  /** Enqueues deliveries; on a Redis failure the reconciler re-drives the rows later. */
  async enqueue(ids: string[]): Promise<void> {
    try {
      await this.jobs.addMany(
        JobName.ReminderDeliver,
        ids.map((id) => ({ payload: { reminderId: id }, jobId: deliveryJobId(id) })),
      );
    } catch (error) {
      this.logger.warn(
        `${ids.length} reminders claimed but not enqueued (${(error as Error).message}); the reconciler will retry`,
      );
    }
  }

  /**
   * Guests (no account, no preferences) hear of changes and cancellations by e-mail with the
   * updated .ics; their personal link is not known any more (only its hash), so the mail points
   * to the link they already have.
   */
  private async guestMails(manager: EntityManager, row: ReminderRow): Promise<string[]> {
    // Like people, a guest who declined hears of no change, but does of the cancellation.
    const guests = (await manager.query(
      `SELECT id, name, email FROM meeting_guest
        WHERE meeting_id = $1 AND ($2 = 'meeting_cancelled' OR answer IS DISTINCT FROM 'no')`,
      [row.subject_id, row.kind],
    )) as Array<{ id: string; name: string; email: string }>;
    const portalUrl = this.config.PUBLIC_URL.replace(/\/$/, '');
    const ids: string[] = [];
    for (const guest of guests) {
      const loaded = await this.loader.loadFor(manager, row, guest, { guest: true });
      if ('quiet' in loaded) continue;
      const notice = composeNotice(loaded.data, { portalUrl, preferencesUrl: portalUrl });
      const content = {
        ...notice.mail,
        // Guests cannot open the portal's meeting page: they use the personal link they were sent.
        blocks: [
          ...notice.mail.blocks.filter((b) => !(b.kind === 'button' && b.url.includes('/termine/'))),
          { kind: 'paragraph' as const, text: 'Ihren persönlichen Link zum Termin finden Sie in der Einladung.' },
        ],
        reason: 'Warum erhalte ich diese E-Mail? Sie wurden als Gast zu diesem Termin eingeladen.',
        footerLinks: [],
      };
      const id = await this.mail.recordOnce(
        {
          to: guest.email,
          template: MailTemplateName.Notification,
          params: { content },
          dedupeKey: `reminder:${row.id}:guest:${guest.id}`,
          attachments: loaded.attachments,
        },
        manager,
      );
      if (id) ids.push(id);
    }
    return ids;
  }

  private async fanOut(manager: EntityManager, row: ReminderRow): Promise<string[] | null> {
    const recipients = await this.loader.recipients(manager, row);
    if (!Array.isArray(recipients) || !recipients.length) {
      await this.finish(manager, row.id, 'skipped', Array.isArray(recipients) ? 'nobody' : recipients.quiet);
      return null;
    }
    const ids: string[] = [];
    for (let i = 0; i < recipients.length; i += 1000) {
      const chunk = recipients.slice(i, i + 1000);
      const inserted = (await manager.query(
        `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, status, dedupe_key, payload, parent_id, queued_at)
         SELECT $1, a, $2, $3, $4, 'queued', $8::text || ':' || a::text, $6::jsonb, $5, now() FROM unnest($7::uuid[]) AS a
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [row.kind, row.subject_type, row.subject_id, row.due_at, row.id, JSON.stringify(row.payload), chunk, row.id],
      )) as { id: string }[];
      ids.push(...inserted.map((r) => r.id));
    }
    await this.finish(manager, row.id, 'done', `fanout:${recipients.length}`);
    return ids;
  }

  private async personal(
    manager: EntityManager,
    row: ReminderRow,
  ): Promise<{ result: DeliveryResult; outboxId: string | null }> {
    const accountId = row.account_id as string;
    const kind = row.kind as NotificationKind;
    const [{ settings }, own] = await Promise.all([
      loadSettings(manager),
      manager.query(`SELECT channel FROM notification_preference WHERE account_id = $1 AND kind = $2`, [
        accountId,
        kind,
      ]) as Promise<{ channel: NotificationChannel }[]>,
    ]);
    const channel = channelFor(kind, own[0]?.channel, settings);
    if (channel === 'off') {
      await this.finish(manager, row.id, 'skipped', 'off');
      return { result: { outcome: 'skipped', reason: 'off' }, outboxId: null };
    }
    const loaded = await this.loader.load(manager, row);
    if ('quiet' in loaded) {
      await this.finish(manager, row.id, 'skipped', `quiet:${loaded.quiet}`);
      return { result: { outcome: 'skipped', reason: loaded.quiet }, outboxId: null };
    }
    const portalUrl = this.config.PUBLIC_URL.replace(/\/$/, '');
    const token = preferenceToken(this.config.secretKey, accountId, kind);
    const notice = composeNotice(loaded.data, {
      portalUrl,
      preferencesUrl: `${portalUrl}/benachrichtigungen/${token}`,
    });
    await manager.query(
      `INSERT INTO notification (account_id, reminder_id, kind, title, body, link)
       VALUES ($1, $2, $3, left($4, 300), $5, left($6, 500)) ON CONFLICT (reminder_id) DO NOTHING`,
      [accountId, row.id, kind, notice.title, notice.body, notice.link],
    );
    let outboxId: string | null = null;
    if (channel === 'email') {
      const oneClick = `${portalUrl}/api/unsubscribe/${token}`;
      outboxId = await this.mail.recordOnce(
        {
          to: loaded.data.recipient.email,
          template: MailTemplateName.Notification,
          params: { content: notice.mail },
          dedupeKey: `reminder:${row.id}`,
          // RFC 8058: mail clients offer "unsubscribe", which switches this kind to in-app only.
          // Not for invitations and cancellations: they always arrive, so no client offers it.
          headers: {
            ...(MANDATORY_NOTIFICATION_KINDS.includes(kind)
              ? {}
              : { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
            'X-SRP-Notification': kind,
          },
          attachments: [...(loaded.attachments ?? []), ...(notice.attachments ?? [])],
        },
        manager,
      );
    }
    await this.finish(manager, row.id, 'done', channel);
    return { result: { outcome: channel }, outboxId };
  }

  private async finish(manager: EntityManager, id: string, status: 'done' | 'skipped', outcome: string): Promise<void> {
    await manager.query(`UPDATE reminder SET status = $2, outcome = left($3, 60), processed_at = now() WHERE id = $1`, [
      id,
      status,
      outcome,
    ]);
  }
}
