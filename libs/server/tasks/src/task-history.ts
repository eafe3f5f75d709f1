import { TaskActivityKind, TaskEventKind } from '@srp/contracts';
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

/** Appends to the outbox that the notifications domain consumes (ids and dates only). */
export async function emitTaskEvent(
  manager: EntityManager,
  taskId: string,
  kind: TaskEventKind,
  payload: Record<string, unknown>,
): Promise<void> {
  await manager.save(manager.create(TaskEvent, { taskId, kind, payload }), { reload: false });
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
