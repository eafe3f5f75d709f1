import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { MeetingDetail } from '../../../core/meetings.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { MeetingPage } from './meeting-page';
import { ANNA, MEETING_ID, agendaItem, apiError, meeting } from './meeting-test-data';

const URL = `/api/meetings/${MEETING_ID}`;

describe('MeetingPage', () => {
  let fixture: ComponentFixture<MeetingPage>;
  let backend: HttpTestingController;

  async function create(detail: MeetingDetail | null = meeting()): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MeetingPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe({ ...TEST_USER, role: 'member' });
    fixture = TestBed.createComponent(MeetingPage);
    fixture.componentRef.setInput('id', MEETING_ID);
    await settle();
    if (detail) {
      backend.expectOne(URL).flush(detail);
    } else {
      backend.expectOne(URL).flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
    }
    await settle();
  }

  afterEach(() => {
    // The agenda asks for the previous meeting's open points (OpenPoints has its own spec); none here.
    backend?.match((request) => request.url.endsWith('/open-points')).forEach((request) => request.flush([]));
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (name: string, root: ParentNode = element()) =>
    present(
      Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );
  const labelled = (label: string) =>
    present(element().querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`), `button ${label}`);
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');

  async function click(target: HTMLElement): Promise<void> {
    target.click();
    await settle();
  }

  async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  it('shows when, where, organiser, calendar file, answers and the numbered agenda', async () => {
    await create();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Monatsrunde Dezember');
    expect(TestBed.inject(Title).getTitle()).toBe('Monatsrunde Dezember – SmartRegion Portal');
    expect(text(present(element().querySelector('.kind'), 'kind'))).toContain('Monatsrunde');
    expect(text(present(element().querySelector('.when'), 'when'))).toContain(
      'Mittwoch, 9. Dezember 2026, 10:00–11:30 Uhr',
    );
    const join = present(element().querySelector<HTMLAnchorElement>('a.join'), 'online link');
    expect(join.getAttribute('href')).toBe('https://meet.example.org/monatsrunde');
    expect(text(join)).toContain('Online teilnehmen');
    expect(element().querySelector('a[download]')?.getAttribute('href')).toBe(`${URL}/ics`);
    expect(text()).toContain('Anna Beispiel');
    expect(element().querySelector('.markdown strong')?.textContent).toBe('den Stand');
    const counts = text(present(element().querySelector('.counts'), 'counts'));
    expect(counts).toContain('Zusagen: 5');
    expect(counts).toContain('Absagen: 2');
    expect(counts).toContain('Noch offen: 4 von 12 Eingeladenen');
    const tops = Array.from(element().querySelectorAll('.agenda-item .item-head')).map((head) =>
      Array.from(head.children)
        .map((part) => text(part).trim())
        .join(' '),
    );
    expect(tops).toEqual(['TOP 1 Begrüßung 15 Min.', 'TOP 2 Sensorik 30 Min.']);
    expect(text()).toContain('45 von 90 Minuten verplant');
    // Not a manager: no editing, cancelling or reordering.
    expect(Array.from(element().querySelectorAll('button')).some((b) => b.textContent?.includes('Absagen'))).toBe(
      false,
    );
    expect(element().querySelector('button[aria-label*="nach oben"]')).toBeNull();
    expect(element().querySelector('a[href$="/protokoll"]')).not.toBeNull();
  });

  it('shows the cancellation with its reason and no online link', async () => {
    await create(
      meeting({
        status: 'cancelled',
        cancelReason: 'Krankheit',
        permissions: { answer: true, manage: false, propose: false },
      }),
    );
    expect(text(present(element().querySelector('.cancelled-banner'), 'banner'))).toContain('Grund: Krankheit');
    expect(element().querySelector('a.join')).toBeNull();
    expect(element().querySelector('srp-answer-panel')).toBeNull();
  });

  it('says when the meeting is not there', async () => {
    await create(null);
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Termin nicht gefunden oder kein Zugriff');
  });

  describe('answer panel', () => {
    it('sends a Zusage at once and marks it as pressed', async () => {
      await create();
      const yes = button('Zusage');
      expect(yes.getAttribute('aria-pressed')).toBe('false');
      await click(yes);
      const request = backend.expectOne({ method: 'POST', url: `${URL}/answer` });
      expect(request.request.body).toEqual({ answer: 'yes', comment: null, deputyId: null });
      request.flush(
        meeting({
          myAnswer: 'yes',
          myResponse: {
            answer: 'yes',
            mode: null,
            comment: null,
            deputy: null,
            waitlisted: false,
            waitlistPosition: null,
          },
        }),
      );
      await settle();
      expect(button('Zusage').getAttribute('aria-pressed')).toBe('true');
      expect(button('Absage').getAttribute('aria-pressed')).toBe('false');
      expect(text()).toContain('Sie haben zugesagt.');
    });

    it('sends the chosen mode and comment for hybrid meetings, but no mode with an Absage', async () => {
      await create(meeting({ format: 'hybrid', place: 'Rathaus', room: 'Raum 2.14', address: 'Marktplatz 1' }));
      expect(text()).toContain('Rathaus, Raum 2.14 – Marktplatz 1');
      const online = present(
        Array.from(element().querySelectorAll<HTMLInputElement>('mat-radio-button input')).find(
          (input) => input.value === 'online',
        ),
        'online radio',
      );
      await click(online);
      await typeInto(present(element().querySelector<HTMLInputElement>('.details input'), 'comment'), 'Etwas später');
      await click(button('Vielleicht'));
      const maybe = backend.expectOne({ method: 'POST', url: `${URL}/answer` });
      expect(maybe.request.body).toEqual({ answer: 'maybe', comment: 'Etwas später', deputyId: null, mode: 'online' });
      maybe.flush(meeting({ format: 'hybrid' }));
      await settle();
      await click(button('Absage'));
      const no = backend.expectOne({ method: 'POST', url: `${URL}/answer` });
      expect(no.request.body).toEqual({ answer: 'no', comment: null, deputyId: null });
      no.flush(meeting({ format: 'hybrid' }));
      await settle();
    });

    it('tells a waitlisted person their place', async () => {
      await create(
        meeting({
          capacity: 20,
          yesCount: 20,
          answers: { invited: 30, yes: 20, no: 0, maybe: 0, open: 7, waitlisted: 3 },
          myAnswer: 'yes',
          myResponse: { answer: 'yes', mode: null, comment: null, deputy: null, waitlisted: true, waitlistPosition: 2 },
        }),
      );
      expect(text()).toContain('Sie stehen auf Platz 2 der Warteliste.');
      expect(text()).toContain('Zusagen: 20 von 20 Plätzen');
      expect(text()).toContain('Auf der Warteliste: 3');
    });

    it('lists who answered in an expandable section', async () => {
      await create(
        meeting({
          responses: [
            {
              person: ANNA,
              answer: 'no',
              mode: null,
              waitlisted: false,
              deputy: { id: 'x', name: 'Paul Vertreter', organization: null },
            },
          ],
        }),
      );
      const toggle = button('Wer hat geantwortet? (1)');
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      await click(toggle);
      const list = text(present(element().querySelector('#responses-list'), 'responses'));
      expect(list).toContain('Anna Beispiel');
      expect(list).toContain('Absage');
      expect(list).toContain('Vertretung: Paul Vertreter');
    });
  });

  describe('agenda for organisers', () => {
    const managed = (overrides: Partial<MeetingDetail> = {}) =>
      meeting({ permissions: { answer: false, manage: true, propose: true }, ...overrides });

    it('moves a TOP up by keyboard and sends the new order with the agenda version', async () => {
      await create(managed());
      const [first, second] = meeting().agenda;
      expect(labelled('TOP 1 „Begrüßung“ nach oben verschieben').disabled).toBe(true);
      await click(labelled('TOP 2 „Sensorik“ nach oben verschieben'));
      const request = backend.expectOne({ method: 'POST', url: `${URL}/agenda/order` });
      expect(request.request.body).toEqual({ itemIds: [second.id, first.id], agendaVersion: 3 });
      request.flush(
        managed({
          agendaVersion: 4,
          agenda: [
            { ...second, number: 1 },
            { ...first, number: 2 },
          ],
        }),
      );
      await settle();
      expect(text()).toContain('„Sensorik“ ist jetzt TOP 1.');
      const tops = Array.from(element().querySelectorAll('.agenda-item .item-title')).map((h) => text(h).trim());
      expect(tops).toEqual(['Sensorik', 'Begrüßung']);
    });

    it('offers to reload after a conflict', async () => {
      await create(managed());
      await click(labelled('TOP 1 „Begrüßung“ nach unten verschieben'));
      backend
        .expectOne({ method: 'POST', url: `${URL}/agenda/order` })
        .flush(...apiError(409, 'CONFLICT', 'Die Tagesordnung wurde inzwischen geändert.'));
      await settle();
      expect(text()).toContain('Die Tagesordnung wurde inzwischen geändert. Ihre Änderung wurde nicht gespeichert.');
      await click(button('Neu laden'));
      backend.expectOne({ method: 'GET', url: URL }).flush(managed({ agendaVersion: 5 }));
      await settle();
      expect(text()).not.toContain('Ihre Änderung wurde nicht gespeichert.');
    });

    it('rejects a proposal with a note', async () => {
      const proposal = agendaItem(9, {
        number: null,
        title: 'Open Data Portal',
        status: 'proposed',
        proposedBy: ANNA,
        version: 2,
      });
      await create(managed({ agenda: [agendaItem(1), proposal] }));
      expect(text()).toContain('Vorschläge');
      expect(text()).toContain('Vorgeschlagen von Anna Beispiel');
      await typeInto(
        present(element().querySelector<HTMLInputElement>('.decide input'), 'note'),
        'Passt besser in die UAG 2',
      );
      await click(button('Ablehnen'));
      const request = backend.expectOne({ method: 'POST', url: `/api/agenda-items/${proposal.id}/decision` });
      expect(request.request.body).toEqual({ decision: 'reject', version: 2, note: 'Passt besser in die UAG 2' });
      request.flush(managed({ agenda: [agendaItem(1), { ...proposal, status: 'rejected' }] }));
      await settle();
      expect(text()).toContain('„Open Data Portal“ wurde abgelehnt.');
    });

    it('adds a TOP and warns when the plan is longer than the meeting', async () => {
      await create(managed());
      await click(button('Punkt hinzufügen'));
      const form = present(element().querySelector<HTMLFormElement>('.item-form'), 'form');
      await typeInto(present(form.querySelector<HTMLInputElement>('input[name="title"]'), 'title'), 'Haushalt');
      await typeInto(present(form.querySelector<HTMLInputElement>('input[name="minutes"]'), 'minutes'), '60');
      await click(button('Speichern', form));
      const request = backend.expectOne({ method: 'POST', url: `${URL}/agenda-items` });
      expect(request.request.body).toEqual({ title: 'Haushalt', presenter: null, plannedMinutes: 60, notes: '' });
      request.flush(
        managed({ plannedMinutes: 105, agenda: [agendaItem(1), agendaItem(2), agendaItem(3, { plannedMinutes: 60 })] }),
      );
      await settle();
      expect(element().querySelector('.item-form')).toBeNull();
      expect(text()).toContain('105 von 90 Minuten verplant');
      expect(text()).toContain('15 Minuten mehr als die Dauer des Termins');
    });

    describe('moving to the next meeting of the series', () => {
      const NEXT_ID = '40000000-0000-4000-8000-000000000002';
      const inSeries = (overrides: Partial<MeetingDetail> = {}) =>
        managed({
          seriesId: 'series-1',
          series: {
            id: 'series-1',
            description: 'Monatlich',
            previousMeetingId: null,
            nextMeetingId: NEXT_ID,
            reminders: { meetingReminders: null, agendaCallDaysBefore: null, version: 1 },
          },
          ...overrides,
        });
      const moveButtons = () =>
        Array.from(element().querySelectorAll('button')).filter((b) =>
          b.textContent?.includes('Auf den nächsten Termin verschieben'),
        );

      it('is offered only when there is a next meeting', async () => {
        await create(managed());
        expect(moveButtons()).toEqual([]);
      });

      it('moves a TOP after a confirmation that names the date of the next meeting', async () => {
        await create(inSeries());
        const [begruessung, sensorik] = meeting().agenda;
        expect(moveButtons()).toHaveLength(2);
        await click(labelled('„Sensorik“ auf den nächsten Termin verschieben'));
        backend
          .expectOne({ method: 'GET', url: `/api/meetings/${NEXT_ID}` })
          .flush(meeting({ id: NEXT_ID, startsAt: '2027-01-13T09:00:00.000Z', endsAt: '2027-01-13T10:30:00.000Z' }));
        await settle();
        expect(text(dialog())).toContain(
          '„Sensorik“ wird auf den nächsten Termin am Mittwoch, 13. Januar 2027 verschoben. ' +
            'Dort steht der Punkt am Ende der Tagesordnung.',
        );
        await click(button('Verschieben', dialog()));
        const request = backend.expectOne({ method: 'POST', url: `/api/agenda-items/${sensorik.id}/move` });
        expect(request.request.body).toEqual({ targetMeetingId: NEXT_ID, version: 1 });
        request.flush(inSeries({ agendaVersion: 4, plannedMinutes: 15, agenda: [begruessung] }));
        await settle();
        expect(text()).toContain('„Sensorik“ wurde auf den nächsten Termin verschoben.');
        const tops = Array.from(element().querySelectorAll('.agenda-item .item-title')).map((h) => text(h).trim());
        expect(tops).toEqual(['Begrüßung']);
      });

      it('moves a proposal; without the date it names the series; a refused target shows the reason', async () => {
        const proposal = agendaItem(9, {
          number: null,
          title: 'Open Data Portal',
          status: 'proposed',
          proposedBy: ANNA,
          version: 2,
        });
        await create(inSeries({ agenda: [agendaItem(1), proposal] }));
        await click(labelled('Vorschlag „Open Data Portal“ auf den nächsten Termin verschieben'));
        backend
          .expectOne({ method: 'GET', url: `/api/meetings/${NEXT_ID}` })
          .flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
        await settle();
        expect(text(dialog())).toContain(
          '„Open Data Portal“ wird auf den nächsten Termin der Serie verschoben. ' +
            'Dort wartet der Vorschlag weiter auf eine Entscheidung.',
        );
        await click(button('Verschieben', dialog()));
        const request = backend.expectOne({ method: 'POST', url: `/api/agenda-items/${proposal.id}/move` });
        expect(request.request.body).toEqual({ targetMeetingId: NEXT_ID, version: 2 });
        request.flush(
          {
            code: 'VALIDATION_FAILED',
            message: 'Die Eingaben sind unvollständig oder ungültig.',
            details: [
              {
                field: 'targetMeetingId',
                code: 'invalid',
                message: 'Diesen Termin gibt es nicht oder Sie planen ihn nicht.',
              },
            ],
            correlationId: 'test',
          },
          { status: 400, statusText: 'Bad Request' },
        );
        await settle();
        expect(text()).toContain('Diesen Termin gibt es nicht oder Sie planen ihn nicht.');
        expect(text()).toContain('Open Data Portal');
      });

      it('does not move when the confirmation is cancelled', async () => {
        await create(inSeries());
        await click(labelled('„Begrüßung“ auf den nächsten Termin verschieben'));
        backend.expectOne({ method: 'GET', url: `/api/meetings/${NEXT_ID}` }).flush(meeting({ id: NEXT_ID }));
        await settle();
        await click(button('Abbrechen', dialog()));
        backend.expectNone((r) => r.url.endsWith('/move'));
        expect(document.querySelector('mat-dialog-container')).toBeNull();
      });
    });

    it('cancels one meeting of a series with reason and scope', async () => {
      await create(
        managed({
          seriesId: 'series-1',
          series: {
            id: 'series-1',
            description: 'Jeden 2. Mittwoch im Monat',
            previousMeetingId: 'prev',
            nextMeetingId: null,
            reminders: { meetingReminders: null, agendaCallDaysBefore: null, version: 1 },
          },
        }),
      );
      expect(text()).toContain('Jeden 2. Mittwoch im Monat');
      expect(element().querySelector('a[href="/termine/prev"]')?.textContent).toContain('Vorheriger Termin');
      await click(button('Absagen'));
      await typeInto(present(dialog().querySelector<HTMLTextAreaElement>('textarea'), 'reason'), 'Feiertag');
      const following = present(
        Array.from(dialog().querySelectorAll<HTMLInputElement>('mat-radio-button input')).find(
          (i) => i.value === 'following',
        ),
        'following',
      );
      await click(following);
      await click(button('Termin absagen', dialog()));
      const request = backend.expectOne({ method: 'POST', url: `${URL}/cancel` });
      expect(request.request.body).toEqual({ reason: 'Feiertag', version: 1, scope: 'following' });
      request.flush(managed({ status: 'cancelled', cancelReason: 'Feiertag', seriesId: 'series-1' }));
      await settle();
      expect(text()).toContain('Dieser und alle folgenden Termine der Serie wurden abgesagt.');
    });
  });

  describe('agenda for invitees', () => {
    it('proposes a topic and withdraws an own proposal', async () => {
      await create();
      await click(button('Thema vorschlagen'));
      const form = present(element().querySelector<HTMLFormElement>('.item-form'), 'form');
      await typeInto(present(form.querySelector<HTMLInputElement>('input[name="title"]'), 'title'), 'LoRaWAN');
      await click(button('Vorschlag einreichen', form));
      const request = backend.expectOne({ method: 'POST', url: `${URL}/agenda-items` });
      expect(request.request.body).toEqual({ title: 'LoRaWAN', presenter: null, plannedMinutes: null, notes: '' });
      const own = agendaItem(7, { number: null, title: 'LoRaWAN', status: 'proposed', editable: true, version: 1 });
      const rejected = agendaItem(8, {
        number: null,
        title: 'Alt',
        status: 'rejected',
        editable: false,
        decisionNote: 'Schon besprochen',
        proposedBy: { id: TEST_USER.id, name: TEST_USER.name, organization: null },
      });
      request.flush(meeting({ agenda: [...meeting().agenda, own, rejected] }));
      await settle();
      expect(text()).toContain('Ihre Vorschläge');
      expect(text()).toContain('Wartet auf Entscheidung');
      expect(text()).toContain('Begründung: Schon besprochen');
      await click(button('Zurückziehen'));
      await click(button('Zurückziehen', dialog()));
      const remove = backend.expectOne((r) => r.method === 'DELETE' && r.url === `/api/agenda-items/${own.id}`);
      expect(remove.request.params.get('version')).toBe('1');
      remove.flush(meeting());
      await settle();
    });
  });
});
