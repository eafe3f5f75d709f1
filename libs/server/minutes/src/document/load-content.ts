import { inParallel } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { StoredEntry } from '../editing/entry-input';
import { Minutes } from '../entities/minutes.entity';
import { ContentAttendee, ContentItem, ContentMeeting, GroupRef, MinutesContent, PersonRef } from './minutes-content';

/** Present first, then excused, then absent; by name within each. */
const ATTENDANCE_ORDER = `CASE a.status WHEN 'present' THEN 0 WHEN 'excused' THEN 1 ELSE 2 END, p.name, p.id`;

/** A stored entry with its group named (as `storedEntries` reads it). */
export interface StoredEntryWithGroup extends StoredEntry {
  group: GroupRef | null;
}

/** The minutes' entries in order, with their groups (one query). */
export async function storedEntries(manager: EntityManager, minutesId: string): Promise<StoredEntryWithGroup[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT e.id, e.agenda_item_id, e.position, e.kind, e.text, e.confidential, e.assignee_ids,
            e.due_date::text AS due_date, e.group_id, e.task_id, g.short_name, g.name AS group_name
       FROM minutes_entry e LEFT JOIN working_group g ON g.id = e.group_id
      WHERE e.minutes_id = $1 ORDER BY e.position, e.id`,
    [minutesId],
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    agendaItemId: r['agenda_item_id'] as string | null,
    position: Number(r['position']),
    kind: r['kind'] as StoredEntry['kind'],
    text: r['text'] as string,
    confidential: r['confidential'] as boolean,
    assigneeIds: r['assignee_ids'] as string[],
    dueDate: r['due_date'] as string | null,
    groupId: r['group_id'] as string | null,
    taskId: r['task_id'] as string | null,
    group: r['group_id'] && r['short_name'] ? groupRef(r['group_id'], r['short_name'], r['group_name']) : null,
  }));
}

/**
 * The working copy with everything named: meeting, accepted agenda items (TOP 1…n), entries,
 * attendance. A fixed number of queries whatever the size (no N+1).
 */
export async function loadContent(manager: EntityManager, minutes: Minutes): Promise<MinutesContent> {
  const [[head], items, entries, attendance] = await inParallel(manager, [
    () =>
      manager.query(
        `SELECT m.id, m.title, m.kind, m.format, m.address, m.room, m.starts_at, m.ends_at, m.status,
              g.id AS group_id, g.short_name, g.name AS group_name, o.id AS organizer_id, o.name AS organizer_name
         FROM meeting m
         LEFT JOIN working_group g ON g.id = m.host_group_id
         LEFT JOIN account o ON o.id = m.organizer_id
        WHERE m.id = $1`,
        [minutes.meetingId],
      ) as Promise<Array<Record<string, unknown>>>,
    () =>
      manager.query(
        `SELECT id, title, presenter FROM agenda_item
        WHERE meeting_id = $1 AND status = 'accepted' ORDER BY position, created_at, id`,
        [minutes.meetingId],
      ) as Promise<Array<{ id: string; title: string; presenter: string | null }>>,
    () => storedEntries(manager, minutes.id),
    () =>
      manager.query(
        `SELECT a.account_id, p.name, o.display_name AS organization, a.status, a.mode,
              a.deputy_for, d.name AS deputy_name
         FROM meeting_attendance a
         JOIN account p ON p.id = a.account_id
         LEFT JOIN organization o ON o.id = a.organization_id
         LEFT JOIN account d ON d.id = a.deputy_for
        WHERE a.meeting_id = $1 ORDER BY ${ATTENDANCE_ORDER}`,
        [minutes.meetingId],
      ) as Promise<Array<Record<string, unknown>>>,
  ]);
  const assigneeIds = [...new Set(entries.flatMap((e) => e.assigneeIds))];
  const people: PersonRef[] = assigneeIds.length
    ? await manager.query(`SELECT id, name FROM account WHERE id = ANY($1::uuid[])`, [assigneeIds])
    : [];
  const names = new Map(people.map((p) => [p.id, p]));
  const meeting: ContentMeeting = {
    id: head['id'] as string,
    title: head['title'] as string,
    kind: head['kind'] as ContentMeeting['kind'],
    format: head['format'] as ContentMeeting['format'],
    address: head['address'] as string | null,
    room: head['room'] as string | null,
    startsAt: (head['starts_at'] as Date).toISOString(),
    endsAt: (head['ends_at'] as Date).toISOString(),
    status: head['status'] as ContentMeeting['status'],
    hostGroup: head['group_id'] ? groupRef(head['group_id'], head['short_name'], head['group_name']) : null,
    organizer: head['organizer_id']
      ? { id: head['organizer_id'] as string, name: head['organizer_name'] as string }
      : null,
  };
  const contentItems: ContentItem[] = items.map((item, index) => ({
    id: item.id,
    number: index + 1,
    title: item.title,
    presenter: item.presenter,
    notes: minutes.itemNotes[item.id] ?? '',
  }));
  return {
    meeting,
    publishLevel: minutes.publishLevel,
    generalNotes: minutes.generalNotes,
    items: contentItems,
    entries: entries.map((e) => ({
      id: e.id,
      agendaItemId: e.agendaItemId,
      kind: e.kind,
      text: e.text,
      confidential: e.confidential,
      // Someone whose account was deleted drops out of the list.
      assignees: e.assigneeIds.flatMap((id) => names.get(id) ?? []),
      dueDate: e.dueDate,
      group: e.group,
      taskId: e.taskId,
    })),
    attendance: attendance.map(
      (a): ContentAttendee => ({
        person: { id: a['account_id'] as string, name: a['name'] as string },
        organization: a['organization'] as string | null,
        status: a['status'] as ContentAttendee['status'],
        mode: a['mode'] as ContentAttendee['mode'],
        deputyFor: a['deputy_for'] ? { id: a['deputy_for'] as string, name: (a['deputy_name'] as string) ?? '' } : null,
      }),
    ),
  };
}

function groupRef(id: unknown, shortName: unknown, name: unknown): GroupRef {
  return { id: id as string, shortName: shortName as string, name: name as string };
}
