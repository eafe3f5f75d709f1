import { MeetingDetail } from '../../../core/meetings.service';

export const GROUP = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** A meeting as the api returns it: 9 December 2026, 10:00–11:30 Berlin, online. */
export function detail(overrides: Partial<MeetingDetail> = {}): MeetingDetail {
  return {
    id: 'm1',
    address: null,
    agenda: [],
    agendaVersion: 1,
    answers: { invited: 10, yes: 0, no: 0, maybe: 0, open: 10, waitlisted: 0 },
    callForItems: true,
    cancelReason: null,
    capacity: null,
    description: 'Bericht',
    descriptionHtml: '<p>Bericht</p>',
    // 10:00–11:30 Berlin (CET).
    startsAt: '2026-12-09T09:00:00Z',
    endsAt: '2026-12-09T10:30:00Z',
    format: 'online',
    guests: [{ id: 'g1', name: 'Gast Eins', email: 'gast@example.org', answer: null }],
    hostGroup: null,
    icsSequence: 0,
    inviteAll: false,
    invitedGroups: [{ id: GROUP, name: 'Digitaler Zwilling', shortName: 'UAG 3' }],
    invitedPeople: [],
    kind: 'monatsrunde',
    myAnswer: null,
    myResponse: null,
    onlineUrl: 'https://meet.example/abc',
    organizer: null,
    permissions: { answer: true, manage: true, propose: true },
    place: null,
    plannedMinutes: 0,
    responses: [],
    room: null,
    series: null,
    seriesId: null,
    status: 'scheduled',
    title: 'Monatsrunde',
    version: 4,
    yesCount: 0,
    ...overrides,
  };
}
