import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskOriginKind, TaskStatus } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService } from '@srp/server/identity';
import { DomainError, inParallel, renderMarkdown, DomainEvents } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  mayArchiveTasks,
  mayEditTasks,
  maySeeTask,
  mayWorkOnTask,
  TaskStanding,
  WORK_FIELDS,
} from './access/task-access';
import { groupRoleOf, standingOf } from './access/task-standing';
import { ARCHIVE_DAYS, TaskQueriesService } from './queries/task-queries.service';
import { priorityName, priorityRank, SUMMARY_COLUMNS, SummaryRow, toSummary } from './queries/task-rows';
import { TaskAssignee } from './task-assignee.entity';
import { ChecklistItem, Task } from './task.entity';
import { recordActivity, refreshSearch, TaskEventBatch } from './task-history';
import { TaskLink } from './task-link.entity';
import {
  ChecklistItemInputDto,
  CreateTaskDto,
  MoveTaskDto,
  TaskDetailDto,
  TaskPersonDto,
  TaskSummaryDto,
  UpdateTaskDto,
} from './tasks.dto';

/** Where a task came from, set by the domain that creates it (the minutes' action items). */
export interface TaskOrigin {
  kind: TaskOriginKind;
  id: string;
  label: string | null;
}

/** Gaps between neighbouring ranks below this renumber the column. */
const MIN_RANK_GAP = 1e-6;
const ARCHIVE_MS = ARCHIVE_DAYS * 24 * 60 * 60 * 1000;

const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', undefined, [{ field, code: 'invalid', message }]);

/** Trimmed, without duplicates (case-insensitive, first spelling wins). */
function normaliseLabels(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l && !seen.has(l.toLocaleLowerCase('de')) && seen.add(l.toLocaleLowerCase('de')));
}

/** Items with a known id keep it; new items get one. */
function mergeChecklist(current: ChecklistItem[], input: ChecklistItemInputDto[]): ChecklistItem[] {
  const known = new Set(current.map((i) => i.id));
  const used = new Set<string>();
  return input.map((i) => {
    const id = i.id && known.has(i.id) && !used.has(i.id) ? i.id : randomUUID();
    used.add(id);
    return { id, text: i.text.trim(), done: i.done ?? false };
  });
}

/** What changed between two checklists, by item text, for the history. */
function checklistDiff(before: ChecklistItem[], after: ChecklistItem[]) {
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Map(after.map((i) => [i.id, i]));
  return {
    checked: after.filter((i) => i.done && old.has(i.id) && !old.get(i.id)?.done).map((i) => i.text),
    unchecked: after.filter((i) => !i.done && old.get(i.id)?.done).map((i) => i.text),
    added: after.filter((i) => !old.has(i.id)).map((i) => i.text),
    removed: before.filter((i) => !now.has(i.id)).map((i) => i.text),
    renamed: after.filter((i) => old.has(i.id) && old.get(i.id)?.text !== i.text).map((i) => i.text),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Tasks: create, read one, change, move on the board, link, archive and restore. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly queries: TaskQueriesService,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** Creates a task; `options.manager` joins the caller's transaction (e.g. minutes released). */
  async create(
    actor: Actor,
    input: CreateTaskDto,
    origin: AuditOrigin,
    options: { origin?: TaskOrigin; manager?: EntityManager } = {},
  ): Promise<TaskDetailDto> {
    const work = async (manager: EntityManager) => {
      const [group] = await manager.query(`SELECT status FROM working_group WHERE id = $1`, [input.groupId]);
      if (!group) throw new DomainError('NOT_FOUND');
      const role = await groupRoleOf(manager, actor.accountId, input.groupId);
      if (!mayEditTasks(actor, { groupRole: role })) {
        throw new DomainError('FORBIDDEN', 'Aufgaben legen die Mitglieder der Arbeitsgruppe und die Koordination an.');
      }
      if (group.status !== 'active') {
        throw new DomainError('CONFLICT', 'Die Arbeitsgruppe ist archiviert; neue Aufgaben sind dort nicht möglich.');
      }
      const status: TaskStatus = input.status ?? 'open';
      const blockedReason = status === 'blocked' ? input.blockedReason?.trim() || null : null;
      if (status === 'blocked' && !blockedReason) {
        throw invalid('blockedReason', 'Bitte geben Sie an, warum die Aufgabe blockiert ist.');
      }
      const assigneeIds = input.assigneeIds ?? [];
      await this.assertMembers(manager, input.groupId, assigneeIds);
      const task = await manager.save(
        manager.create(Task, {
          groupId: input.groupId,
          title: input.title.trim(),
          description: input.description ?? '',
          status,
          blockedReason,
          priority: priorityRank(input.priority ?? 'normal'),
          dueDate: input.dueDate ?? null,
          labels: normaliseLabels(input.labels ?? []),
          checklist: mergeChecklist([], input.checklist ?? []),
          rank: await this.endOfColumn(manager, input.groupId, status),
          originKind: options.origin?.kind ?? null,
          originId: options.origin?.id ?? null,
          originLabel: options.origin?.label ?? null,
          createdBy: actor.accountId,
          completedAt: status === 'done' ? new Date() : null,
        }),
      );
      if (assigneeIds.length) {
        await manager.insert(
          TaskAssignee,
          assigneeIds.map((accountId) => ({ taskId: task.id, accountId })),
        );
      }
      await refreshSearch(manager, task.id);
      await recordActivity(manager, task.id, actor.accountId, 'created', {});
      const events = new TaskEventBatch(task.id, actor.accountId, this.domainEvents);
      events.add('task.created');
      await events.flush(manager);
      await this.audit.record(
        origin,
        {
          action: 'task.created',
          subjectType: 'task',
          subjectId: task.id,
          details: { after: { ...input, description: undefined }, origin: options.origin ?? null },
        },
        manager,
      );
      return task.id;
    };
    const id = options.manager ? await work(options.manager) : await this.dataSource.transaction(work);
    return options.manager ? this.detailWith(options.manager, actor, id) : this.detail(actor, id);
  }

  async detail(actor: Actor, id: string): Promise<TaskDetailDto> {
    return this.detailWith(this.dataSource.manager, actor, id);
  }

  /** Changes fields. Non-member assignees may change status, blocked reason and checklist only. */
  async update(actor: Actor, id: string, input: UpdateTaskDto, origin: AuditOrigin): Promise<TaskDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const { task, standing } = await this.lockForChange(manager, actor, id);
      const inputFields = (Object.keys(input) as Array<keyof UpdateTaskDto>).filter(
        (k) => k !== 'version' && input[k] !== undefined,
      );
      const editsMore = inputFields.some((f) => !(WORK_FIELDS as readonly string[]).includes(f));
      if (editsMore && !mayEditTasks(actor, standing)) {
        throw new DomainError('FORBIDDEN', 'Als zuständige Person können Sie Status und Checkliste ändern.');
      }
      if (!mayWorkOnTask(actor, standing)) throw new DomainError('FORBIDDEN');
      this.assertVersion(task, input.version);

      const events = new TaskEventBatch(id, actor.accountId, this.domainEvents);
      const before = { ...task, checklist: [...task.checklist], labels: [...task.labels] };
      const previousAssignees = await this.assigneeIds(manager, id);
      // Field → [before, after] for the history; the description is named only (it can be long).
      const changes: Record<string, [unknown, unknown]> = {};
      if (input.title !== undefined && input.title.trim() !== task.title) {
        changes['title'] = [task.title, input.title.trim()];
        task.title = input.title.trim();
      }
      if (input.description !== undefined && input.description !== task.description) {
        task.description = input.description;
        changes['description'] = [null, null];
      }
      if (input.priority !== undefined && priorityRank(input.priority) !== task.priority) {
        changes['priority'] = [priorityName(task.priority), input.priority];
        task.priority = priorityRank(input.priority);
      }
      if (input.labels !== undefined) {
        const labels = normaliseLabels(input.labels);
        if (!sameList(labels, task.labels)) {
          changes['labels'] = [task.labels, labels];
          task.labels = labels;
        }
      }
      const targetStatus = input.status ?? task.status;
      if (input.status !== undefined && input.status !== task.status) {
        await this.changeStatus(manager, actor, task, input.status, input.blockedReason, events);
      } else if (input.blockedReason !== undefined && targetStatus === 'blocked') {
        const reason = input.blockedReason?.trim() || null;
        if (!reason) throw invalid('blockedReason', 'Bitte geben Sie an, warum die Aufgabe blockiert ist.');
        if (reason !== task.blockedReason) {
          changes['blockedReason'] = [task.blockedReason, reason];
          task.blockedReason = reason;
        }
      }
      if (input.dueDate !== undefined && (input.dueDate ?? null) !== task.dueDate) {
        task.dueDate = input.dueDate ?? null;
        await recordActivity(manager, id, actor.accountId, 'due_changed', { from: before.dueDate, to: task.dueDate });
        events.add('task.due_changed', { from: before.dueDate, to: task.dueDate });
      }
      if (input.checklist !== undefined) {
        task.checklist = mergeChecklist(task.checklist, input.checklist);
        const diff = checklistDiff(before.checklist, task.checklist);
        const orderChanged = !sameList(
          before.checklist.map((i) => i.id),
          task.checklist.map((i) => i.id),
        );
        if (Object.values(diff).some((list) => list.length) || orderChanged) {
          await recordActivity(manager, id, actor.accountId, 'checklist_changed', diff);
        }
      }
      let assigneeIds = previousAssignees;
      if (input.assigneeIds !== undefined) {
        assigneeIds = await this.replaceAssignees(manager, actor, task, previousAssignees, input.assigneeIds, events);
      }
      const fields = Object.keys(changes);
      if (fields.length) {
        await recordActivity(manager, id, actor.accountId, 'updated', {
          fields,
          changes: Object.fromEntries(
            Object.entries(changes)
              .filter(([field]) => field !== 'description')
              .map(([field, [from, to]]) => [field, { from, to }]),
          ),
        });
      }
      await this.persist(manager, task);
      await events.flush(manager);
      if (changes['title'] || changes['description']) await refreshSearch(manager, id);
      await this.audit.record(
        origin,
        {
          action: 'task.updated',
          subjectType: 'task',
          subjectId: id,
          details: {
            before: { ...pick(before, inputFields), ...(input.assigneeIds ? { assigneeIds: previousAssignees } : {}) },
            after: { ...pick(task, inputFields), ...(input.assigneeIds ? { assigneeIds } : {}) },
          },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /** Moves a card: to another column (a status change) and/or after another card. */
  async move(actor: Actor, id: string, input: MoveTaskDto, origin: AuditOrigin): Promise<TaskSummaryDto> {
    await this.dataSource.transaction(async (manager) => {
      // The target column first, then the row: a renumbering move holding the column lock never
      // waits for a card whose mover waits for that lock (no deadlock).
      const [known] = await manager.query(`SELECT group_id FROM task WHERE id = $1`, [id]);
      if (known) await this.lockColumn(manager, known.group_id, input.status);
      const { task, standing } = await this.lockForChange(manager, actor, id);
      if (!mayWorkOnTask(actor, standing)) throw new DomainError('FORBIDDEN');
      this.assertVersion(task, input.version);
      if (input.afterTaskId === id) throw invalid('afterTaskId', 'Eine Karte kann nicht hinter sich selbst liegen.');
      const before = { ...task };
      const events = new TaskEventBatch(id, actor.accountId, this.domainEvents);
      if (input.status !== task.status) {
        await this.changeStatus(manager, actor, task, input.status, input.blockedReason, events);
      } else if (
        task.status === 'blocked' &&
        input.blockedReason?.trim() &&
        input.blockedReason.trim() !== task.blockedReason
      ) {
        task.blockedReason = input.blockedReason.trim();
        await recordActivity(manager, id, actor.accountId, 'updated', {
          fields: ['blockedReason'],
          changes: { blockedReason: { from: before.blockedReason, to: task.blockedReason } },
        });
      }
      task.rank = await this.rankAfter(manager, task, input.afterTaskId ?? null);
      await this.persist(manager, task);
      await events.flush(manager);
      await this.audit.record(
        origin,
        {
          action: 'task.moved',
          subjectType: 'task',
          subjectId: id,
          details: {
            before: { status: before.status, rank: before.rank },
            after: { status: task.status, rank: task.rank, afterTaskId: input.afterTaskId ?? null },
          },
        },
        manager,
      );
    });
    const [row] = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM task t JOIN working_group g ON g.id = t.group_id WHERE t.id = $1`,
      [id],
    )) as SummaryRow[];
    return toSummary(row);
  }

  async link(actor: Actor, id: string, relatedId: string, origin: AuditOrigin): Promise<TaskDetailDto> {
    if (id === relatedId) throw invalid('taskId', 'Eine Aufgabe kann nicht mit sich selbst verknüpft werden.');
    await this.dataSource.transaction(async (manager) => {
      const { standing } = await this.lockForChange(manager, actor, id);
      if (!mayEditTasks(actor, standing)) throw new DomainError('FORBIDDEN');
      const related = await this.visibleTask(manager, actor, relatedId, 'taskId');
      const [a, b] = id < relatedId ? [id, relatedId] : [relatedId, id];
      const existing = await manager.findOneBy(TaskLink, { taskId: a, relatedTaskId: b });
      if (existing) throw new DomainError('CONFLICT', 'Die Aufgaben sind bereits verknüpft.');
      await manager.insert(TaskLink, { taskId: a, relatedTaskId: b });
      // Ids only: titles are looked up when the history is read, for the tasks the reader may see.
      await recordActivity(manager, id, actor.accountId, 'linked', { taskId: related.id });
      await recordActivity(manager, related.id, actor.accountId, 'linked', { taskId: id });
      await this.audit.record(
        origin,
        { action: 'task.linked', subjectType: 'task', subjectId: id, details: { relatedTaskId: relatedId } },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  async unlink(actor: Actor, id: string, relatedId: string, origin: AuditOrigin): Promise<TaskDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const { standing } = await this.lockForChange(manager, actor, id);
      if (!mayEditTasks(actor, standing)) throw new DomainError('FORBIDDEN');
      // Only a link one can see can be removed (the related task may be in a group out of sight).
      await this.visibleTask(manager, actor, relatedId).catch(() => {
        throw new DomainError('NOT_FOUND');
      });
      const [a, b] = id < relatedId ? [id, relatedId] : [relatedId, id];
      const result = await manager.delete(TaskLink, { taskId: a, relatedTaskId: b });
      if (!result.affected) throw new DomainError('NOT_FOUND');
      await recordActivity(manager, id, actor.accountId, 'unlinked', { taskId: relatedId });
      await recordActivity(manager, relatedId, actor.accountId, 'unlinked', { taskId: id });
      await this.audit.record(
        origin,
        { action: 'task.unlinked', subjectType: 'task', subjectId: id, details: { relatedTaskId: relatedId } },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /** Deleting archives: hidden from every list, restorable for 30 days by leads and coordinators. */
  async archive(actor: Actor, id: string, version: number, origin: AuditOrigin): Promise<TaskDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const { task, standing } = await this.lockForChange(manager, actor, id);
      if (!mayArchiveTasks(actor, standing)) {
        throw new DomainError(
          'FORBIDDEN',
          'Aufgaben löschen die Sprecherinnen und Sprecher der Gruppe und die Koordination.',
        );
      }
      this.assertVersion(task, version);
      task.archivedAt = new Date();
      task.archivedBy = actor.accountId;
      await this.persist(manager, task);
      await recordActivity(manager, id, actor.accountId, 'archived');
      const events = new TaskEventBatch(id, actor.accountId, this.domainEvents);
      events.add('task.archived');
      await events.flush(manager);
      await this.audit.record(origin, { action: 'task.archived', subjectType: 'task', subjectId: id }, manager);
    });
    return this.detail(actor, id);
  }

  async restore(actor: Actor, id: string, version: number, origin: AuditOrigin): Promise<TaskDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const { task, standing } = await this.lockForChange(manager, actor, id, { archived: true });
      if (!mayArchiveTasks(actor, standing)) {
        // Archived tasks are out of sight for everyone else; a live one they see: 403.
        if (task.archivedAt) throw new DomainError('NOT_FOUND');
        throw new DomainError('FORBIDDEN', 'Aufgaben stellen die Sprecherinnen und Sprecher der Gruppe wieder her.');
      }
      if (!task.archivedAt) throw new DomainError('CONFLICT', 'Die Aufgabe ist nicht gelöscht.');
      if (task.archivedAt.getTime() < Date.now() - ARCHIVE_MS) {
        throw new DomainError(
          'CONFLICT',
          `Gelöschte Aufgaben lassen sich nur ${ARCHIVE_DAYS} Tage lang wiederherstellen.`,
        );
      }
      this.assertVersion(task, version);
      task.archivedAt = null;
      task.archivedBy = null;
      task.rank = await this.endOfColumn(manager, task.groupId, task.status);
      await this.persist(manager, task);
      await recordActivity(manager, id, actor.accountId, 'restored');
      const events = new TaskEventBatch(id, actor.accountId, this.domainEvents);
      events.add('task.restored');
      await events.flush(manager);
      await this.audit.record(origin, { action: 'task.restored', subjectType: 'task', subjectId: id }, manager);
    });
    return this.detail(actor, id);
  }

  // -------------------------------------------------------------------------------------------

  /** A task the actor may see (404 otherwise); archived tasks only for those who may restore them. */
  async visibleTask(
    manager: EntityManager,
    actor: Actor,
    id: string,
    field?: string,
    options: { lock?: boolean } = {},
  ): Promise<Task & { standing: TaskStanding }> {
    const task = options.lock
      ? await manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : await manager.findOneBy(Task, { id });
    const notFound = () =>
      field
        ? invalid(field, 'Diese Aufgabe gibt es nicht oder Sie haben keinen Zugriff.')
        : new DomainError('NOT_FOUND');
    if (!task) throw notFound();
    const standing = await standingOf(manager, actor.accountId, task);
    if (!maySeeTask(actor, standing)) throw notFound();
    if (task.archivedAt && (field || !mayArchiveTasks(actor, standing))) throw notFound();
    return Object.assign(task, { standing });
  }

  /** Locks the task row for the change; archived tasks are read-only (409) until restored. */
  private async lockForChange(
    manager: EntityManager,
    actor: Actor,
    id: string,
    options: { archived?: boolean } = {},
  ): Promise<{ task: Task; standing: TaskStanding }> {
    const task = await manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!task) throw new DomainError('NOT_FOUND');
    const standing = await standingOf(manager, actor.accountId, task);
    if (!maySeeTask(actor, standing)) throw new DomainError('NOT_FOUND');
    if (task.archivedAt && !options.archived) {
      if (!mayArchiveTasks(actor, standing)) throw new DomainError('NOT_FOUND');
      throw new DomainError('CONFLICT', 'Die Aufgabe ist gelöscht. Stellen Sie sie zuerst wieder her.');
    }
    return { task, standing };
  }

  private assertVersion(task: Task, version: number): void {
    if (task.version !== version) {
      throw new DomainError(
        'CONFLICT',
        'Diese Aufgabe wurde inzwischen von jemand anderem geändert. Bitte laden Sie sie neu.',
        { currentVersion: task.version },
      );
    }
  }

  /**
   * Writes the task's changeable columns and raises its version by one (optimistic locking), with
   * the database's clock for `updated_at` (one clock for every replica).
   */
  private async persist(manager: EntityManager, task: Task): Promise<void> {
    const [[row]]: [[{ version: number; updated_at: Date }], number] = await manager.query(
      `UPDATE task SET title = $2, description = $3, status = $4, blocked_reason = $5, priority = $6,
              due_date = $7, labels = $8, checklist = $9::jsonb, rank = $10, completed_at = $11,
              archived_at = $12, archived_by = $13, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING version, updated_at`,
      [
        task.id,
        task.title,
        task.description,
        task.status,
        task.blockedReason,
        task.priority,
        task.dueDate,
        task.labels,
        JSON.stringify(task.checklist),
        task.rank,
        task.completedAt,
        task.archivedAt,
        task.archivedBy,
      ],
    );
    task.version = row.version;
    task.updatedAt = row.updated_at;
  }

  private async changeStatus(
    manager: EntityManager,
    actor: Actor,
    task: Task,
    status: TaskStatus,
    blockedReason: string | null | undefined,
    events: TaskEventBatch,
  ): Promise<void> {
    const reason = status === 'blocked' ? blockedReason?.trim() || null : null;
    if (status === 'blocked' && !reason) {
      throw invalid('blockedReason', 'Bitte geben Sie an, warum die Aufgabe blockiert ist.');
    }
    const from = task.status;
    task.status = status;
    task.blockedReason = reason;
    task.completedAt = status === 'done' ? new Date() : null;
    task.rank = await this.endOfColumn(manager, task.groupId, status);
    await recordActivity(manager, task.id, actor.accountId, 'status_changed', {
      from,
      to: status,
      ...(reason ? { reason } : {}),
    });
    events.add('task.status_changed', { from, to: status });
  }

  /** New assignees must be active members of the group; people already assigned may stay. */
  private async replaceAssignees(
    manager: EntityManager,
    actor: Actor,
    task: Task,
    current: string[],
    wanted: string[],
    events: TaskEventBatch,
  ): Promise<string[]> {
    const added = wanted.filter((a) => !current.includes(a));
    const removed = current.filter((a) => !wanted.includes(a));
    if (!added.length && !removed.length) return current;
    await this.assertMembers(manager, task.groupId, added);
    if (removed.length) {
      await manager.query(`DELETE FROM task_assignee WHERE task_id = $1 AND account_id = ANY($2::uuid[])`, [
        task.id,
        removed,
      ]);
    }
    if (added.length)
      await manager.insert(
        TaskAssignee,
        added.map((accountId) => ({ taskId: task.id, accountId })),
      );
    const names: Array<{ id: string; name: string }> = await manager.query(
      `SELECT id, name FROM account WHERE id = ANY($1::uuid[])`,
      [[...added, ...removed]],
    );
    const named = (ids: string[]) => ids.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? '' }));
    await recordActivity(manager, task.id, actor.accountId, 'assignees_changed', {
      added: named(added),
      removed: named(removed),
    });
    events.add('task.assignees_changed', { added, removed });
    return wanted;
  }

  private async assertMembers(manager: EntityManager, groupId: string, accountIds: string[]): Promise<void> {
    if (!accountIds.length) return;
    const rows: Array<{ account_id: string }> = await manager.query(
      `SELECT m.account_id FROM group_membership m JOIN account a ON a.id = m.account_id AND a.status = 'active'
        WHERE m.group_id = $1 AND m.status = 'active' AND m.account_id = ANY($2::uuid[])`,
      [groupId, accountIds],
    );
    if (rows.length !== accountIds.length) {
      throw invalid('assigneeIds', 'Zuständig sein können nur aktive Mitglieder der Arbeitsgruppe.');
    }
  }

  private async assigneeIds(manager: EntityManager, taskId: string): Promise<string[]> {
    const rows: Array<{ account_id: string }> = await manager.query(
      `SELECT account_id FROM task_assignee WHERE task_id = $1 ORDER BY account_id`,
      [taskId],
    );
    return rows.map((r) => r.account_id);
  }

  /**
   * Serialises changes to one board column (group × status) until the transaction ends, so that
   * concurrent moves neither compute the same rank nor undo each other's renumbering.
   */
  private async lockColumn(manager: EntityManager, groupId: string, status: TaskStatus): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`task-column:${groupId}:${status}`]);
  }

  private async endOfColumn(manager: EntityManager, groupId: string, status: TaskStatus): Promise<number> {
    await this.lockColumn(manager, groupId, status);
    const [row] = await manager.query(
      `SELECT max(rank) AS max FROM task WHERE group_id = $1 AND status = $2 AND archived_at IS NULL`,
      [groupId, status],
    );
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  /** The rank between `afterTaskId` and its successor in the task's (new) column; null: the top. */
  private async rankAfter(manager: EntityManager, task: Task, afterTaskId: string | null): Promise<number> {
    await this.lockColumn(manager, task.groupId, task.status);
    const column = [task.groupId, task.status, task.id];
    const neighbours = async () => {
      if (afterTaskId === null) {
        const [first] = await manager.query(
          `SELECT rank FROM task WHERE group_id = $1 AND status = $2 AND id <> $3 AND archived_at IS NULL
            ORDER BY rank, id LIMIT 1`,
          column,
        );
        return { low: null as number | null, high: first ? Number(first.rank) : null };
      }
      const [after] = await manager.query(
        `SELECT rank FROM task WHERE id = $4 AND group_id = $1 AND status = $2 AND id <> $3 AND archived_at IS NULL`,
        [...column, afterTaskId],
      );
      if (!after) {
        throw new DomainError('CONFLICT', 'Das Board hat sich inzwischen geändert. Bitte laden Sie es neu.');
      }
      const [next] = await manager.query(
        `SELECT rank FROM task WHERE group_id = $1 AND status = $2 AND id <> $3 AND archived_at IS NULL
            AND (rank, id) > ($4::double precision, $5::uuid)
          ORDER BY rank, id LIMIT 1`,
        [...column, after.rank, afterTaskId],
      );
      return { low: Number(after.rank), high: next ? Number(next.rank) : null };
    };
    let { low, high } = await neighbours();
    if (low !== null && high !== null && high - low < MIN_RANK_GAP) {
      // Ranks too close to halve again: spread the column out (1, 2, 3, …) and look again.
      await manager.query(
        `UPDATE task t SET rank = r.n FROM (
           SELECT id, row_number() OVER (ORDER BY rank, id) AS n FROM task
            WHERE group_id = $1 AND status = $2 AND id <> $3 AND archived_at IS NULL) r
          WHERE t.id = r.id`,
        column,
      );
      ({ low, high } = await neighbours());
    }
    if (low === null) return high === null ? 0 : high - 1;
    return high === null ? low + 1 : (low + high) / 2;
  }

  private async detailWith(manager: EntityManager, actor: Actor, id: string): Promise<TaskDetailDto> {
    const task = await this.visibleTask(manager, actor, id);
    const { standing } = task;
    // One transaction connection (minutes' release creates tasks inside its transaction): queries run
    // one after another there; outside a transaction they run at once over the pool.
    type Rows = Array<Record<string, unknown>>;
    const [[row], comments, activity, links, members, createdBy] = await inParallel<
      [SummaryRow[], Rows, Rows, Awaited<ReturnType<TasksService['visibleLinks']>>, TaskPersonDto[], TaskPersonDto[]]
    >(manager, [
      () =>
        manager.query(
          `SELECT ${SUMMARY_COLUMNS} FROM task t JOIN working_group g ON g.id = t.group_id WHERE t.id = $1`,
          [id],
        ) as Promise<SummaryRow[]>,
      () =>
        manager.query(
          `SELECT c.id, c.body, c.mentions, c.created_at, a.id AS author_id, a.name AS author_name,
                o.display_name AS author_org
           FROM task_comment c
           LEFT JOIN account a ON a.id = c.author_id
           LEFT JOIN organization o ON o.id = a.organization_id
          WHERE c.task_id = $1 ORDER BY c.created_at, c.id`,
          [id],
        ) as Promise<Array<Record<string, () => unknown>>>,
      () =>
        manager.query(
          `SELECT v.id, v.kind, v.details, v.created_at, a.id AS actor_id, a.name AS actor_name,
                o.display_name AS actor_org
           FROM task_activity v
           LEFT JOIN account a ON a.id = v.actor_id
           LEFT JOIN organization o ON o.id = a.organization_id
          WHERE v.task_id = $1 ORDER BY v.created_at DESC, v.id DESC LIMIT 200`,
          [id],
        ) as Promise<Array<Record<string, () => unknown>>>,
      () => this.visibleLinks(manager, actor, id),
      () => this.queries.members(task.groupId),
      () =>
        task.createdBy
          ? (manager.query(
              `SELECT a.id, a.name, o.display_name AS "organizationName" FROM account a
               LEFT JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
              [task.createdBy],
            ) as Promise<TaskPersonDto[]>)
          : Promise.resolve([] as TaskPersonDto[]),
    ]);
    const linkedIds = [
      ...new Set(
        activity
          .filter((v) => v['kind'] === 'linked' || v['kind'] === 'unlinked')
          .map((v) => (v['details'] as { taskId?: string }).taskId)
          .filter((x): x is string => typeof x === 'string'),
      ),
    ];
    // Titles of related tasks only where the reader may see them; other link entries are left out.
    const linkedTitles = new Map((await this.visibleTitles(manager, actor, linkedIds)).map((r) => [r.id, r.title]));
    const mentionIds = [...new Set(comments.flatMap((c) => c['mentions'] as string[]))];
    const mentioned: TaskPersonDto[] = mentionIds.length
      ? await manager.query(
          `SELECT a.id, a.name, o.display_name AS "organizationName" FROM account a
             LEFT JOIN organization o ON o.id = a.organization_id WHERE a.id = ANY($1::uuid[])`,
          [mentionIds],
        )
      : [];
    const person = (r: Record<string, unknown>, prefix: string): TaskPersonDto | null =>
      r[`${prefix}_id`]
        ? {
            id: r[`${prefix}_id`] as string,
            name: r[`${prefix}_name`] as string,
            organizationName: (r[`${prefix}_org`] as string | null) ?? null,
          }
        : null;
    const archivable = mayArchiveTasks(actor, standing);
    const live = !task.archivedAt;
    return {
      ...toSummary(row),
      description: task.description,
      descriptionHtml: renderMarkdown(task.description),
      checklist: task.checklist,
      origin:
        task.originKind && task.originId ? { kind: task.originKind, id: task.originId, label: task.originLabel } : null,
      links,
      comments: comments.map((c) => ({
        id: c['id'] as string,
        author: person(c, 'author'),
        body: c['body'] as string,
        bodyHtml: renderMarkdown(c['body'] as string),
        mentions: (c['mentions'] as string[]).flatMap((m) => mentioned.filter((p) => p.id === m)),
        createdAt: (c['created_at'] as Date).toISOString(),
      })),
      activity: activity.flatMap((v) => {
        const kind = v['kind'] as TaskDetailDto['activity'][number]['kind'];
        let details = v['details'] as Record<string, unknown>;
        if (kind === 'linked' || kind === 'unlinked') {
          const title = linkedTitles.get(details['taskId'] as string);
          if (title === undefined) return [];
          details = { ...details, title };
        }
        return [
          {
            id: v['id'] as string,
            kind,
            actor: person(v, 'actor'),
            details,
            createdAt: (v['created_at'] as Date).toISOString(),
          },
        ];
      }),
      createdBy: createdBy[0] ?? null,
      completedAt: task.completedAt?.toISOString() ?? null,
      restorableUntil: task.archivedAt ? new Date(task.archivedAt.getTime() + ARCHIVE_MS).toISOString() : null,
      members,
      permissions: {
        edit: live && mayEditTasks(actor, standing),
        work: live && mayWorkOnTask(actor, standing),
        comment: live,
        archive: live && archivable,
        restore: !live && archivable && (task.archivedAt?.getTime() ?? 0) > Date.now() - ARCHIVE_MS,
      },
    };
  }

  /** Id and title of those of `ids` the actor may see (coordinators, group members, assignees). */
  private async visibleTitles(
    manager: EntityManager,
    actor: Actor,
    ids: string[],
  ): Promise<Array<{ id: string; title: string }>> {
    if (!ids.length) return [];
    return manager.query(
      `SELECT t.id, t.title FROM task t
        WHERE t.id = ANY($1::uuid[])
          AND ($3 OR EXISTS (SELECT 1 FROM group_membership m
                              WHERE m.group_id = t.group_id AND m.account_id = $2 AND m.status = 'active')
               OR EXISTS (SELECT 1 FROM task_assignee x WHERE x.task_id = t.id AND x.account_id = $2))`,
      [ids, actor.accountId, mayEditTasks(actor, { groupRole: null })],
    );
  }

  /** Related tasks, both directions, only those in groups the actor may see and not archived. */
  private async visibleLinks(manager: EntityManager, actor: Actor, id: string) {
    const rows: Array<{ id: string; title: string; status: TaskStatus; group_short_name: string; visible: boolean }> =
      await manager.query(
        `SELECT t.id, t.title, t.status, g.short_name AS group_short_name,
                ($3 OR EXISTS (SELECT 1 FROM group_membership m
                                WHERE m.group_id = t.group_id AND m.account_id = $2 AND m.status = 'active')
                    OR EXISTS (SELECT 1 FROM task_assignee x WHERE x.task_id = t.id AND x.account_id = $2)) AS visible
           FROM task_link l
           JOIN task t ON t.id = CASE WHEN l.task_id = $1 THEN l.related_task_id ELSE l.task_id END
           JOIN working_group g ON g.id = t.group_id
          WHERE (l.task_id = $1 OR l.related_task_id = $1) AND t.archived_at IS NULL
          ORDER BY t.title`,
        [id, actor.accountId, mayEditTasks(actor, { groupRole: null })],
      );
    return rows
      .filter((r) => r.visible)
      .map((r) => ({ id: r.id, title: r.title, status: r.status, groupShortName: r.group_short_name }));
  }
}

function pick(source: object, keys: readonly string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k !== 'assigneeIds' && k !== 'description').map((k) => [k, record[k]]));
}
