import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TASK_STATUSES } from '@srp/contracts';
import { Actor, isCoordination } from '@srp/server/identity';
import { csvCell, DomainError } from '@srp/server/platform';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { mayArchiveTasks, mayEditTasks } from '../access/task-access';
import { TASK_PRIORITY_LABELS, TASK_STATUS_LABELS, germanDate } from '../task-labels';
import {
  ListTasksQuery,
  MyTasksDto,
  TaskBoardDto,
  TaskCountsDto,
  TaskGroupRefDto,
  TaskPageDto,
  TaskPersonDto,
} from '../tasks.dto';
import { afterCursor, encodeCursor, KeysetOrder, keyColumns, orderBy } from './task-keyset';
import {
  BERLIN_END_OF_WEEK,
  BERLIN_TODAY,
  germanPrefixQuery,
  SUMMARY_COLUMNS,
  SummaryRow,
  toSummary,
} from './task-rows';

/** Cards per board column; the "done" column shows the tasks completed last. */
const BOARD_COLUMN_LIMIT = 500;
const BOARD_DONE_LIMIT = 50;
const MY_TASKS_LIMIT = 500;
const CSV_LIMIT = 10_000;
/** Archived tasks can be restored (and are listed) for this long. */
export const ARCHIVE_DAYS = 30;

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "Bürger-Apps" → "buerger-apps" (file names without umlauts for every mail program and OS). */
export function fileSlug(text: string): string {
  return (
    text
      .toLocaleLowerCase('de')
      .replace(/[äöüß]/g, (c) => UMLAUTS[c])
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'gruppe'
  );
}

/** Read side of tasks: board, lists with filters and keyset paging, Meine Aufgaben, counts, CSV. */
@Injectable()
export class TaskQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async board(actor: Actor, groupId: string): Promise<TaskBoardDto> {
    const { group, role } = await this.groupAndRole(actor, groupId);
    // Outsiders learn nothing about a group's tasks, not even that there are any.
    if (!mayEditTasks(actor, { groupRole: role })) throw new DomainError('NOT_FOUND');
    const [open, done, counts, members, labels] = await Promise.all([
      // Per open column at most BOARD_COLUMN_LIMIT cards, each read in rank order from IDX_task_board.
      this.dataSource.query(
        `SELECT c.* FROM unnest(ARRAY['open', 'in_progress', 'blocked']) AS s(status)
           CROSS JOIN LATERAL (
             SELECT ${SUMMARY_COLUMNS} FROM task t JOIN working_group g ON g.id = t.group_id
              WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = s.status
              ORDER BY t.rank, t.id LIMIT ${BOARD_COLUMN_LIMIT}) c`,
        [groupId],
      ) as Promise<SummaryRow[]>,
      // The tasks completed last, read backwards from IDX_task_group_done.
      this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS} FROM task t JOIN working_group g ON g.id = t.group_id
          WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = 'done'
          ORDER BY t.completed_at DESC, t.id DESC LIMIT ${BOARD_DONE_LIMIT}`,
        [groupId],
      ) as Promise<SummaryRow[]>,
      this.dataSource.query(
        `SELECT status, count(*)::int AS n FROM task WHERE group_id = $1 AND archived_at IS NULL GROUP BY status`,
        [groupId],
      ) as Promise<Array<{ status: string; n: number }>>,
      this.members(groupId),
      this.dataSource.query(
        `SELECT DISTINCT l FROM task t, unnest(t.labels) l WHERE t.group_id = $1 AND t.archived_at IS NULL`,
        [groupId],
      ) as Promise<Array<{ l: string }>>,
    ]);
    const rows = [...open, ...done];
    return {
      group,
      columns: TASK_STATUSES.map((status) => ({
        status,
        count: counts.find((c) => c.status === status)?.n ?? 0,
        tasks: rows
          .filter((r) => r.status === status)
          .slice(0, status === 'done' ? BOARD_DONE_LIMIT : BOARD_COLUMN_LIMIT)
          .map(toSummary),
      })),
      members,
      labels: labels.map((r) => r.l).sort((a, b) => a.localeCompare(b, 'de')),
      permissions: { create: true, archive: mayArchiveTasks(actor, { groupRole: role }) },
    };
  }

  async list(actor: Actor, query: ListTasksQuery): Promise<TaskPageDto> {
    const limit = query.limit ?? 50;
    const { sql, params, order } = await this.filtered(actor, query);
    if (query.cursor) {
      // Keyset: continue after the last row of the previous page (served by the same index).
      sql.push(`AND ${afterCursor(order, query.cursor, params)}`);
    }
    const rows: Array<SummaryRow & Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, ${keyColumns(order)} ${sql.join(' ')} ORDER BY ${orderBy(order)} LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit ? encodeCursor(order, page[page.length - 1]) : null,
    };
  }

  /** The filtered list as CSV for spreadsheet programs (semicolons, UTF-8 with BOM). */
  async csv(actor: Actor, query: ListTasksQuery): Promise<{ filename: string; body: string }> {
    const { sql, params, order, group } = await this.filtered(actor, { ...query, cursor: undefined });
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} ${sql.join(' ')} ORDER BY ${orderBy(order)} LIMIT ${CSV_LIMIT}`,
      params,
    );
    const header = [
      'Titel',
      'Arbeitsgruppe',
      'Status',
      'Blockiert wegen',
      'Priorität',
      'Fällig am',
      'Zuständig',
      'Schlagwörter',
      'Checkliste',
      'Kommentare',
      'Zuletzt geändert',
      'Link',
    ];
    const body = rows.map((r) => {
      const t = toSummary(r);
      return [
        csvCell(t.title),
        csvCell(t.group.number ? `UAG ${t.group.number} ${t.group.shortName}` : t.group.shortName),
        TASK_STATUS_LABELS[t.status],
        csvCell(t.blockedReason),
        TASK_PRIORITY_LABELS[t.priority],
        t.dueDate ? germanDate(t.dueDate) : '',
        csvCell(t.assignees.map((a) => a.name).join(', ')),
        csvCell(t.labels.join(', ')),
        t.checklistTotal ? `${t.checklistDone}/${t.checklistTotal}` : '',
        String(t.commentCount),
        new Date(t.updatedAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }),
        `/aufgaben/${t.id}`,
      ];
    });
    const filename = group ? `aufgaben-${fileSlug(group.shortName)}.csv` : 'aufgaben.csv';
    return {
      filename,
      body: `\uFEFF${stringify([header, ...body], { delimiter: ';', record_delimiter: '\r\n' })}`,
    };
  }

  /** Everything assigned to the actor that is not done, soonest due first, undated last. */
  async mine(actor: Actor): Promise<MyTasksDto> {
    const [rows, counts, today] = await Promise.all([
      this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS}
           FROM task_assignee me
           JOIN task t ON t.id = me.task_id
           JOIN working_group g ON g.id = t.group_id
          WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'
          ORDER BY COALESCE(t.due_date, 'infinity'::date), t.priority DESC, t.id
          LIMIT ${MY_TASKS_LIMIT}`,
        [actor.accountId],
      ) as Promise<SummaryRow[]>,
      this.counts(actor),
      this.dataSource.query(`SELECT ${BERLIN_TODAY}::text AS today`) as Promise<Array<{ today: string }>>,
    ]);
    return { items: rows.map(toSummary), counts, today: today[0].today };
  }

  async counts(actor: Actor): Promise<TaskCountsDto> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE t.due_date < ${BERLIN_TODAY})::int AS overdue,
              count(*) FILTER (WHERE t.due_date BETWEEN ${BERLIN_TODAY} AND ${BERLIN_END_OF_WEEK})::int AS due_this_week
         FROM task_assignee me JOIN task t ON t.id = me.task_id
        WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'`,
      [actor.accountId],
    );
    return { open: row.open, overdue: row.overdue, dueThisWeek: row.due_this_week };
  }

  /** Active members of a group, for pickers and filters. */
  async members(groupId: string): Promise<TaskPersonDto[]> {
    return this.dataSource.query(
      `SELECT a.id, a.name, o.display_name AS "organizationName"
         FROM group_membership m
         JOIN account a ON a.id = m.account_id AND a.status = 'active'
         LEFT JOIN organization o ON o.id = a.organization_id
        WHERE m.group_id = $1 AND m.status = 'active'
        ORDER BY a.name, a.id`,
      [groupId],
    );
  }

  /** The group (404 if none) and the actor's active role in it, in one round trip. */
  private async groupAndRole(
    actor: Actor,
    groupId: string,
  ): Promise<{ group: TaskGroupRefDto; role: 'lead' | 'member' | null }> {
    const [row] = await this.dataSource.query(
      `SELECT g.id, g.number, g.name, g.short_name AS "shortName", m.role
         FROM working_group g
         LEFT JOIN group_membership m ON m.group_id = g.id AND m.account_id = $2 AND m.status = 'active'
        WHERE g.id = $1`,
      [groupId, actor.accountId],
    );
    if (!row) throw new DomainError('NOT_FOUND');
    const { role, ...group } = row;
    return { group, role: role ?? null };
  }

  /** FROM and WHERE of a list query, with the visibility rule first. */
  private async filtered(
    actor: Actor,
    query: ListTasksQuery,
  ): Promise<{ sql: string[]; params: unknown[]; order: KeysetOrder; group: TaskGroupRefDto | null }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const assignee = query.assignee === 'me' ? actor.accountId : query.assignee;
    // With an assignee the list is driven by IDX_task_assignee_account; otherwise by the group's indexes.
    const sql = [
      assignee
        ? `FROM task_assignee f JOIN task t ON t.id = f.task_id AND f.account_id = ${p(assignee)}
           JOIN working_group g ON g.id = t.group_id WHERE`
        : 'FROM task t JOIN working_group g ON g.id = t.group_id WHERE',
    ];
    let order: KeysetOrder = query.sort ?? 'due';
    let group: TaskGroupRefDto | null = null;
    if (query.groupId) {
      const found = await this.groupAndRole(actor, query.groupId);
      group = found.group;
      const role = found.role;
      if (!mayEditTasks(actor, { groupRole: role })) throw new DomainError('NOT_FOUND');
      sql.push(`t.group_id = ${p(query.groupId)}`);
      if (query.archived) {
        if (!mayArchiveTasks(actor, { groupRole: role })) {
          throw new DomainError('FORBIDDEN', 'Das Archiv einer Gruppe sehen ihre Sprecherinnen und Sprecher.');
        }
        order = 'archived';
      }
    } else if (query.archived) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'groupId', code: 'required', message: 'Das Archiv gibt es je Arbeitsgruppe.' },
      ]);
    } else if (!assignee && !query.q?.trim()) {
      // Across groups only what an index narrows down: one person's tasks or a search.
      throw new DomainError('VALIDATION_FAILED', undefined, [
        {
          field: 'groupId',
          code: 'required',
          message: 'Bitte wählen Sie eine Arbeitsgruppe, eine zuständige Person oder einen Suchbegriff.',
        },
      ]);
    } else if (assignee === actor.accountId) {
      // My own tasks: an assignee sees them in every group.
      sql.push('TRUE');
    } else if (!isCoordination(actor)) {
      const me = p(actor.accountId);
      sql.push(
        `(t.group_id IN (SELECT group_id FROM group_membership WHERE account_id = ${me} AND status = 'active')
          OR EXISTS (SELECT 1 FROM task_assignee x WHERE x.task_id = t.id AND x.account_id = ${me}))`,
      );
    } else {
      sql.push('TRUE');
    }
    sql.push(
      query.archived
        ? `AND t.archived_at IS NOT NULL AND t.archived_at > now() - interval '${ARCHIVE_DAYS} days'`
        : 'AND t.archived_at IS NULL',
    );
    if (query.status?.length) sql.push(`AND t.status = ANY(${p(query.status)}::text[])`);
    if (query.label?.trim()) {
      // Labels are unique per task regardless of case, so the filter ignores case too.
      sql.push(`AND EXISTS (SELECT 1 FROM unnest(t.labels) l WHERE lower(l) = lower(${p(query.label.trim())}))`);
    }
    if (query.due === 'overdue') sql.push(`AND t.due_date < ${BERLIN_TODAY} AND t.status <> 'done'`);
    if (query.due === 'this_week') sql.push(`AND t.due_date BETWEEN ${BERLIN_TODAY} AND ${BERLIN_END_OF_WEEK}`);
    if (query.due === 'none') sql.push('AND t.due_date IS NULL');
    if (query.q?.trim()) {
      const tsQuery = germanPrefixQuery(query.q);
      sql.push(tsQuery ? `AND t.search @@ to_tsquery('german', ${p(tsQuery)})` : 'AND FALSE');
    }
    return { sql, params, order, group };
  }
}
