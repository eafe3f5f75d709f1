import { GroupMembership } from '@srp/server/groups';
import { EntityManager } from 'typeorm';
import { TaskStanding } from './task-access';

/** The actor's role in a group when the membership is active (requests do not count). */
export async function groupRoleOf(
  manager: EntityManager,
  accountId: string,
  groupId: string,
): Promise<TaskStanding['groupRole']> {
  const m = await manager.findOneBy(GroupMembership, { accountId, groupId, status: 'active' });
  return m?.role ?? null;
}

/** The actor's standing towards one task: role in its group, assigned or not. */
export async function standingOf(
  manager: EntityManager,
  accountId: string,
  task: { id: string; groupId: string },
): Promise<TaskStanding> {
  const [groupRole, assigned] = await Promise.all([
    groupRoleOf(manager, accountId, task.groupId),
    manager.query(`SELECT 1 FROM task_assignee WHERE task_id = $1 AND account_id = $2`, [
      task.id,
      accountId,
    ]) as Promise<unknown[]>,
  ]);
  return { groupRole, isAssignee: assigned.length > 0 };
}
