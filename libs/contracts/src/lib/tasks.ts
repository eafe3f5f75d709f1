/** A task's state on the board: Offen, In Arbeit, Blockiert (with a reason), Erledigt. */
export const TASK_STATUSES = ['open', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How urgent a task is; stored as a rank (1–4) so that lists sort by it. */
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Due-date filters of the task list: overdue, due by the end of this week (Sunday, Europe/Berlin), no due date. */
export const TASK_DUE_FILTERS = ['overdue', 'this_week', 'none'] as const;
export type TaskDueFilter = (typeof TASK_DUE_FILTERS)[number];

/** Sort orders of the task list; each is served by an index and paged by keyset. */
export const TASK_SORTS = ['due', 'priority', 'updated', 'created'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** What a task was born from (filled by the minutes issue: an action item of a meeting's minutes). */
export const TASK_ORIGIN_KINDS = ['minutes_action_item'] as const;
export type TaskOriginKind = (typeof TASK_ORIGIN_KINDS)[number];

/**
 * Entries of a task's activity history. `task_event` (the outbox the notifications domain reads)
 * uses the subset that reminders care about.
 */
export const TASK_ACTIVITY_KINDS = [
  'created',
  'updated',
  'status_changed',
  'assignees_changed',
  'due_changed',
  'checklist_changed',
  'commented',
  'linked',
  'unlinked',
  'archived',
  'restored',
] as const;
export type TaskActivityKind = (typeof TASK_ACTIVITY_KINDS)[number];

/** Kinds of `task_event` rows: what the notifications domain plans and cancels reminders from. */
export const TASK_EVENT_KINDS = [
  'task.created',
  'task.assignees_changed',
  'task.due_changed',
  'task.status_changed',
  'task.mentioned',
  'task.archived',
  'task.restored',
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

/** Limits shared by the api's validation and the web's forms. */
export const TASK_LIMITS = {
  title: 200,
  description: 20_000,
  labels: 10,
  label: 40,
  checklist: 50,
  checklistItem: 300,
  comment: 10_000,
  blockedReason: 1_000,
  assignees: 20,
  pageSize: 100,
} as const;

/** Label text: letters, digits, blanks, dashes and the like; no commas (CSV filters use them). */
export const TASK_LABEL_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/&+-]*$/u;
