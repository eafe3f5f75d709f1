import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditOrigin, AuditService } from '@srp/server/identity';
import {
  DomainError,
  JOB_QUEUE,
  JOB_SCHEDULES,
  JobName,
  JobQueueService,
  MailOutboxService,
  QueueName,
  SCHEDULE_TIME_ZONE,
  AppConfig,
} from '@srp/server/platform';
import { NOTIFICATION_KIND_LABELS, NotificationKind } from '@srp/contracts';
import { DataSource } from 'typeorm';
import { deliveryJobId } from '../delivery/reminder-jobs';
import {
  FailedDeliveryListDto,
  NotificationHealthDto,
  NotificationSettingsDto,
  RetryResultDto,
  UpdateNotificationSettingsDto,
} from '../http/notifications.dto';
import { ReminderPlanner } from '../planning/reminder-planner.service';
import { checkSettings, completeSettings, ReminderSettings } from '../settings/reminder-settings';
import { loadSettings } from '../settings/settings-store';

const HEALTH_TIMEOUT_MS = 3_000;

/** What admins and coordinators see and change: queue health, failed e-mails, the defaults. */
@Injectable()
export class NotificationAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly mail: MailOutboxService,
    private readonly audit: AuditService,
    private readonly planner: ReminderPlanner,
    private readonly config: AppConfig,
  ) {}

  async health(): Promise<NotificationHealthDto> {
    const [reminders, mails, [oldest]] = await Promise.all([
      // Pending rows by their partial indexes, the last week's outcomes by processed_at.
      this.dataSource.query(
        `SELECT status, count(*)::int AS count FROM (
            SELECT status FROM reminder WHERE status = 'planned'
            UNION ALL SELECT status FROM reminder WHERE status = 'queued'
            UNION ALL SELECT status FROM reminder WHERE processed_at > now() - interval '7 days'
          ) r GROUP BY status ORDER BY status`,
      ) as Promise<Array<{ status: string; count: number }>>,
      this.dataSource.query(
        `SELECT status, count(*)::int AS count FROM mail_outbox
          WHERE status IN ('queued', 'sending', 'retrying', 'failed', 'uncertain') OR updated_at > now() - interval '7 days'
          GROUP BY status ORDER BY status`,
      ) as Promise<Array<{ status: string; count: number }>>,
      this.dataSource.query(
        `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(due_at)), 0)::int AS seconds FROM reminder
          WHERE status IN ('planned', 'queued') AND due_at <= now()`,
      ) as Promise<Array<{ seconds: number }>>,
    ]);
    let redisReachable = true;
    const queues: NotificationHealthDto['queues'] = [];
    const schedules: NotificationHealthDto['schedules'] = [];
    try {
      await withTimeout(
        (async () => {
          for (const name of Object.values(QueueName)) {
            const counts = await this.jobs
              .queue(name)
              .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
            queues.push({
              name,
              waiting: counts['waiting'] ?? 0,
              active: counts['active'] ?? 0,
              delayed: counts['delayed'] ?? 0,
              failed: counts['failed'] ?? 0,
              completed: counts['completed'] ?? 0,
            });
          }
          for (const schedule of JOB_SCHEDULES) {
            const found = await this.jobs.queue(JOB_QUEUE[schedule.job]).getJobScheduler(schedule.id);
            schedules.push({
              id: schedule.id,
              rule:
                'cron' in schedule
                  ? `${schedule.cron} (${SCHEDULE_TIME_ZONE})`
                  : `alle ${(typeof schedule.everyMs === 'function' ? schedule.everyMs(this.config) : schedule.everyMs) / 1000} s`,
              nextRunAt: found?.next ? new Date(found.next).toISOString() : null,
            });
          }
        })(),
      );
    } catch {
      redisReachable = false;
    }
    return { redisReachable, queues, schedules, reminders, mails, oldestDueSeconds: oldest?.seconds ?? 0 };
  }

  async failedDeliveries(): Promise<FailedDeliveryListDto> {
    const rows = (await this.dataSource.query(
      `SELECT id, status, recipient, template, params -> 'content' ->> 'subject' AS subject, last_error, attempts, created_at, updated_at
         FROM mail_outbox WHERE status IN ('failed', 'uncertain') ORDER BY updated_at DESC LIMIT 200`,
    )) as Array<{
      id: string;
      status: 'failed' | 'uncertain';
      recipient: string;
      template: string;
      subject: string | null;
      last_error: string | null;
      attempts: number;
      created_at: Date;
      updated_at: Date;
    }>;
    const reminders = (await this.dataSource.query(
      `SELECT r.id, r.kind, a.name AS recipient, r.outcome, r.due_at, r.processed_at FROM reminder r
         LEFT JOIN account a ON a.id = r.account_id
        WHERE r.status = 'failed' ORDER BY r.processed_at DESC LIMIT 200`,
    )) as Array<{
      id: string;
      kind: NotificationKind;
      recipient: string | null;
      outcome: string | null;
      due_at: Date;
      processed_at: Date;
    }>;
    return {
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        recipient: r.recipient,
        subject: r.subject ?? TEMPLATE_SUBJECTS[r.template] ?? r.template,
        lastError: r.last_error,
        attempts: r.attempts,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      failedReminders: reminders.map((r) => ({
        id: r.id,
        kind: r.kind,
        label: NOTIFICATION_KIND_LABELS[r.kind],
        recipient: r.recipient,
        reason: r.outcome,
        dueAt: new Date(r.due_at).toISOString(),
        failedAt: new Date(r.processed_at).toISOString(),
      })),
    };
  }

  /**
   * Sends a failed or uncertain e-mail again (404 unknown, 409 when it is neither): the row and the
   * audit entry change in one transaction, the job is added after the commit.
   */
  async retry(id: string, origin: AuditOrigin): Promise<RetryResultDto> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT status FROM mail_outbox WHERE id = $1 FOR UPDATE`, [id])) as {
        status: string;
      }[];
      if (!row) throw new DomainError('NOT_FOUND');
      if (row.status !== 'failed' && row.status !== 'uncertain') {
        throw new DomainError('CONFLICT', 'Diese E-Mail ist nicht fehlgeschlagen; sie wird nicht erneut gesendet.', {
          status: row.status,
        });
      }
      await manager.query(
        `UPDATE mail_outbox SET status = 'queued', attempts = 0, last_error = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(
        origin,
        { action: 'mail.retried', subjectType: 'mail_outbox', subjectId: id, details: { previousStatus: row.status } },
        manager,
      );
    });
    await this.mail.dispatch(id, { redrive: true });
    return { queued: true };
  }

  /** Delivers a reminder again that ran out of attempts (404 unknown, 409 when it is not failed). */
  async retryReminder(id: string, origin: AuditOrigin): Promise<RetryResultDto> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT status, outcome FROM reminder WHERE id = $1 FOR UPDATE`, [id])) as {
        status: string;
        outcome: string | null;
      }[];
      if (!row) throw new DomainError('NOT_FOUND');
      if (row.status !== 'failed') {
        throw new DomainError('CONFLICT', 'Dieser Hinweis ist nicht fehlgeschlagen.', { status: row.status });
      }
      await manager.query(
        `UPDATE reminder SET status = 'queued', queued_at = now(), processed_at = NULL, outcome = NULL WHERE id = $1`,
        [id],
      );
      await this.audit.record(
        origin,
        { action: 'reminder.retried', subjectType: 'reminder', subjectId: id, details: { reason: row.outcome } },
        manager,
      );
    });
    try {
      await this.jobs.addMany(JobName.ReminderDeliver, [{ payload: { reminderId: id }, jobId: deliveryJobId(id) }], {
        redrive: true,
      });
    } catch {
      // Queued in PostgreSQL: the reconciler re-drives it once Redis answers.
    }
    return { queued: true };
  }

  async settings(): Promise<NotificationSettingsDto> {
    const [row] = (await this.dataSource.query(
      `SELECT s.version, s.updated_at, a.name AS updated_by FROM notification_settings s LEFT JOIN account a ON a.id = s.updated_by WHERE s.id = 1`,
    )) as { version: number; updated_at: Date; updated_by: string | null }[];
    const { settings } = await loadSettings(this.dataSource.manager);
    return {
      settings,
      version: row?.version ?? 0,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      updatedBy: row?.updated_by ?? null,
    };
  }

  /** Changes the defaults (409 on a stale version) and re-plans the reminders of future meetings. */
  async updateSettings(input: UpdateNotificationSettingsDto, origin: AuditOrigin): Promise<NotificationSettingsDto> {
    const settings = completeSettings(input.settings as unknown as Partial<ReminderSettings>);
    const problems = checkSettings(settings);
    if (problems.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        undefined,
        problems.map((p) => ({ field: `settings.${p.field}`, code: 'invalid', message: p.message })),
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const [current] = (await manager.query(
        `SELECT version, settings FROM notification_settings WHERE id = 1 FOR UPDATE`,
      )) as {
        version: number;
        settings: unknown;
      }[];
      const version = current?.version ?? 0;
      if (version !== input.version) {
        throw new DomainError(
          'CONFLICT',
          'Die Einstellungen wurden inzwischen von jemand anderem geändert. Bitte laden Sie neu und wiederholen Sie Ihre Änderung.',
          { currentVersion: version },
        );
      }
      await manager.query(
        `INSERT INTO notification_settings (id, settings, version, updated_at, updated_by) VALUES (1, $1, 1, now(), $2)
         ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, version = notification_settings.version + 1,
                updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [JSON.stringify(settings), origin.actorId],
      );
      await this.audit.record(
        origin,
        {
          action: 'notification.settings_changed',
          subjectType: 'notification_settings',
          details: { before: current?.settings ?? null, after: settings },
        },
        manager,
      );
      // Only what the change affects is re-planned (channels apply when a reminder is delivered).
      const before = completeSettings(current?.settings as Partial<ReminderSettings> | undefined);
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (
        !same(before.meetingReminders, settings.meetingReminders) ||
        before.agendaCallDaysBefore !== settings.agendaCallDaysBefore
      ) {
        const future = (await manager.query(
          `SELECT id FROM meeting WHERE status = 'scheduled' AND starts_at > now()`,
        )) as {
          id: string;
        }[];
        await this.planner.planMeetings(
          manager,
          future.map((m) => m.id),
        );
      }
      if (before.taskDueSoonDays !== settings.taskDueSoonDays) await this.planner.planOpenTasks(manager);
      if (before.minutesDeadlineDays !== settings.minutesDeadlineDays) await this.planner.planReviewDeadlines(manager);
    });
    return this.settings();
  }
}

const TEMPLATE_SUBJECTS: Record<string, string> = {
  invitation: 'Einladung zum SmartRegion Portal',
  'password-reset': 'Passwort zurücksetzen',
  'test-mail': 'Test-E-Mail',
  'membership-decided': 'Entscheidung über eine Mitgliedschaft',
  'group-join-decided': 'Entscheidung über einen Gruppenbeitritt',
};

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref()),
  ]);
}
