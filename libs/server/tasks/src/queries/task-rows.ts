import { TASK_PRIORITIES, TaskPriority, TaskStatus } from '@srp/contracts';
import { TaskPersonDto, TaskSummaryDto } from '../tasks.dto';

/** Today's calendar date in Europe/Berlin, in SQL. */
export const BERLIN_TODAY = `(now() AT TIME ZONE 'Europe/Berlin')::date`;

/** The Sunday ending this week (ISO weeks start on Monday), Europe/Berlin, in SQL. */
export const BERLIN_END_OF_WEEK = `(${BERLIN_TODAY} + (7 - extract(isodow FROM ${BERLIN_TODAY})::int))`;

/**
 * The columns of a task card or list row, for a query over `task t JOIN working_group g`.
 * Assignees, checklist progress and the comment count come from correlated subqueries on indexed
 * columns, so a page of tasks is one round trip (no N+1).
 */
export const SUMMARY_COLUMNS = `
  t.id, t.group_id, g.number AS group_number, g.name AS group_name, g.short_name AS group_short_name,
  t.title, t.status, t.blocked_reason, t.priority, t.due_date::text AS due_date, t.labels,
  jsonb_array_length(t.checklist)::int AS checklist_total,
  (SELECT count(*) FROM jsonb_array_elements(t.checklist) e WHERE (e->>'done')::boolean)::int AS checklist_done,
  (SELECT count(*) FROM task_comment c WHERE c.task_id = t.id)::int AS comment_count,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'organizationName', o.display_name) ORDER BY a.name, a.id)
      FROM task_assignee ta
      JOIN account a ON a.id = ta.account_id
      LEFT JOIN organization o ON o.id = a.organization_id
     WHERE ta.task_id = t.id
  ), '[]'::json) AS assignees,
  t.rank, t.archived_at, t.created_at, t.updated_at, t.version,
  (t.due_date IS NOT NULL AND t.due_date < ${BERLIN_TODAY} AND t.status <> 'done') AS overdue`;

/** A row as SUMMARY_COLUMNS returns it. */
export interface SummaryRow {
  id: string;
  group_id: string;
  group_number: number | null;
  group_name: string;
  group_short_name: string;
  title: string;
  status: TaskStatus;
  blocked_reason: string | null;
  priority: number;
  due_date: string | null;
  labels: string[];
  checklist_total: number;
  checklist_done: number;
  comment_count: number;
  assignees: TaskPersonDto[];
  rank: number;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  overdue: boolean;
}

/** Priority rank (1–4) as stored ↔ its name in the api. */
export function priorityName(rank: number): TaskPriority {
  return TASK_PRIORITIES[Math.min(Math.max(rank, 1), 4) - 1];
}

export function priorityRank(name: TaskPriority): number {
  return TASK_PRIORITIES.indexOf(name) + 1;
}

export function toSummary(r: SummaryRow): TaskSummaryDto {
  return {
    id: r.id,
    group: { id: r.group_id, number: r.group_number, name: r.group_name, shortName: r.group_short_name },
    title: r.title,
    status: r.status,
    blockedReason: r.blocked_reason,
    priority: priorityName(r.priority),
    dueDate: r.due_date,
    overdue: r.overdue,
    labels: r.labels,
    assignees: r.assignees,
    checklistTotal: r.checklist_total,
    checklistDone: r.checklist_done,
    commentCount: r.comment_count,
    rank: r.rank,
    archivedAt: r.archived_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/**
 * A German full-text query from what someone typed: every word (letters and digits only, so no
 * tsquery syntax gets through) must occur, as a prefix of a stemmed word, so that "Datenschutz"
 * finds "Datenschutzfolgeabschätzung" and "Förderantrag" finds "Förderanträge". Null: no word.
 */
export function germanPrefixQuery(text: string): string | null {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
