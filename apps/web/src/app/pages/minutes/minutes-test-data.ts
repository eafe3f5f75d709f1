import { Minutes, MinutesEntry } from '../../core/minutes.service';

/** Test data for the specs of the minutes pages. */
export const MEETING_ID = '40000000-0000-4000-8000-000000000001';
export const MINUTES_ID = '60000000-0000-4000-8000-000000000001';
export const ITEM_ID = '50000000-0000-4000-8000-000000000001';
export const GROUP = { id: '20000000-0000-4000-8000-000000000003', name: 'Daten und Sensorik', shortName: 'UAG 3' };
export const ANNA = { id: '10000000-0000-4000-8000-000000000001', name: 'Anna Beispiel' };

/** An entry of the minutes. */
export function entry(n: number, overrides: Partial<MinutesEntry> = {}): MinutesEntry {
  return {
    id: `70000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'information',
    text: `Eintrag ${n}`,
    textHtml: `<p>Eintrag ${n}</p>`,
    confidential: false,
    assignees: [],
    dueDate: null,
    group: null,
    task: null,
    ...overrides,
  };
}

/** Minutes with one agenda item; a draft the person may edit unless overridden. */
export function minutes(overrides: Partial<Minutes> = {}): Minutes {
  return {
    id: MINUTES_ID,
    meetingId: MEETING_ID,
    meeting: {
      id: MEETING_ID,
      title: 'Monatsrunde Dezember',
      kind: 'monatsrunde',
      status: 'scheduled',
      startsAt: '2026-12-02T09:00:00Z',
      endsAt: '2026-12-02T11:00:00Z',
      hostGroup: GROUP,
    },
    status: 'draft',
    revision: 1,
    revisionInProgress: false,
    pendingChangeNote: null,
    version: 3,
    publishLevel: 'group',
    reviewDeadline: null,
    generalNotes: 'Begrüßung',
    generalNotesHtml: '<p>Begrüßung</p>',
    attendance: [{ person: ANNA, status: 'present', mode: 'on_site', organization: 'Halle (Saale)', deputyFor: null }],
    items: [
      {
        id: ITEM_ID,
        number: 1,
        title: 'Sensorik-Ausschreibung',
        presenter: null,
        notes: 'Stand der Dinge',
        notesHtml: '<p>Stand der Dinge</p>',
        entries: [entry(1)],
      },
    ],
    entries: [],
    approvals: [],
    expectedApprovers: 5,
    comments: [],
    revisions: [],
    permissions: {
      edit: true,
      submit: true,
      reopen: false,
      approve: false,
      release: false,
      revise: false,
      comment: true,
      export: false,
      exportConfidential: false,
    },
    ...overrides,
  };
}

/** Permissions with everything off but what is given. */
export function allowed(...names: Array<keyof Minutes['permissions']>): Minutes['permissions'] {
  const on = (name: keyof Minutes['permissions']) => names.includes(name);
  return {
    edit: on('edit'),
    submit: on('submit'),
    reopen: on('reopen'),
    approve: on('approve'),
    release: on('release'),
    revise: on('revise'),
    comment: on('comment'),
    export: on('export'),
    exportConfidential: on('exportConfidential'),
  };
}

/** The error body and status of an api error answer. */
export function apiError(
  status: number,
  code: string,
  message: string,
  details: unknown = {},
): [object, { status: number; statusText: string }] {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: code },
  ];
}
