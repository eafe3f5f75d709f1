import {
  MeetingFormValue,
  changesOf,
  hasChanges,
  positionOf,
  recurrenceSummary,
  rhythmDefaults,
  toCreateDto,
  valueOf,
} from './meeting-form-model';
import { GROUP, detail } from './test-data';

function form(overrides: Partial<MeetingFormValue> = {}): MeetingFormValue {
  return {
    kind: 'monatsrunde',
    title: ' Monatsrunde ',
    description: 'Bericht',
    date: '2026-12-09',
    startTime: '10:00',
    endTime: '11:30',
    multiDay: false,
    endDate: '',
    format: 'online',
    onlineUrl: 'https://meet.example/abc',
    address: 'wird ignoriert',
    room: '',
    capacity: null,
    hostGroupId: '',
    inviteAll: true,
    invitedGroupIds: [GROUP],
    invitedPersonIds: [],
    guests: [],
    callForItems: true,
    repeat: false,
    rhythm: 'monthly_weekday',
    interval: 1,
    ...rhythmDefaults('2026-12-09'),
    seriesEnd: 'count',
    until: '',
    count: 12,
    agenda: [],
    ...overrides,
  };
}

describe('meeting form model', () => {
  it('derives weekday and position from the date', () => {
    expect(rhythmDefaults('2026-12-09')).toEqual({ weekday: 'we', setPosition: 2, monthDay: 9 });
    expect(positionOf('2026-12-29')).toBe(-1);
    expect(positionOf('2026-12-28')).toBe(4);
  });

  it('sums a series up in German', () => {
    expect(recurrenceSummary(form({ repeat: true }))).toBe('Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, 12 Termine');
    expect(
      recurrenceSummary(form({ repeat: true, rhythm: 'weekly', interval: 2, seriesEnd: 'until', until: '2027-03-31' })),
    ).toBe('Alle 2 Wochen mittwochs, 10:00–11:30 Uhr, bis 31.03.2027');
    expect(recurrenceSummary(form({ repeat: true, rhythm: 'monthly_date', monthDay: 31, count: 1 }))).toBe(
      'Monatlich am 31. (entfällt in Monaten ohne 31. Tag), 10:00–11:30 Uhr, 1 Termin',
    );
    expect(recurrenceSummary(form({ repeat: true, setPosition: -1, weekday: 'fr' }))).toBe(
      'Jeden letzten Freitag im Monat, 10:00–11:30 Uhr, 12 Termine',
    );
  });

  it('turns a single online meeting into the create request', () => {
    expect(
      toCreateDto(form({ inviteAll: false, capacity: 30, guests: [{ name: ' Gast ', email: ' g@x.de ' }] })),
    ).toEqual({
      kind: 'monatsrunde',
      title: 'Monatsrunde',
      description: 'Bericht',
      date: '2026-12-09',
      startTime: '10:00',
      endTime: '11:30',
      endDate: null,
      format: 'online',
      onlineUrl: 'https://meet.example/abc',
      address: null,
      room: null,
      capacity: 30,
      hostGroupId: null,
      inviteAll: false,
      invitedGroupIds: [GROUP],
      invitedPersonIds: [],
      guests: [{ name: 'Gast', email: 'g@x.de' }],
      callForItems: true,
    });
  });

  it('turns a series with an agenda template into the create request', () => {
    const dto = toCreateDto(
      form({
        repeat: true,
        format: 'hybrid',
        address: 'Marktplatz 1, Halle',
        room: 'Saal',
        hostGroupId: GROUP,
        multiDay: true,
        endDate: '2026-12-10',
        agenda: [
          { title: 'Berichte', minutes: 20 },
          { title: '  ', minutes: null },
          { title: 'Verschiedenes', minutes: null },
        ],
      }),
    );
    expect(dto).toMatchObject({
      format: 'hybrid',
      onlineUrl: 'https://meet.example/abc',
      address: 'Marktplatz 1, Halle',
      room: 'Saal',
      hostGroupId: GROUP,
      inviteAll: true,
      invitedGroupIds: [],
      // A series consists of one-day meetings.
      endDate: null,
      recurrence: {
        frequency: 'monthly',
        monthlyBy: 'weekday',
        interval: 1,
        weekday: 'we',
        setPosition: 2,
        count: 12,
        until: null,
      },
      agenda: [
        { title: 'Berichte', plannedMinutes: 20 },
        { title: 'Verschiedenes', plannedMinutes: null },
      ],
    });
    expect(
      toCreateDto(form({ repeat: true, rhythm: 'weekly', seriesEnd: 'until', until: '2027-01-31' })).recurrence,
    ).toEqual({
      frequency: 'weekly',
      interval: 1,
      weekday: 'we',
      until: '2027-01-31',
      count: null,
    });
    expect(toCreateDto(form({ repeat: true, rhythm: 'monthly_date' })).recurrence).toEqual({
      frequency: 'monthly',
      monthlyBy: 'date',
      interval: 1,
      monthDay: 9,
      count: 12,
      until: null,
    });
  });

  it('reads a meeting in Berlin time', () => {
    const v = valueOf(detail({ startsAt: '2026-06-10T08:00:00Z', endsAt: '2026-06-11T15:00:00Z' }));
    expect(v).toMatchObject({
      date: '2026-06-10',
      startTime: '10:00',
      endTime: '17:00',
      multiDay: true,
      endDate: '2026-06-11',
    });
  });

  it('sends only what changed, with the version', () => {
    const before = valueOf(detail());
    expect(changesOf(before, { ...before }, 4, null)).toEqual({ version: 4 });
    expect(hasChanges(changesOf(before, { ...before }, 4, null))).toBe(false);
    const change = changesOf(
      before,
      {
        ...before,
        title: 'Neue Runde ',
        startTime: '10:30',
        invitedGroupIds: [],
        guests: [...before.guests, { name: 'Zwei', email: 'zwei@example.org' }],
      },
      4,
      null,
    );
    expect(change).toEqual({
      version: 4,
      title: 'Neue Runde',
      startTime: '10:30',
      invitedGroupIds: [],
      guests: [
        { name: 'Gast Eins', email: 'gast@example.org' },
        { name: 'Zwei', email: 'zwei@example.org' },
      ],
    });
    expect(hasChanges(change)).toBe(true);
  });

  it('moves the date only for this one series meeting', () => {
    const before = valueOf(detail({ seriesId: 's1' }));
    const after = { ...before, date: '2026-12-10', endTime: '12:00' };
    expect(changesOf(before, after, 4, 'this')).toEqual({
      version: 4,
      date: '2026-12-10',
      endTime: '12:00',
      scope: 'this',
    });
    expect(changesOf(before, after, 4, 'following')).toEqual({ version: 4, endTime: '12:00', scope: 'following' });
  });
});
