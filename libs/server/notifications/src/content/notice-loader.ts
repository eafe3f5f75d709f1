import { Injectable } from '@nestjs/common';
import { MeetingKind } from '@srp/contracts';
import {
  addDays,
  berlinParts,
  INVITEES_CONDITION,
  MeetingCalendarService,
  PersonalCalendarFile,
  placeOf,
} from '@srp/server/meetings';
import { MailAttachment } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { MeetingFacts, NoticeData, Recipient, TaskFacts } from './notice-data';

const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  monatsrunde: 'Monatsrunde',
  uag_sitzung: 'UAG-Sitzung',
  workshop: 'Workshop',
  messe: 'Messe/Kongress',
  sonstiges: 'Termin',
};

/** A reminder row as the delivery reads it. */
export interface ReminderRow {
  id: string;
  kind: NoticeData['kind'];
  account_id: string | null;
  subject_type: string;
  subject_id: string | null;
  due_at: Date;
  status: string;
  payload: Record<string, unknown>;
  parent_id: string | null;
}

/** Why a reminder stays quiet (stored as its outcome). */
export type Quiet = { quiet: string };

export type LoadedNotice = { data: NoticeData; attachments: MailAttachment[] };

/** Meeting kinds whose rows fan out to the meeting's people. */
const MEETING_NOTICES = [
  'meeting_invitation',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_reminder',
  'agenda_call',
];

const DAY_MS = 86_400_000;

/**
 * Reads what a due reminder is about, in its current state, and applies the quiet rules: no
 * reminder for a meeting someone declined, that was cancelled or moved (the new time has its own),
 * none for a task that is done or no longer theirs, none for minutes already approved.
 */
@Injectable()
export class NoticeLoader {
  constructor(private readonly calendar: MeetingCalendarService) {}

  /** The people a fan-out row reaches now (or why nobody). */
  async recipients(manager: EntityManager, row: ReminderRow): Promise<string[] | Quiet> {
    if (MEETING_NOTICES.includes(row.kind)) {
      const meetingId = await this.effectiveMeetingId(manager, row);
      const meeting = await this.meetingState(manager, meetingId);
      if (!meeting) return { quiet: 'meeting_deleted' };
      const quiet = this.meetingQuiet(row, meeting);
      if (quiet) return quiet;
      const everyone = row.kind === 'meeting_cancelled' || row.kind === 'meeting_invitation';
      const ids = (await manager.query(
        `SELECT a.id FROM account a
          WHERE ${INVITEES_CONDITION} ${everyone ? '' : `AND NOT EXISTS (SELECT 1 FROM meeting_response r WHERE r.meeting_id = $1 AND r.account_id = a.id AND r.answer = 'no')`}`,
        [meetingId],
      )) as { id: string }[];
      const exclude = new Set((row.payload['exclude'] as string[] | undefined) ?? []);
      return ids.map((r) => r.id).filter((id) => !exclude.has(id));
    }
    if (row.kind === 'minutes_released') {
      const ids = (await manager.query(
        `SELECT DISTINCT a.id FROM minutes mi JOIN meeting m ON m.id = mi.meeting_id
           JOIN account a ON a.status = 'active' AND (
                 a.id IN (SELECT ma.account_id FROM meeting_attendance ma WHERE ma.meeting_id = m.id AND ma.status IN ('present', 'excused'))
              OR a.id IN (SELECT gm.account_id FROM group_membership gm WHERE gm.group_id = m.host_group_id AND gm.status = 'active'))
          WHERE mi.id = $1 AND mi.status = 'released'`,
        [row.subject_id],
      )) as { id: string }[];
      return ids.map((r) => r.id);
    }
    return { quiet: 'no_fanout' };
  }

  /** The data of a personal reminder (or why it stays quiet). */
  async load(manager: EntityManager, row: ReminderRow): Promise<LoadedNotice | Quiet> {
    const recipient = await this.recipient(manager, row.account_id ?? '');
    if (!recipient) return { quiet: 'recipient_inactive' };
    return this.loadFor(manager, row, recipient);
  }

  /** The data of a reminder for a given recipient (a person, or a meeting's guest). */
  async loadFor(
    manager: EntityManager,
    row: ReminderRow,
    recipient: Recipient,
    options: { guest?: boolean } = {},
  ): Promise<LoadedNotice | Quiet> {
    const p = row.payload;
    switch (row.kind) {
      case 'meeting_invitation':
      case 'meeting_changed':
      case 'meeting_cancelled':
      case 'meeting_reminder':
      case 'agenda_call':
        return this.meetingNotice(manager, row, recipient, options.guest === true);
      case 'task_assigned':
      case 'task_mentioned':
        return this.taskBatch(manager, row, recipient);
      case 'task_due': {
        const [task] = await this.tasks(manager, [row.subject_id ?? ''], recipient.id);
        if (!task || task.status === 'done' || task.dueDate !== p['dueDate'] || !task.assigned) {
          return { quiet: 'task_not_due' };
        }
        return noAttachments({
          kind: 'task_due',
          recipient,
          task,
          which: p['which'] as 'soon' | 'today',
          today: berlinParts(new Date()).date,
        });
      }
      case 'task_overdue': {
        const today = berlinParts(new Date()).date;
        const tasks = await this.openTasksOf(manager, recipient.id, `AND t.due_date < $2::date`, [today]);
        if (!tasks.length) return { quiet: 'nothing_overdue' };
        return noAttachments({ kind: 'task_overdue', recipient, tasks, today });
      }
      case 'minutes_review':
        return this.minutesReview(manager, row, recipient);
      case 'minutes_released':
        return this.minutesReleased(manager, row, recipient);
      case 'membership_decided': {
        const [org] = (await manager.query(`SELECT display_name FROM organization WHERE id = $1`, [
          row.subject_id,
        ])) as {
          display_name: string;
        }[];
        if (!org) return { quiet: 'organization_deleted' };
        return noAttachments({
          kind: 'membership_decided',
          recipient,
          organizationId: row.subject_id ?? '',
          organizationName: org.display_name,
          approved: p['approved'] === true,
          message: (p['message'] as string | null) ?? null,
          decidedBy: (await this.nameOf(manager, p['actorId'])) ?? 'Die Koordination',
        });
      }
      case 'group_join_decided': {
        const [group] = (await manager.query(`SELECT number, name FROM working_group WHERE id = $1`, [
          row.subject_id,
        ])) as {
          number: number | null;
          name: string;
        }[];
        if (!group) return { quiet: 'group_deleted' };
        return noAttachments({
          kind: 'group_join_decided',
          recipient,
          groupId: row.subject_id ?? '',
          groupName: group.number ? `UAG ${group.number} „${group.name}“` : `Gruppe „${group.name}“`,
          approved: p['approved'] === true,
          decidedBy: (await this.nameOf(manager, p['actorId'])) ?? 'Die Gruppe',
        });
      }
      case 'weekly_digest':
        return this.weeklyDigest(manager, recipient);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private async meetingNotice(
    manager: EntityManager,
    row: ReminderRow,
    recipient: Recipient,
    guest: boolean,
  ): Promise<LoadedNotice | Quiet> {
    const meetingId = await this.effectiveMeetingId(manager, row);
    const state = await this.meetingState(manager, meetingId);
    if (!state) return { quiet: 'meeting_deleted' };
    const quiet = this.meetingQuiet(row, state);
    if (quiet) return quiet;
    // Only people still invited hear about the meeting (a cancellation also reaches those removed);
    // someone taken off and invited again meanwhile gets no "no longer invited" (its CANCEL could
    // otherwise reach the calendar after the new invitation and remove the meeting).
    const uninvited = row.kind === 'meeting_cancelled' && row.payload['uninvited'] === true;
    if (!guest && (row.kind !== 'meeting_cancelled' || uninvited)) {
      const [invited] = (await manager.query(`SELECT 1 FROM account a WHERE a.id = $2 AND ${INVITEES_CONDITION}`, [
        meetingId,
        recipient.id,
      ])) as unknown[];
      if (uninvited && invited) return { quiet: 'invited_again' };
      if (!uninvited && !invited) return { quiet: 'not_invited' };
    }
    const meeting = await this.meetingFacts(manager, meetingId, recipient.id);
    if (!meeting) return { quiet: 'meeting_deleted' };
    if (row.kind !== 'meeting_cancelled' && row.kind !== 'meeting_invitation' && meeting.myAnswer === 'no') {
      return { quiet: 'declined' };
    }
    const p = row.payload;
    const listed = (p['meetingIds'] as string[] | undefined) ?? [meetingId];
    // An invitation or change names the meetings still taking place; a cancellation all of them.
    const ids = row.kind === 'meeting_cancelled' ? listed : await this.scheduled(manager, listed);
    const attachments: MailAttachment[] = [];
    if (row.kind === 'meeting_cancelled') {
      // A CANCEL per meeting (taken off meetings that go on: from this person's calendar only).
      for (const file of await this.calendar.personalCancellations(manager, ids, recipient, { uninvite: uninvited })) {
        attachments.push(calendarAttachment(file));
      }
    } else if (row.kind !== 'agenda_call') {
      const file = await this.calendar.personalFile(
        manager,
        row.kind === 'meeting_invitation' ? ids : [meetingId],
        recipient,
      );
      if (file) attachments.push(calendarAttachment(file));
    }
    const by = await this.nameOf(manager, p['actorId']);
    switch (row.kind) {
      case 'meeting_invitation': {
        const dates = ids.length > 1 ? await this.meetingDates(manager, ids) : [];
        return {
          data: { kind: 'meeting_invitation', recipient, meeting, invitedBy: by, seriesDates: dates },
          attachments,
        };
      }
      case 'meeting_changed':
        return {
          data: { kind: 'meeting_changed', recipient, meeting, fields: (p['fields'] as string[]) ?? [], changedBy: by },
          attachments,
        };
      case 'meeting_cancelled':
        return {
          data: {
            kind: 'meeting_cancelled',
            recipient,
            meeting,
            cancelledDates: await this.meetingDates(manager, ids, true),
            uninvited,
            cancelledBy: by,
          },
          attachments,
        };
      case 'meeting_reminder':
        return { data: { kind: 'meeting_reminder', recipient, meeting, now: new Date() }, attachments };
      default:
        // Proposals are welcome until the day before the meeting.
        return {
          data: {
            kind: 'agenda_call',
            recipient,
            meeting,
            proposeUntil: new Date(meeting.startsAt.getTime() - DAY_MS),
          },
          attachments,
        };
    }
  }

  /**
   * The meeting a row is about: its subject, except for a series' invitation, which is about the
   * first of its meetings still taking place (the first may have been cancelled meanwhile).
   */
  private async effectiveMeetingId(manager: EntityManager, row: ReminderRow): Promise<string> {
    const listed = row.payload['meetingIds'] as string[] | undefined;
    if (row.kind !== 'meeting_invitation' || !listed || listed.length < 2) return row.subject_id ?? '';
    const [first] = await this.scheduled(manager, listed);
    return first ?? row.subject_id ?? '';
  }

  /** The meetings of a list still taking place, in time order. */
  private async scheduled(manager: EntityManager, ids: string[]): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM meeting WHERE id = ANY($1::uuid[]) AND status = 'scheduled' ORDER BY starts_at`,
      [ids],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Quiet rules that hold for the meeting as a whole. */
  private meetingQuiet(
    row: ReminderRow,
    m: { status: string; starts_at: Date; call_for_items: boolean },
  ): Quiet | null {
    if (row.kind === 'meeting_cancelled') return null;
    if (m.status === 'cancelled') return { quiet: 'meeting_cancelled' };
    if (row.kind === 'meeting_reminder' || row.kind === 'agenda_call') {
      const planned = row.payload['startsAt'] as string | undefined;
      if (planned && new Date(planned).getTime() !== m.starts_at.getTime()) return { quiet: 'meeting_moved' };
      if (m.starts_at.getTime() <= Date.now()) return { quiet: 'meeting_started' };
      if (row.kind === 'agenda_call' && !m.call_for_items) return { quiet: 'no_call_for_items' };
    }
    return null;
  }

  private async meetingState(manager: EntityManager, id: string) {
    const [m] = (await manager.query(`SELECT status, starts_at, call_for_items FROM meeting WHERE id = $1`, [
      id,
    ])) as Array<{
      status: string;
      starts_at: Date;
      call_for_items: boolean;
    }>;
    return m ?? null;
  }

  async meetingFacts(manager: EntityManager, id: string, accountId: string): Promise<MeetingFacts | null> {
    const [m] = (await manager.query(
      `SELECT m.id, m.title, m.kind, m.starts_at, m.ends_at, m.format, m.online_url, m.address, m.room, m.status,
              m.cancel_reason, g.short_name AS group_name, o.name AS organizer_name, r.answer, COALESCE(r.waitlisted, false) AS waitlisted
         FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id
         LEFT JOIN account o ON o.id = m.organizer_id
         LEFT JOIN meeting_response r ON r.meeting_id = m.id AND r.account_id = $2
        WHERE m.id = $1`,
      [id, accountId],
    )) as Array<Record<string, unknown>>;
    if (!m) return null;
    const agenda = (await manager.query(
      `SELECT title, presenter, planned_minutes AS "plannedMinutes" FROM agenda_item
        WHERE meeting_id = $1 AND status = 'accepted' ORDER BY position`,
      [id],
    )) as MeetingFacts['agenda'];
    return {
      id: m['id'] as string,
      title: m['title'] as string,
      kindLabel: MEETING_KIND_LABELS[m['kind'] as MeetingKind] ?? 'Termin',
      startsAt: m['starts_at'] as Date,
      endsAt: m['ends_at'] as Date,
      format: m['format'] as MeetingFacts['format'],
      onlineUrl: m['format'] === 'in_person' ? null : ((m['online_url'] as string | null) ?? null),
      place: placeOf({
        format: m['format'] as string,
        address: m['address'] as string | null,
        room: m['room'] as string | null,
      }),
      groupName: (m['group_name'] as string | null) ?? null,
      organizerName: (m['organizer_name'] as string | null) ?? null,
      status: m['status'] as MeetingFacts['status'],
      cancelReason: (m['cancel_reason'] as string | null) ?? null,
      agenda,
      myAnswer: (m['answer'] as MeetingFacts['myAnswer']) ?? null,
      waitlisted: m['waitlisted'] === true,
    };
  }

  private async meetingDates(manager: EntityManager, ids: string[], includeCancelled = false): Promise<Date[]> {
    const rows = (await manager.query(
      `SELECT starts_at FROM meeting WHERE id = ANY($1::uuid[]) ${includeCancelled ? '' : `AND status = 'scheduled'`} ORDER BY starts_at`,
      [ids],
    )) as { starts_at: Date }[];
    return rows.map((r) => r.starts_at);
  }

  private async taskBatch(
    manager: EntityManager,
    row: ReminderRow,
    recipient: Recipient,
  ): Promise<LoadedNotice | Quiet> {
    const items = (row.payload['items'] as Array<{ taskId: string; actorId: string | null; commentId?: string }>) ?? [];
    const tasks = new Map(
      (
        await this.tasks(
          manager,
          items.map((i) => i.taskId),
          recipient.id,
        )
      ).map((t) => [t.id, t]),
    );
    const names = await this.names(
      manager,
      items.map((i) => i.actorId),
    );
    if (row.kind === 'task_assigned') {
      const seen = new Set<string>();
      const list = items.flatMap((i) => {
        const task = tasks.get(i.taskId);
        // Still theirs and still open: an assignment undone within the window is no news.
        if (!task || !task.assigned || task.status === 'done' || seen.has(task.id)) return [];
        seen.add(task.id);
        return [{ task, by: i.actorId ? (names.get(i.actorId) ?? null) : null }];
      });
      if (!list.length) return { quiet: 'no_longer_assigned' };
      return noAttachments({ kind: 'task_assigned', recipient, items: list });
    }
    const comments = new Map(
      (
        (await manager.query(`SELECT id, body FROM task_comment WHERE id = ANY($1::uuid[])`, [
          items.map((i) => i.commentId).filter(Boolean),
        ])) as { id: string; body: string }[]
      ).map((c) => [c.id, c.body]),
    );
    const list = items.flatMap((i) => {
      const task = tasks.get(i.taskId);
      const body = i.commentId ? comments.get(i.commentId) : undefined;
      // Someone who left the group meanwhile no longer sees the task's comments.
      if (!task || body === undefined || !(task.member || task.assigned)) return [];
      return [{ task, by: i.actorId ? (names.get(i.actorId) ?? null) : null, excerpt: excerpt(body) }];
    });
    if (!list.length) return { quiet: 'comment_gone' };
    return noAttachments({ kind: 'task_mentioned', recipient, items: list });
  }

  private async tasks(
    manager: EntityManager,
    ids: string[],
    accountId: string,
  ): Promise<Array<TaskFacts & { assigned: boolean; member: boolean }>> {
    const rows = (await manager.query(
      `SELECT t.id, t.title, t.status, t.due_date::text AS "dueDate", g.short_name AS "groupName",
              EXISTS (SELECT 1 FROM task_assignee ta WHERE ta.task_id = t.id AND ta.account_id = $2) AS assigned,
              EXISTS (SELECT 1 FROM group_membership gm WHERE gm.group_id = t.group_id AND gm.account_id = $2
                         AND gm.status = 'active') AS member
         FROM task t JOIN working_group g ON g.id = t.group_id
        WHERE t.id = ANY($1::uuid[]) AND t.archived_at IS NULL`,
      [ids, accountId],
    )) as Array<TaskFacts & { assigned: boolean; member: boolean }>;
    return rows;
  }

  /** A person's open assigned tasks (not done, not archived), by due date. */
  private async openTasksOf(
    manager: EntityManager,
    accountId: string,
    extra = '',
    params: unknown[] = [],
  ): Promise<TaskFacts[]> {
    return (await manager.query(
      `SELECT t.id, t.title, t.status, t.due_date::text AS "dueDate", g.short_name AS "groupName"
         FROM task_assignee ta JOIN task t ON t.id = ta.task_id JOIN working_group g ON g.id = t.group_id
        WHERE ta.account_id = $1 AND t.status <> 'done' AND t.archived_at IS NULL ${extra}
        ORDER BY t.due_date NULLS LAST, t.title LIMIT 200`,
      [accountId, ...params],
    )) as TaskFacts[];
  }

  private async minutesReview(
    manager: EntityManager,
    row: ReminderRow,
    recipient: Recipient,
  ): Promise<LoadedNotice | Quiet> {
    const [mi] = (await manager.query(
      `SELECT mi.meeting_id, mi.status, mi.revision, mi.review_deadline::text AS deadline,
              EXISTS (SELECT 1 FROM minutes_approval ap WHERE ap.minutes_id = mi.id AND ap.revision = mi.revision AND ap.account_id = $2) AS approved
         FROM minutes mi WHERE mi.id = $1`,
      [row.subject_id, recipient.id],
    )) as Array<{ meeting_id: string; status: string; revision: number; deadline: string | null; approved: boolean }>;
    if (!mi || mi.status !== 'in_review' || mi.revision !== row.payload['revision']) return { quiet: 'not_in_review' };
    if (mi.approved) return { quiet: 'already_approved' };
    const meeting = await this.meetingFacts(manager, mi.meeting_id, recipient.id);
    if (!meeting) return { quiet: 'meeting_deleted' };
    return noAttachments({
      kind: 'minutes_review',
      recipient,
      meeting,
      minutesId: row.subject_id ?? '',
      deadline: mi.deadline,
      beforeDeadline: row.payload['beforeDeadline'] === true,
      submittedBy: await this.nameOf(manager, row.payload['actorId']),
    });
  }

  private async minutesReleased(
    manager: EntityManager,
    row: ReminderRow,
    recipient: Recipient,
  ): Promise<LoadedNotice | Quiet> {
    const [mi] = (await manager.query(
      `SELECT mi.meeting_id, mi.status, mi.revision,
              (SELECT count(*)::int FROM minutes_entry e WHERE e.minutes_id = mi.id AND e.kind = 'decision' AND NOT e.confidential) AS decisions,
              (SELECT count(*)::int FROM minutes_entry e WHERE e.minutes_id = mi.id AND e.kind = 'action_item' AND NOT e.confidential) AS "actionItems"
         FROM minutes mi WHERE mi.id = $1`,
      [row.subject_id],
    )) as Array<{ meeting_id: string; status: string; revision: number; decisions: number; actionItems: number }>;
    if (!mi || mi.status !== 'released') return { quiet: 'not_released' };
    const meeting = await this.meetingFacts(manager, mi.meeting_id, recipient.id);
    if (!meeting) return { quiet: 'meeting_deleted' };
    return noAttachments({
      kind: 'minutes_released',
      recipient,
      meeting,
      minutesId: row.subject_id ?? '',
      revision: mi.revision,
      decisions: mi.decisions,
      actionItems: mi.actionItems,
    });
  }

  private async weeklyDigest(manager: EntityManager, recipient: Recipient): Promise<LoadedNotice | Quiet> {
    const today = berlinParts(new Date()).date;
    const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    const monday = addDays(today, -weekday);
    const nextMonday = addDays(monday, 7);
    const meetingIds = (await manager.query(
      `SELECT m.id FROM meeting m
        WHERE m.status = 'scheduled'
          AND m.starts_at >= (($2::date)::timestamp AT TIME ZONE 'Europe/Berlin')
          AND m.starts_at < (($3::date)::timestamp AT TIME ZONE 'Europe/Berlin')
          AND (m.invite_all
               OR EXISTS (SELECT 1 FROM meeting_person_invitation pi WHERE pi.meeting_id = m.id AND pi.account_id = $1)
               OR EXISTS (SELECT 1 FROM meeting_group_invitation gi JOIN group_membership gm ON gm.group_id = gi.group_id
                           AND gm.status = 'active' WHERE gi.meeting_id = m.id AND gm.account_id = $1))
          AND NOT EXISTS (SELECT 1 FROM meeting_response r WHERE r.meeting_id = m.id AND r.account_id = $1 AND r.answer = 'no')
        ORDER BY m.starts_at LIMIT 20`,
      [recipient.id, monday, nextMonday],
    )) as { id: string }[];
    const meetings = (await Promise.all(meetingIds.map((m) => this.meetingFacts(manager, m.id, recipient.id)))).filter(
      (m): m is MeetingFacts => !!m,
    );
    const open = await this.openTasksOf(manager, recipient.id);
    const overdueTasks = open.filter((t) => t.dueDate && t.dueDate < today);
    const openTasks = open.filter((t) => !(t.dueDate && t.dueDate < today));
    const decisions = (await manager.query(
      `SELECT d.id, d.text, g.short_name AS "groupName", m.title AS "meetingTitle", d.decided_on::text AS "decidedOn"
         FROM decision d JOIN minutes mi ON mi.id = d.minutes_id JOIN meeting m ON m.id = d.meeting_id
         LEFT JOIN working_group g ON g.id = d.group_id
        WHERE mi.released_at >= now() - interval '7 days' AND NOT d.confidential
          AND ((d.group_id IS NULL AND d.publish_level = 'initiative')
               OR d.group_id IN (SELECT gm.group_id FROM group_membership gm WHERE gm.account_id = $1 AND gm.status = 'active'))
        ORDER BY d.decided_on DESC, d.id LIMIT 20`,
      [recipient.id],
    )) as Array<{ id: string; text: string; groupName: string | null; meetingTitle: string; decidedOn: string }>;
    if (!meetings.length && !open.length && !decisions.length) return { quiet: 'nothing_this_week' };
    return noAttachments({
      kind: 'weekly_digest',
      recipient,
      weekStart: monday,
      meetings,
      openTasks,
      overdueTasks,
      decisions,
      today,
    });
  }

  private async recipient(manager: EntityManager, id: string): Promise<Recipient | null> {
    const [a] = (await manager.query(`SELECT id, name, email FROM account WHERE id = $1 AND status = 'active'`, [
      id,
    ])) as Recipient[];
    return a ?? null;
  }

  private async nameOf(manager: EntityManager, id: unknown): Promise<string | null> {
    if (typeof id !== 'string' || !id) return null;
    return (await this.names(manager, [id])).get(id) ?? null;
  }

  private async names(manager: EntityManager, ids: Array<string | null>): Promise<Map<string, string>> {
    const list = [...new Set(ids.filter((i): i is string => !!i))];
    if (!list.length) return new Map();
    const rows = (await manager.query(`SELECT id, name FROM account WHERE id = ANY($1::uuid[])`, [list])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function noAttachments(data: NoticeData): LoadedNotice {
  return { data, attachments: [] };
}

function calendarAttachment(file: PersonalCalendarFile): MailAttachment {
  return {
    filename: file.filename,
    contentType: `text/calendar; charset=utf-8; method=${file.method}`,
    content: file.body,
  };
}

/** The first words of a comment (Markdown as typed), for the mention notice. */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
