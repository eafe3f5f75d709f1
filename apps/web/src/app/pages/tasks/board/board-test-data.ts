import type { TaskStatus } from '@srp/contracts';
import { TaskBoard, TaskDetail, TaskPerson, TaskSummary } from '../../../core/tasks.service';
import { TEST_USER } from '../../../testing/auth-testing';

/** Test data for the specs of the board, the list and the task form. */
export const GROUP_ID = '18514f7f-7785-4a1b-8ee0-27d40092bbdc';
export const GROUP = { id: GROUP_ID, number: 3, name: 'Digitaler Zwilling', shortName: 'Zwilling' };

export const ANNA: TaskPerson = {
  id: '10000000-0000-4000-8000-000000000001',
  name: 'Anna Schmidt',
  organizationName: 'Halle (Saale)',
};
export const JONAS: TaskPerson = {
  id: '10000000-0000-4000-8000-000000000002',
  name: 'Jonas Becker',
  organizationName: 'Dessau-Roßlau',
};
export const ME: TaskPerson = { id: TEST_USER.id, name: TEST_USER.name, organizationName: null };

let counter = 0;

export function summary(overrides: Partial<TaskSummary> & { title: string }): TaskSummary {
  counter += 1;
  return {
    id: `20000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    group: GROUP,
    status: 'open',
    blockedReason: null,
    priority: 'normal',
    dueDate: null,
    overdue: false,
    labels: [],
    assignees: [],
    checklistTotal: 0,
    checklistDone: 0,
    commentCount: 0,
    rank: counter,
    archivedAt: null,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-25T09:30:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function detail(task: TaskSummary, overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    ...task,
    description: '',
    descriptionHtml: '',
    checklist: [],
    origin: null,
    links: [],
    comments: [],
    activity: [],
    createdBy: ME,
    completedAt: null,
    restorableUntil: null,
    members: [ANNA, JONAS, ME],
    permissions: { edit: true, work: true, comment: true, archive: false, restore: false },
    ...overrides,
  };
}

/** A board with the given cards, in the order given, and counts that match. */
export function board(tasks: TaskSummary[], overrides: Partial<TaskBoard> = {}): TaskBoard {
  const statuses: TaskStatus[] = ['open', 'in_progress', 'blocked', 'done'];
  return {
    group: GROUP,
    columns: statuses.map((status) => {
      const inColumn = tasks.filter((task) => task.status === status);
      return { status, count: inColumn.length, tasks: inColumn };
    }),
    members: [ANNA, JONAS, ME],
    labels: ['Förderung', 'Sensorik'],
    permissions: { create: true, archive: false },
    ...overrides,
  };
}

export function apiError(status: number, code: string, message: string, details: unknown = {}) {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}
