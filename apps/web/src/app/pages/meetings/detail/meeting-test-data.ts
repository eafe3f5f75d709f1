import { AgendaItem, AttendanceSheet, MeetingDetail } from '../../../core/meetings.service';
import { TEST_USER } from '../../../testing/auth-testing';

/** Test data for the specs of the meeting page, its agenda and the attendance sheet. */
export const MEETING_ID = '40000000-0000-4000-8000-000000000001';

export const ANNA = {
  id: '10000000-0000-4000-8000-000000000001',
  name: 'Anna Beispiel',
  organization: 'Halle (Saale)',
};
export const JONAS = {
  id: '10000000-0000-4000-8000-000000000002',
  name: 'Jonas Becker',
  organization: 'Dessau-Roßlau',
};
export const ME = { id: TEST_USER.id, name: TEST_USER.name, organization: null };

/** An accepted agenda item (TOP) or, with overrides, a proposal. */
export function agendaItem(n: number, overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    number: n,
    title: `Thema ${n}`,
    presenter: null,
    plannedMinutes: 30,
    notes: '',
    notesHtml: '',
    links: [],
    status: 'accepted',
    proposedBy: null,
    decisionNote: null,
    editable: false,
    version: 1,
    ...overrides,
  };
}

export function meeting(overrides: Partial<MeetingDetail> = {}): MeetingDetail {
  return {
    id: MEETING_ID,
    kind: 'monatsrunde',
    title: 'Monatsrunde Dezember',
    status: 'scheduled',
    cancelReason: null,
    startsAt: '2026-12-09T09:00:00.000Z',
    endsAt: '2026-12-09T10:30:00.000Z',
    format: 'online',
    place: null,
    room: null,
    address: null,
    onlineUrl: 'https://meet.example.org/monatsrunde',
    capacity: null,
    description: 'Wir besprechen **den Stand**.',
    descriptionHtml: '<p>Wir besprechen <strong>den Stand</strong>.</p>',
    hostGroup: null,
    organizer: ANNA,
    series: null,
    seriesId: null,
    inviteAll: true,
    invitedGroups: [],
    invitedPeople: [],
    guests: [],
    answers: { invited: 12, yes: 5, no: 2, maybe: 1, open: 4, waitlisted: 0 },
    yesCount: 5,
    myAnswer: null,
    myResponse: null,
    responses: [],
    agenda: [agendaItem(1, { title: 'Begrüßung', plannedMinutes: 15 }), agendaItem(2, { title: 'Sensorik' })],
    agendaVersion: 3,
    plannedMinutes: 45,
    callForItems: true,
    icsSequence: 0,
    permissions: { answer: true, manage: false, propose: true },
    version: 1,
    ...overrides,
  };
}

export function sheet(overrides: Partial<AttendanceSheet> = {}): AttendanceSheet {
  return {
    recorded: false,
    version: 2,
    presentByOrganization: { 'Halle (Saale)': 1 },
    rows: [
      { person: ANNA, status: 'present', mode: null, answer: 'yes', deputyFor: null, recorded: false },
      { person: JONAS, status: 'excused', mode: null, answer: 'no', deputyFor: null, recorded: false },
    ],
    ...overrides,
  };
}

/** The arguments of `TestRequest.flush` for an api error. */
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
