import { TaskActivityKind, TaskEventKind } from '@srp/contracts';
import { DomainEvents } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { TaskActivity } from './task-activity.entity';
import { TaskEvent } from './task-event.entity';

/**
 * What a change leaves behind, written in the caller's transaction: an entry in the task's
 * activity history, and for reminder-relevant changes a row in the `task_event` outbox.
 */
export async function recordActivity(
  manager: EntityManager,
  taskId: string,
  actorId: string | null,
  kind: TaskActivityKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.save(manager.create(TaskActivity, { taskId, actorId, kind, details }), { reload: false });
}

/** The state of a task as every outbox event carries it: what reminders are planned from. */
export interface TaskSnapshot {
  groupId: string;
  status: string;
  dueDate: string | null;
  assigneeIds: string[];
  archived: boolean;
  /** The task's version after the change: a consumer applies an event only if it is newer. */
  version: number;
}

/**
 * Outbox events of one change. Collected while the change is made and written at its end, each
 * with the task's final state (`task`) next to what changed (the delta), so a consumer can plan
 * or cancel reminders from any single event, in any order (highest `task.version` wins).
 */
export class TaskEventBatch {
  private readonly events: Array<{ kind: TaskEventKind; delta: Record<string, unknown> }> = [];

  constructor(
    private readonly taskId: string,
    private readonly actorId: string | null,
    private readonly domainEvents: DomainEvents,
  ) {}

  add(kind: TaskEventKind, delta: Record<string, unknown> = {}): void {
    this.events.push({ kind, delta });
  }

  /**
   * Writes the events and announces the change (reminders are planned from it in the same
   * transaction); call after the task row and its assignees are saved.
   */
  async flush(manager: EntityManager): Promise<void> {
    if (!this.events.length) return;
    const [row] = await manager.query(
      `SELECT t.group_id, t.status, t.due_date::text AS due_date, t.archived_at IS NOT NULL AS archived, t.version,
              ARRAY(SELECT a.account_id FROM task_assignee a WHERE a.task_id = t.id ORDER BY a.account_id) AS assignee_ids
         FROM task t WHERE t.id = $1`,
      [this.taskId],
    );
    const task: TaskSnapshot = {
      groupId: row.group_id,
      status: row.status,
      dueDate: row.due_date,
      assigneeIds: row.assignee_ids,
      archived: row.archived,
      version: row.version,
    };
    const assigned = new Set<string>();
    let mentioned: { commentId: string; accountIds: string[] } | undefined;
    for (const { kind, delta } of this.events.splice(0)) {
      if (kind === 'task.created') task.assigneeIds.forEach((id) => assigned.add(id));
      if (kind === 'task.assignees_changed') ((delta['added'] as string[]) ?? []).forEach((id) => assigned.add(id));
      if (kind === 'task.mentioned') {
        mentioned = { commentId: delta['commentId'] as string, accountIds: (delta['mentionedIds'] as string[]) ?? [] };
      }
      await manager.save(
        manager.create(TaskEvent, { taskId: this.taskId, kind, payload: { ...delta, actorId: this.actorId, task } }),
        { reload: false },
      );
    }
    await this.domainEvents.emit(manager, {
      type: 'task.changed',
      taskId: this.taskId,
      actorId: this.actorId,
      task,
      assignedIds: [...assigned].filter((id) => task.assigneeIds.includes(id)),
      ...(mentioned ? { mentioned } : {}),
    });
  }
}

/** Rebuilds the German search vector: title (weight A), description (B), comments (C). */
export async function refreshSearch(manager: EntityManager, taskId: string): Promise<void> {
  await manager.query(
    `UPDATE task t SET search =
        setweight(to_tsvector('german', t.title), 'A')
     || setweight(to_tsvector('german', t.description), 'B')
     || setweight(to_tsvector('german', COALESCE(
          (SELECT string_agg(c.body, ' ' ORDER BY c.created_at) FROM task_comment c WHERE c.task_id = t.id), '')), 'C')
      WHERE t.id = $1`,
    [taskId],
  );
}
