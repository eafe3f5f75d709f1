import { describe, expect, it } from 'vitest';
import { MinutesSnapshot } from './minutes-content';
import { meetingPlace, toMinutesDocument } from './to-minutes-document';

const ITEM_1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1';
const ITEM_2 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2';
const uag2 = { id: 'g2', shortName: 'UAG 2', name: 'Daten & Plattformen' };

function snapshot(overrides: Partial<MinutesSnapshot> = {}): MinutesSnapshot {
  return {
    format: 1,
    meeting: {
      id: 'm1',
      title: 'UAG-Sitzung Februar',
      kind: 'uag_sitzung',
      format: 'hybrid',
      address: 'Domplatz 1, Magdeburg',
      room: 'Raum 2',
      startsAt: '2026-02-11T09:00:00.000Z',
      endsAt: '2026-02-11T10:30:00.000Z',
      status: 'scheduled',
      hostGroup: uag2,
      organizer: { id: 'p1', name: 'Lena Leitung' },
    },
    publishLevel: 'group',
    generalNotes: '',
    items: [
      { id: ITEM_1, number: 1, title: 'Begrüßung', presenter: null, notes: 'Alle da.' },
      { id: ITEM_2, number: 2, title: 'Förderung', presenter: 'Jörg', notes: '' },
    ],
    entries: [
      {
        id: 'e1',
        agendaItemId: ITEM_2,
        kind: 'decision',
        text: 'Antrag stellen',
        confidential: false,
        assignees: [],
        dueDate: null,
        group: null,
        taskId: null,
      },
      {
        id: 'e2',
        agendaItemId: ITEM_2,
        kind: 'action_item',
        text: 'Zahlen liefern',
        confidential: true,
        assignees: [{ id: 'p2', name: 'Anna' }],
        dueDate: '2026-03-01',
        group: uag2,
        taskId: 't2',
      },
    ],
    attendance: [
      {
        person: { id: 'p3', name: 'Jörg Weiß' },
        organization: 'Landkreis Harz',
        status: 'present',
        mode: 'online',
        deputyFor: { id: 'p4', name: 'Petra Kühn' },
      },
    ],
    revision: 2,
    releasedAt: '2026-02-12T13:30:00.000Z',
    releasedBy: { id: 'p1', name: 'Lena Leitung' },
    changeNote: 'Zahlen ergänzt',
    ...overrides,
  };
}

describe('toMinutesDocument', () => {
  it('maps meeting, release, attendance and the entries per TOP', () => {
    const doc = toMinutesDocument(snapshot(), {
      pageUrl: 'https://portal.example/termine/m1/protokoll',
      doneTaskIds: new Set(['t2']),
    });
    expect(doc).toMatchObject({
      initiative: 'Landesinitiative Smart City / Smart Region Sachsen-Anhalt',
      meetingTitle: 'UAG-Sitzung Februar',
      kindLabel: 'UAG-Sitzung',
      place: 'Domplatz 1, Magdeburg, Raum 2 und online',
      organizer: 'Lena Leitung',
      hostGroup: 'Daten & Plattformen',
      revision: 2,
      releasedBy: 'Lena Leitung',
      status: 'released',
      pageUrl: 'https://portal.example/termine/m1/protokoll',
      attendance: [
        {
          name: 'Jörg Weiß',
          organization: 'Landkreis Harz',
          status: 'present',
          mode: 'online',
          deputyFor: 'Petra Kühn',
        },
      ],
    });
    expect(doc.startsAt.toISOString()).toBe('2026-02-11T09:00:00.000Z');
    expect(doc.releasedAt?.toISOString()).toBe('2026-02-12T13:30:00.000Z');
    expect(doc.items.map((i) => [i.number, i.title, i.entries.length])).toEqual([
      [1, 'Begrüßung', 0],
      [2, 'Förderung', 2],
    ]);
    expect(doc.items[1].entries).toEqual([
      { kind: 'decision', text: 'Antrag stellen', confidential: false },
      {
        kind: 'action_item',
        text: 'Zahlen liefern',
        confidential: true,
        assignees: ['Anna'],
        dueDate: '2026-03-01',
        group: 'UAG 2',
        taskDone: true,
      },
    ]);
  });

  it('puts general notes and entries outside the agenda into TOP 0 "Allgemeines"', () => {
    const base = snapshot();
    const doc = toMinutesDocument(
      snapshot({
        generalNotes: 'Begrüßung durch die Koordination.',
        entries: [
          { ...base.entries[0], id: 'x', agendaItemId: null, text: 'Außerhalb' },
          // An entry whose agenda item was withdrawn stays in the minutes, outside the agenda.
          { ...base.entries[0], id: 'y', agendaItemId: 'gone', text: 'Verwaist' },
        ],
      }),
    );
    expect(doc.items[0]).toMatchObject({ number: 0, title: 'Allgemeines', notes: 'Begrüßung durch die Koordination.' });
    expect(doc.items[0].entries.map((e) => e.text)).toEqual(['Außerhalb', 'Verwaist']);
    expect(toMinutesDocument(snapshot()).items[0].number).toBe(1);
  });

  it('marks open tasks as not done and names the organiser fallback', () => {
    const base = snapshot();
    const doc = toMinutesDocument(snapshot({ meeting: { ...base.meeting, organizer: null, hostGroup: null } }));
    expect(doc.items[1].entries[1].taskDone).toBe(false);
    expect(doc.organizer).toBe('Koordination');
    expect(doc.hostGroup).toBeNull();
  });
});

describe('meetingPlace', () => {
  it('keeps the online link out and names the place', () => {
    expect(meetingPlace({ format: 'online', address: 'x', room: null })).toBe('Online');
    expect(meetingPlace({ format: 'in_person', address: null, room: null })).toBe('Vor Ort');
    expect(meetingPlace({ format: 'in_person', address: 'Markt 1', room: '' })).toBe('Markt 1');
  });
});
