import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { GuestMeeting } from '../../../core/meetings.service';
import { present } from '../../../testing/dom-testing';
import { GuestPage } from './guest-page';

const TOKEN = 'gast-token-123';
const URL = `/api/guest/${TOKEN}`;

function guestMeeting(overrides: Partial<GuestMeeting> = {}): GuestMeeting {
  return {
    title: 'Workshop Sensorik',
    kind: 'workshop',
    status: 'scheduled',
    format: 'in_person',
    place: 'Rathaus Halle',
    onlineUrl: null,
    startsAt: '2026-12-09T09:00:00.000Z',
    endsAt: '2026-12-09T12:00:00.000Z',
    descriptionHtml: '',
    agenda: ['Begrüßung', 'Praxisbeispiele'],
    answer: null,
    guestName: 'Petra Gast',
    ...overrides,
  };
}

describe('GuestPage', () => {
  let fixture: ComponentFixture<GuestPage>;
  let backend: HttpTestingController;

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function create(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [GuestPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GuestPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle();
  }

  afterEach(() => backend?.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ') ?? '';
  const answerButton = (answer: string) =>
    present(element().querySelector<HTMLButtonElement>(`button[data-answer="${answer}"]`), answer);

  it('shows the meeting and agenda titles and sends the answer', async () => {
    await create();
    backend.expectOne(URL).flush(guestMeeting());
    await settle();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Workshop Sensorik');
    expect(text()).toContain('Guten Tag Petra Gast');
    expect(text()).toContain('Mittwoch, 9. Dezember 2026, 10:00–13:00 Uhr');
    expect(Array.from(element().querySelectorAll('.agenda li')).map((li) => li.textContent?.trim())).toEqual([
      'Begrüßung',
      'Praxisbeispiele',
    ]);
    expect(element().querySelector('a[download]')?.getAttribute('href')).toBe(`${URL}/ics`);

    answerButton('yes').click();
    await settle();
    const request = backend.expectOne({ method: 'POST', url: `${URL}/answer` });
    expect(request.request.body).toEqual({ answer: 'yes' });
    request.flush(guestMeeting({ answer: 'yes' }));
    await settle();
    expect(answerButton('yes').getAttribute('aria-pressed')).toBe('true');
    expect(answerButton('no').getAttribute('aria-pressed')).toBe('false');
    expect(text()).toContain('Vielen Dank, Ihre Antwort „Zusage“ wurde gespeichert.');
  });

  it('explains an unknown link kindly', async () => {
    await create();
    backend
      .expectOne(URL)
      .flush(
        { code: 'NOT_FOUND', message: 'Nicht gefunden.', details: {}, correlationId: 'test' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(text()).toContain('Dieser Link ist ungültig oder der Termin wurde entfernt.');
    expect(element().querySelector('button')).toBeNull();
  });
});
