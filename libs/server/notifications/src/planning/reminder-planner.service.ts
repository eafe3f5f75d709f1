import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotificationKind } from '@srp/contracts';
import { activeInvitees } from '@srp/server/meetings';
import { AppConfig, DomainEvent, DomainEvents } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { ReminderSubject } from '../entities/reminder.entity';
import { SeriesReminderOverride, seriesRules } from '../settings/reminder-settings';
import { loadSettings } from '../settings/settings-store';
import { agendaCallAt, meetingReminderAt, minutesDeadlineAt, taskDueAt } from './reminder-times';

/** One reminder row to write. `accountId` null: fans out to the people concerned when due. */
export interface PlannedReminder {
  kind: NotificationKind;
  accountId: string | null;
  subjectType: ReminderSubject;
  subjectId: string | null;
  dueAt: Date;
  dedupeKey: string;
  payload?: Record<string, unknown>;
}

/** Kinds a meeting's time plans (re-planned whenever the meeting changes). */
const MEETING_TIMED_KINDS: NotificationKind[] = ['meeting_reminder', 'agenda_call'];

/**
 * Turns domain changes into reminder rows, in the transaction of the change: invitations,
 * changes and cancellations at once; reminders for the meeting's (new) time; task reminders
 * from the task's state; the minutes' review calls. Quiet rules that depend on a person's answer
 * are applied when a row falls due (it fans out to those who have not declined).
 */
@Injectable()
export class ReminderPlanner implements OnModuleInit {
  constructor(
    private readonly domainEvents: DomainEvents,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.domainEvents.subscribe(this.listener);
  }

  private readonly listener = (manager: EntityManager, event: DomainEvent) => this.handle(manager, event);

  async handle(manager: EntityManager, event: DomainEvent): Promise<void> {
    const now = new Date();
    switch (event.type) {
      case 'meeting.created':
        await this.insert(manager, [
          {
            kind: 'meeting_invitation',
            accountId: null,
            subjectType: 'meeting',
            subjectId: event.meetingIds[0] ?? null,
            dueAt: now,
            dedupeKey: event.seriesId
              ? `meeting_invitation:series:${event.seriesId}`
              : `meeting_invitation:${event.meetingIds[0]}`,
            payload: { meetingIds: event.meetingIds, seriesId: event.seriesId, actorId: event.actorId },
          },
        ]);
        await this.planMeetings(manager, event.meetingIds);
        return;
      case 'meeting.updated':
        await this.meetingUpdated(manager, event, now);
        await this.planMeetings(manager, event.meetingIds);
        return;
      case 'meeting.cancelled': {
        const [meeting] = (await manager.query(`SELECT version FROM meeting WHERE id = $1`, [event.meetingIds[0]])) as {
          version: number;
        }[];
        await this.insert(manager, [
          {
            kind: 'meeting_cancelled',
            accountId: null,
            subjectType: 'meeting',
            subjectId: event.meetingIds[0] ?? null,
            dueAt: now,
            dedupeKey: `meeting_cancelled:${event.meetingIds[0]}:${meeting?.version ?? 0}`,
            payload: { meetingIds: event.meetingIds, reason: event.reason, actorId: event.actorId },
          },
        ]);
        await this.planMeetings(manager, event.meetingIds);
        return;
      }
      case 'meeting_series.reminders_changed': {
        const rows = (await manager.query(
          `SELECT id FROM meeting WHERE series_id = $1 AND status = 'scheduled' AND starts_at > now()`,
          [event.seriesId],
        )) as { id: string }[];
        await this.planMeetings(
          manager,
          rows.map((r) => r.id),
        );
        return;
      }
      case 'task.changed':
        await this.taskChanged(manager, event, now);
        return;
      case 'minutes.submitted':
        await this.minutesSubmitted(manager, event.minutesId, event.actorId, now);
        return;
      case 'minutes.approved':
        await this.cancel(
          manager,
          `subject_type = 'minutes' AND subject_id = $1 AND kind = 'minutes_review' AND account_id = $2`,
          [event.minutesId, event.accountId],
        );
        return;
      case 'minutes.reopened':
        await this.cancel(manager, `subject_type = 'minutes' AND subject_id = $1 AND kind = 'minutes_review'`, [
          event.minutesId,
        ]);
        return;
      case 'minutes.released': {
        await this.cancel(manager, `subject_type = 'minutes' AND subject_id = $1 AND kind = 'minutes_review'`, [
          event.minutesId,
        ]);
        const [minutes] = (await manager.query(`SELECT revision FROM minutes WHERE id = $1`, [event.minutesId])) as {
          revision: number;
        }[];
        await this.insert(manager, [
          {
            kind: 'minutes_released',
            accountId: null,
            subjectType: 'minutes',
            subjectId: event.minutesId,
            dueAt: now,
            dedupeKey: `minutes_released:${event.minutesId}:${minutes?.revision ?? 1}`,
            payload: { actorId: event.actorId, revision: minutes?.revision ?? 1 },
          },
        ]);
        return;
      }
      case 'membership.decided':
        await this.insert(manager, [
          {
            kind: 'membership_decided',
            accountId: event.requesterId,
            subjectType: 'organization',
            subjectId: event.organizationId,
            dueAt: now,
            dedupeKey: `membership_decided:${event.organizationId}:${event.requesterId}:${now.toISOString()}`,
            payload: { approved: event.approved, message: event.message, actorId: event.actorId },
          },
        ]);
        return;
      case 'group_join.decided':
        await this.insert(manager, [
          {
            kind: 'group_join_decided',
            accountId: event.accountId,
            subjectType: 'group',
            subjectId: event.groupId,
            dueAt: now,
            dedupeKey: `group_join_decided:${event.groupId}:${event.accountId}:${now.toISOString()}`,
            payload: { approved: event.approved, actorId: event.actorId },
          },
        ]);
        return;
    }
  }

  /**
   * A change notice for calendar-relevant changes; invitations and cancellations for people added
   * or removed. A change of "this and the following" meetings is one message per person about all
   * of them. While the meeting's invitation has not gone out yet, nothing is added: the invitation
   * reaches the current invitees with the current state.
   */
  private async meetingUpdated(
    manager: EntityManager,
    event: Extract<DomainEvent, { type: 'meeting.updated' }>,
    now: Date,
  ): Promise<void> {
    const [first] = event.meetingIds;
    if (!first) return;
    const [pending] = (await manager.query(
      `SELECT 1 FROM reminder WHERE kind = 'meeting_invitation' AND account_id IS NULL AND status IN ('planned', 'queued')
          AND (subject_id = $1 OR payload -> 'meetingIds' ? $2)`,
      [first, first],
    )) as unknown[];
    if (pending) return;
    const [meeting] = (await manager.query(`SELECT version, ics_sequence FROM meeting WHERE id = $1`, [first])) as {
      version: number;
      ics_sequence: number;
    }[];
    if (!meeting) return;
    const rows: PlannedReminder[] = [];
    const calendarFields = event.fields.filter((f) => CALENDAR_NOTICE_FIELDS.includes(f));
    const before = event.inviteesBefore?.[first];
    let added: string[] = [];
    if (before) {
      const current = new Set(await activeInvitees(manager, first));
      const previous = new Set(before);
      added = [...current].filter((id) => !previous.has(id));
      const removed = before.filter((id) => !current.has(id));
      const payload = { meetingIds: event.meetingIds, actorId: event.actorId };
      for (const accountId of added) {
        rows.push({
          kind: 'meeting_invitation',
          accountId,
          subjectType: 'meeting',
          subjectId: first,
          dueAt: now,
          dedupeKey: `meeting_invitation:${first}:${accountId}:${meeting.version}`,
          payload,
        });
      }
      for (const accountId of removed) {
        rows.push({
          kind: 'meeting_cancelled',
          accountId,
          subjectType: 'meeting',
          subjectId: first,
          dueAt: now,
          dedupeKey: `meeting_cancelled:${first}:${accountId}:${meeting.version}`,
          payload: { ...payload, uninvited: true },
        });
      }
    }
    await this.insert(manager, rows);
    if (calendarFields.length) {
      // People just invited get the invitation with the new state instead.
      await this.batchChange(manager, first, new Date(now.getTime() + this.config.NOTIFY_BATCH_SECONDS * 1000), {
        fields: calendarFields,
        exclude: added,
        meetingIds: event.meetingIds,
        actorId: event.actorId,
      });
    }
  }

  /**
   * The change notice goes out after the batch window, as one message for all changes made to the
   * meeting in that time (a time corrected, then the room: one e-mail, not two). It is composed
   * from the meeting's state when it goes out; the changed fields and the meetings concerned add
   * up, and it leaves out only those invited by the latest change (their invitation shows it).
   */
  private async batchChange(
    manager: EntityManager,
    meetingId: string,
    dueAt: Date,
    payload: { fields: string[]; exclude: string[]; meetingIds: string[]; actorId: string },
  ): Promise<void> {
    const union = (key: string) =>
      `(SELECT coalesce(jsonb_agg(DISTINCT v), '[]'::jsonb) FROM jsonb_array_elements_text(
          coalesce(reminder.payload -> '${key}', '[]'::jsonb) || coalesce(EXCLUDED.payload -> '${key}', '[]'::jsonb)) AS v)`;
    await manager.query(
      `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key, batch_key, payload)
       VALUES ('meeting_changed', NULL, 'meeting', $1::uuid, $2, 'meeting_changed:' || $1::text || ':' || gen_random_uuid(),
               'meeting_changed:' || $1::text, $3::jsonb)
       ON CONFLICT (batch_key) WHERE status = 'planned'
       DO UPDATE SET payload = jsonb_build_object(
         'fields', ${union('fields')}, -- Only those just invited by the latest change: an earlier invitation showed an older state.
         'exclude', EXCLUDED.payload -> 'exclude',
         -- The subject stays first: it is the meeting the notice is about.
         'meetingIds', jsonb_build_array($1::text) || (${union('meetingIds')} - $1::text),
         'actorId', EXCLUDED.payload -> 'actorId')`,
      [meetingId, dueAt, JSON.stringify(payload)],
    );
  }

  /**
   * Re-plans the timed reminders of meetings from their current state: rows for the new times are
   * written (or revived), rows for times no longer right (moved, cancelled, settings changed) are
   * cancelled. Rows that already fell due are left alone.
   */
  async planMeetings(manager: EntityManager, meetingIds: string[]): Promise<void> {
    if (!meetingIds.length) return;
    const { settings } = await loadSettings(manager);
    const meetings = (await manager.query(
      `SELECT m.id, m.starts_at, m.status, m.series_id, m.call_for_items, s.reminder_settings
         FROM meeting m LEFT JOIN meeting_series s ON s.id = m.series_id
        WHERE m.id = ANY($1::uuid[])`,
      [meetingIds],
    )) as Array<{
      id: string;
      starts_at: Date;
      status: string;
      series_id: string | null;
      call_for_items: boolean;
      reminder_settings: SeriesReminderOverride | null;
    }>;
    const now = Date.now();
    const wanted: PlannedReminder[] = [];
    for (const m of meetings) {
      if (m.status !== 'scheduled' || m.starts_at.getTime() <= now) continue;
      const rules = seriesRules(settings, m.series_id ? m.reminder_settings : null);
      const payload = { startsAt: m.starts_at.toISOString() };
      for (const rule of rules.meetingReminders) {
        const dueAt = meetingReminderAt(m.starts_at, rule);
        if (dueAt.getTime() <= now) continue;
        wanted.push({
          kind: 'meeting_reminder',
          accountId: null,
          subjectType: 'meeting',
          subjectId: m.id,
          dueAt,
          dedupeKey: `meeting_reminder:${m.id}:${dueAt.toISOString()}`,
          payload: { ...payload, rule },
        });
      }
      if (m.series_id && m.call_for_items && rules.agendaCallDaysBefore) {
        const dueAt = agendaCallAt(m.starts_at, rules.agendaCallDaysBefore);
        if (dueAt.getTime() > now) {
          wanted.push({
            kind: 'agenda_call',
            accountId: null,
            subjectType: 'meeting',
            subjectId: m.id,
            dueAt,
            dedupeKey: `agenda_call:${m.id}:${dueAt.toISOString()}`,
            payload,
          });
        }
      }
    }
    await this.cancelFuture(
      manager,
      `subject_type = 'meeting' AND subject_id = ANY($1::uuid[]) AND kind = ANY($2::text[]) AND NOT (dedupe_key = ANY($3::text[]))`,
      [meetingIds, MEETING_TIMED_KINDS, wanted.map((w) => w.dedupeKey)],
    );
    await this.insert(manager, wanted, { revive: true });
  }

  private async taskChanged(
    manager: EntityManager,
    event: Extract<DomainEvent, { type: 'task.changed' }>,
    now: Date,
  ): Promise<void> {
    const { settings } = await loadSettings(manager);
    const { task } = event;
    await this.planTaskDue(manager, event.taskId, task, settings.taskDueSoonDays);
    await this.notifyTaskPeople(manager, event, now);
  }

  /** The due reminders of one task from its state: one per assignee on each day, none once done. */
  private async planTaskDue(
    manager: EntityManager,
    taskId: string,
    task: { dueDate: string | null; status: string; archived: boolean; assigneeIds: string[] },
    soonDays: number | null,
  ): Promise<void> {
    const now = new Date();
    const wanted: PlannedReminder[] = [];
    if (task.dueDate && task.status !== 'done' && !task.archived) {
      for (const { which, dueAt } of taskDueAt(task.dueDate, soonDays)) {
        if (dueAt.getTime() <= now.getTime()) continue;
        for (const accountId of task.assigneeIds) {
          wanted.push({
            kind: 'task_due',
            accountId,
            subjectType: 'task',
            subjectId: taskId,
            dueAt,
            dedupeKey: `task_due:${taskId}:${accountId}:${dueAt.toISOString()}`,
            payload: { dueDate: task.dueDate, which },
          });
        }
      }
    }
    await this.cancelFuture(
      manager,
      `subject_type = 'task' AND subject_id = $1 AND kind = 'task_due' AND NOT (dedupe_key = ANY($2::text[]))`,
      [taskId, wanted.map((w) => w.dedupeKey)],
    );
    await this.insert(manager, wanted, { revive: true });
  }

  /** Re-plans the due reminders of every open task with a future due date (the days before changed). */
  async planOpenTasks(manager: EntityManager): Promise<void> {
    const { settings } = await loadSettings(manager);
    const tasks = (await manager.query(
      `SELECT t.id, t.due_date::text AS "dueDate", t.status,
              ARRAY(SELECT a.account_id FROM task_assignee a WHERE a.task_id = t.id) AS "assigneeIds"
         FROM task t WHERE t.due_date >= CURRENT_DATE AND t.status <> 'done' AND t.archived_at IS NULL`,
    )) as Array<{ id: string; dueDate: string; status: string; assigneeIds: string[] }>;
    for (const t of tasks) await this.planTaskDue(manager, t.id, { ...t, archived: false }, settings.taskDueSoonDays);
  }

  /** Re-plans the second call of every minutes in review (the days before the deadline changed). */
  async planReviewDeadlines(manager: EntityManager): Promise<void> {
    const { settings } = await loadSettings(manager);
    const inReview = (await manager.query(
      `SELECT id, revision, review_deadline::text AS deadline FROM minutes WHERE status = 'in_review' AND review_deadline IS NOT NULL`,
    )) as Array<{ id: string; revision: number; deadline: string }>;
    for (const m of inReview) {
      const planned = (await manager.query(
        `SELECT account_id, payload FROM reminder WHERE subject_type = 'minutes' AND subject_id = $1 AND kind = 'minutes_review'
            AND status = 'planned' AND due_at > now() AND payload ->> 'beforeDeadline' = 'true'`,
        [m.id],
      )) as Array<{ account_id: string; payload: Record<string, unknown> }>;
      await this.cancelFuture(
        manager,
        `subject_type = 'minutes' AND subject_id = $1 AND kind = 'minutes_review' AND payload ->> 'beforeDeadline' = 'true'`,
        [m.id],
      );
      const dueAt = settings.minutesDeadlineDays ? minutesDeadlineAt(m.deadline, settings.minutesDeadlineDays) : null;
      if (!dueAt || dueAt.getTime() <= Date.now()) continue;
      await this.insert(
        manager,
        planned.map((p) => ({
          kind: 'minutes_review' as const,
          accountId: p.account_id,
          subjectType: 'minutes' as const,
          subjectId: m.id,
          dueAt,
          dedupeKey: `minutes_review:${m.id}:${m.revision}:${p.account_id}:${dueAt.toISOString()}`,
          payload: p.payload,
        })),
        { revive: true },
      );
    }
  }

  /** Assignment and mention messages (batched); the consumed task events are marked processed. */
  private async notifyTaskPeople(
    manager: EntityManager,
    event: Extract<DomainEvent, { type: 'task.changed' }>,
    now: Date,
  ): Promise<void> {
    const { task } = event;

    // Nobody is told about their own doing; a task already done is no news.
    const others = (ids: string[]) => ids.filter((id) => id !== event.actorId);
    const batchDue = new Date(now.getTime() + this.config.NOTIFY_BATCH_SECONDS * 1000);
    if (task.status !== 'done' && !task.archived) {
      for (const accountId of others(event.assignedIds)) {
        await this.batch(manager, 'task_assigned', accountId, batchDue, {
          taskId: event.taskId,
          actorId: event.actorId,
          at: now.toISOString(),
        });
      }
    }
    if (event.mentioned) {
      for (const accountId of others(event.mentioned.accountIds)) {
        await this.batch(manager, 'task_mentioned', accountId, batchDue, {
          taskId: event.taskId,
          commentId: event.mentioned.commentId,
          actorId: event.actorId,
          at: now.toISOString(),
        });
      }
    }
    // The events are consumed here, in their own transaction (ADR 0003's outbox, now drained at once).
    await manager.query(`UPDATE task_event SET processed_at = now() WHERE task_id = $1 AND processed_at IS NULL`, [
      event.taskId,
    ]);
  }

  /**
   * Adds an item to the person's collecting message of this kind, or starts one that goes out
   * after the batch window: several changes in a short time become one message.
   */
  private async batch(
    manager: EntityManager,
    kind: 'task_assigned' | 'task_mentioned',
    accountId: string,
    dueAt: Date,
    item: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key, batch_key, payload)
       VALUES ($1::text, $2::uuid, 'person', $2::uuid, $3, $1::text || ':' || gen_random_uuid(), $1::text || ':' || $2::text,
               jsonb_build_object('items', jsonb_build_array($4::jsonb)))
       ON CONFLICT (batch_key) WHERE status = 'planned'
       DO UPDATE SET payload = jsonb_set(reminder.payload, '{items}', (reminder.payload -> 'items') || (EXCLUDED.payload -> 'items'))`,
      [kind, accountId, dueAt, JSON.stringify(item)],
    );
  }

  /** On entering review: everyone present (but the submitter) is asked now and again before the deadline. */
  private async minutesSubmitted(manager: EntityManager, minutesId: string, actorId: string, now: Date): Promise<void> {
    const { settings } = await loadSettings(manager);
    const [minutes] = (await manager.query(
      `SELECT mi.revision, mi.review_deadline::text AS deadline, mi.meeting_id FROM minutes mi WHERE mi.id = $1`,
      [minutesId],
    )) as { revision: number; deadline: string | null; meeting_id: string }[];
    if (!minutes) return;
    const approvers = (await manager.query(
      `SELECT a.id FROM meeting_attendance ma JOIN account a ON a.id = ma.account_id
        WHERE ma.meeting_id = $1 AND ma.status = 'present' AND a.status = 'active' AND a.id <> $2
          AND NOT EXISTS (SELECT 1 FROM minutes_approval ap WHERE ap.minutes_id = $3 AND ap.revision = $4 AND ap.account_id = a.id)`,
      [minutes.meeting_id, actorId, minutesId, minutes.revision],
    )) as { id: string }[];
    const rows: PlannedReminder[] = [];
    const deadlineAt =
      minutes.deadline && settings.minutesDeadlineDays
        ? minutesDeadlineAt(minutes.deadline, settings.minutesDeadlineDays)
        : null;
    for (const { id } of approvers) {
      const base = {
        kind: 'minutes_review' as const,
        accountId: id,
        subjectType: 'minutes' as const,
        subjectId: minutesId,
      };
      const payload = { revision: minutes.revision, deadline: minutes.deadline, actorId };
      rows.push({
        ...base,
        dueAt: now,
        dedupeKey: `minutes_review:${minutesId}:${minutes.revision}:${id}:${now.toISOString()}`,
        payload,
      });
      if (deadlineAt && deadlineAt.getTime() > now.getTime()) {
        rows.push({
          ...base,
          dueAt: deadlineAt,
          dedupeKey: `minutes_review:${minutesId}:${minutes.revision}:${id}:${deadlineAt.toISOString()}`,
          payload: { ...payload, beforeDeadline: true },
        });
      }
    }
    await this.insert(manager, rows);
  }

  /** Cancels planned rows matching a condition (on table `reminder`). */
  private async cancel(manager: EntityManager, condition: string, params: unknown[]): Promise<void> {
    await manager.query(
      `UPDATE reminder SET status = 'cancelled', outcome = 'replanned', processed_at = now()
        WHERE status = 'planned' AND ${condition}`,
      params,
    );
  }

  /**
   * Re-planning cancels only rows still in the future: a row already due but not yet swept (the
   * worker or Redis was down) stays, and its delivery checks whether it still applies.
   */
  private async cancelFuture(manager: EntityManager, condition: string, params: unknown[]): Promise<void> {
    await this.cancel(manager, `due_at > now() AND ${condition}`, params);
  }

  /** Writes rows once (by dedupe key); `revive` plans a cancelled row with the same key again. */
  async insert(manager: EntityManager, planned: PlannedReminder[], options: { revive?: boolean } = {}): Promise<void> {
    // Two rules may give the same instant (24 h before and "the day before at 10:00" for a 10:00
    // meeting): one row per key, or PostgreSQL refuses to touch a row twice in one statement.
    const rows = [...new Map(planned.map((r) => [r.dedupeKey, r])).values()];
    if (!rows.length) return;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await manager.query(
        `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key, payload)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[], $7::jsonb[])
         ON CONFLICT (dedupe_key) ${
           options.revive
             ? `DO UPDATE SET status = 'planned', outcome = NULL, processed_at = NULL, queued_at = NULL, payload = EXCLUDED.payload
                 WHERE reminder.status = 'cancelled'`
             : 'DO NOTHING'
         }`,
        [
          chunk.map((r) => r.kind),
          chunk.map((r) => r.accountId),
          chunk.map((r) => r.subjectType),
          chunk.map((r) => r.subjectId),
          chunk.map((r) => r.dueAt.toISOString()),
          chunk.map((r) => r.dedupeKey),
          chunk.map((r) => JSON.stringify(r.payload ?? {})),
        ],
      );
    }
  }
}

/** Changes worth a message to the invitees (what is in their calendar or how they join). */
const CALENDAR_NOTICE_FIELDS = ['startsAt', 'endsAt', 'title', 'format', 'onlineUrl', 'address', 'room', 'description'];
