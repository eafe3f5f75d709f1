import { TaskDetail, TaskPerson, TaskSummary } from '../../../core/tasks.service';
import { TEST_USER } from '../../../testing/auth-testing';

/** Test data for the specs of the task page and Meine Aufgaben. */
export const GROUP = {
  id: '18514f7f-7785-4a1b-8ee0-27d40092bbdc',
  number: 3,
  name: 'Digitaler Zwilling',
  shortName: 'Zwilling',
};
export const TASK_ID = '20000000-0000-4000-8000-000000000001';

export const ANNA: TaskPerson = {
  id: '10000000-0000-4000-8000-000000000001',
  name: 'Anna Beispiel',
  organizationName: 'Halle (Saale)',
};
export const JONAS: TaskPerson = {
  id: '10000000-0000-4000-8000-000000000002',
  name: 'Jonas Becker',
  organizationName: 'Dessau-Roßlau',
};
export const ME: TaskPerson = { id: TEST_USER.id, name: TEST_USER.name, organizationName: null };

let counter = 100;

export function summary(overrides: Partial<TaskSummary> = {}): TaskSummary {
  counter += 1;
  return {
    id: `20000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    group: GROUP,
    title: 'Förderantrag Sensorik vorbereiten',
    status: 'open',
    blockedReason: null,
    priority: 'normal',
    dueDate: null,
    overdue: false,
    labels: [],
    assignees: [ME],
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

export function task(overrides: Partial<TaskDetail> = {}): TaskDetail {
  const checklist = overrides.checklist ?? [
    { id: '30000000-0000-4000-8000-000000000001', text: 'Förderaufruf lesen', done: true },
    { id: '30000000-0000-4000-8000-000000000002', text: 'Budget klären', done: false },
  ];
  return {
    ...summary({ id: TASK_ID, dueDate: '2026-12-18', assignees: [ANNA, ME], labels: ['Förderung'] }),
    description: 'Antrag **bis Mitte Dezember** einreichen.',
    descriptionHtml: '<p>Antrag <strong>bis Mitte Dezember</strong> einreichen.</p>',
    origin: null,
    links: [],
    comments: [
      {
        id: '40000000-0000-4000-8000-000000000001',
        author: JONAS,
        body: '@Anna Beispiel bitte die Zahlen prüfen.',
        bodyHtml: '<p>@Anna Beispiel bitte die Zahlen prüfen.</p>',
        mentions: [ANNA],
        createdAt: '2026-11-25T13:03:00.000Z',
      },
    ],
    activity: [
      {
        id: '50000000-0000-4000-8000-000000000002',
        kind: 'status_changed',
        actor: ANNA,
        details: { from: 'open', to: 'in_progress' },
        createdAt: '2026-11-26T13:03:00.000Z',
      },
      {
        id: '50000000-0000-4000-8000-000000000001',
        kind: 'created',
        actor: JONAS,
        details: {},
        createdAt: '2026-11-20T08:00:00.000Z',
      },
    ],
    createdBy: JONAS,
    completedAt: null,
    restorableUntil: null,
    members: [ANNA, JONAS, ME],
    permissions: { edit: true, work: true, comment: true, archive: false, restore: false },
    ...overrides,
    checklist,
    checklistTotal: checklist.length,
    checklistDone: checklist.filter((item) => item.done).length,
  };
}

export function apiError(
  status: number,
  code: string,
  message: string,
): [object, { status: number; statusText: string }] {
  return [
    { code, message, details: {}, correlationId: 'test' },
    { status, statusText: code },
  ];
}
