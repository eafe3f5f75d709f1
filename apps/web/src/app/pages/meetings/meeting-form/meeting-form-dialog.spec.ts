import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { IDEMPOTENCY_KEY } from '../../../core/idempotency.interceptor';
import { MeetingDetail, MeetingSaved } from '../../../core/meetings.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { openMeetingForm } from './meeting-form-dialog';
import { detail } from './test-data';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class MeetingStub {}

describe('MeetingFormDialog', () => {
  let backend: HttpTestingController;
  let result: MeetingSaved | undefined | 'open';

  async function settle(): Promise<void> {
    const app = TestBed.inject(ApplicationRef);
    app.tick();
    await app.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    app.tick();
  }

  async function open(meeting?: MeetingDetail): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'termine/:id', component: MeetingStub }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(TEST_USER);
    result = 'open';
    openMeetingForm(TestBed.inject(MatDialog), { meeting }).subscribe((saved) => (result = saved));
    await settle();
    backend.expectOne('/api/groups').flush([]);
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const text = (root: Element = dialog()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const field = <T extends HTMLElement>(selector: string) => present(dialog().querySelector<T>(selector), selector);
  const button = (name: string) =>
    present(
      Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );

  async function type(selector: string, value: string): Promise<void> {
    const input = field<HTMLInputElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  async function choose(selector: string, value: string): Promise<void> {
    const select = field<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle();
  }

  it('plans a monthly series with a live summary and opens the new meeting', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Monatsrunde Digitales');
    await type('input[formcontrolname="date"]', '2026-12-09');
    await type('input[formcontrolname="startTime"]', '10:00');
    await type('input[formcontrolname="endTime"]', '11:30');
    await type('input[formcontrolname="onlineUrl"]', 'https://meet.example/abc');
    expect(text(field('.summary'))).toBe('event_repeatJeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, 12 Termine');
    await choose('select[formcontrolname="rhythm"]', 'weekly');
    expect(text(field('.summary'))).toContain('Jeden Mittwoch, 10:00–11:30 Uhr, 12 Termine');
    await choose('select[formcontrolname="rhythm"]', 'monthly_weekday');

    button('Termin anlegen').click();
    await settle();
    const request = backend.expectOne('/api/meetings');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toMatchObject({
      kind: 'monatsrunde',
      title: 'Monatsrunde Digitales',
      date: '2026-12-09',
      startTime: '10:00',
      endTime: '11:30',
      format: 'online',
      onlineUrl: 'https://meet.example/abc',
      inviteAll: true,
      recurrence: { frequency: 'monthly', monthlyBy: 'weekday', weekday: 'we', setPosition: 2, count: 12 },
    });
    const saved: MeetingSaved = {
      meeting: detail({ id: 'neu' }),
      guestLinks: [{ email: 'gast@example.org', url: 'https://portal.example/gast/abc' }],
    };
    request.flush(saved);
    await settle();
    expect(result).toEqual(saved);
    expect(TestBed.inject(Router).url).toBe('/termine/neu');
    expect(text()).toContain('Bitte leiten Sie den Link an den Gast weiter.');
    expect(text()).toContain('https://portal.example/gast/abc');
  });

  it('plans with one idempotency key per dialog: a retry sends the same; a 409 shows the api’s message', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Workshop Sensorik');
    await type('input[formcontrolname="date"]', '2026-12-09');
    await type('input[formcontrolname="startTime"]', '10:00');
    await type('input[formcontrolname="endTime"]', '11:30');
    await type('input[formcontrolname="onlineUrl"]', 'https://meet.example/abc');
    button('Termin anlegen').click();
    await settle();
    const first = backend.expectOne('/api/meetings');
    const key = first.request.context.get(IDEMPOTENCY_KEY);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    first.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await settle();

    button('Termin anlegen').click();
    await settle();
    const retry = backend.expectOne('/api/meetings');
    expect(retry.request.context.get(IDEMPOTENCY_KEY)).toBe(key);
    retry.flush(
      { code: 'CONFLICT', message: 'Dieser Idempotency-Key wurde bereits verwendet.', details: {}, correlationId: 'x' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(field('[role="alert"]'))).toContain('Dieser Idempotency-Key wurde bereits verwendet.');
    expect(text()).not.toContain('inzwischen von jemand anderem geändert');
    expect(result).toBe('open');
  });

  it('asks for a title and an address before sending anything', async () => {
    await open();
    await choose('select[formcontrolname="format"]', 'in_person');
    button('Termin anlegen').click();
    await settle();
    backend.expectNone('/api/meetings');
    expect(text()).toContain('Bitte geben Sie einen Titel an');
    expect(text()).toContain('Bitte geben Sie die Adresse an.');
    expect(result).toBe('open');
  });

  it('sends only the changes with the version and the scope for a series meeting', async () => {
    await open(detail({ seriesId: 's1' }));
    expect(text()).toContain('Nur diesen Termin');
    await type('input[formcontrolname="title"]', 'Monatsrunde Dezember');
    await type('input[formcontrolname="endTime"]', '12:00');
    button('Änderungen speichern').click();
    await settle();
    const request = backend.expectOne('/api/meetings/m1');
    expect(request.request.context.get(IDEMPOTENCY_KEY)).toBeNull();
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      version: 4,
      title: 'Monatsrunde Dezember',
      endTime: '12:00',
      scope: 'this',
    });
    request.flush({ meeting: detail({ title: 'Monatsrunde Dezember', version: 5 }), guestLinks: [] });
    await settle();
    expect(result).toMatchObject({ meeting: { version: 5 } });
  });

  it('shows a conflict and applies the change again to the current state', async () => {
    await open(detail());
    await type('input[formcontrolname="title"]', 'Mein Titel');
    button('Änderungen speichern').click();
    await settle();
    backend
      .expectOne('/api/meetings/m1')
      .flush(
        { code: 'CONFLICT', message: 'Veraltet.', details: { currentVersion: 6 }, correlationId: 'x' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(text(field('[role="alert"]'))).toContain('inzwischen von jemand anderem geändert');
    button('Aktuellen Stand laden').click();
    await settle();
    backend.expectOne('/api/meetings/m1').flush(detail({ version: 6, room: null, description: 'Neu von anderen' }));
    await settle();
    button('Änderungen speichern').click();
    await settle();
    const retry = backend.expectOne('/api/meetings/m1');
    expect(retry.request.body).toEqual({ version: 6, title: 'Mein Titel', description: 'Bericht' });
    retry.flush({ meeting: detail({ version: 7 }), guestLinks: [] });
    await settle();
  });

  it('shows the api’s field errors at the fields and the rest as a summary', async () => {
    await open(detail());
    await type('input[formcontrolname="endTime"]', '09:00');
    button('Änderungen speichern').click();
    await settle();
    backend.expectOne('/api/meetings/m1').flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Ungültig.',
        details: [
          { field: 'endTime', code: 'invalid', message: 'Das Ende muss nach dem Beginn liegen.' },
          { field: 'recurrence', code: 'invalid', message: 'Serien bestehen aus eintägigen Terminen.' },
        ],
        correlationId: 'x',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text()).toContain('Das Ende muss nach dem Beginn liegen.');
    expect(text(field('.other-errors'))).toBe('Serien bestehen aus eintägigen Terminen.');
  });
});
