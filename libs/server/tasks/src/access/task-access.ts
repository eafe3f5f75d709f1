import { Actor, isCoordination } from '@srp/server/identity';

/** What the actor is to a task's group and to the task itself. */
export interface TaskStanding {
  /** Role in the task's group, when the membership is active. */
  groupRole: 'lead' | 'member' | null;
  /** Assigned to the task (also after leaving the group). */
  isAssignee: boolean;
}

/** Coordinators and admins act in every group. */
const coordinates = (actor: Actor) => isCoordination(actor);

/** Sees the group's tasks: members, leads, coordinators; an assignee sees their own task. */
export function maySeeTask(actor: Actor, s: TaskStanding): boolean {
  return coordinates(actor) || s.groupRole !== null || s.isAssignee;
}

/** Creates tasks in the group and edits every field of its tasks. */
export function mayEditTasks(actor: Actor, s: Pick<TaskStanding, 'groupRole'>): boolean {
  return coordinates(actor) || s.groupRole !== null;
}

/** Changes status and checklist: everyone who edits, and the task's assignees. */
export function mayWorkOnTask(actor: Actor, s: TaskStanding): boolean {
  return mayEditTasks(actor, s) || s.isAssignee;
}

/** Archives (deletes) and restores tasks: the group's leads and coordinators. */
export function mayArchiveTasks(actor: Actor, s: Pick<TaskStanding, 'groupRole'>): boolean {
  return coordinates(actor) || s.groupRole === 'lead';
}

/** The fields someone who may only work on a task (not edit it) may change. */
export const WORK_FIELDS = ['status', 'blockedReason', 'checklist'] as const;
