import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { AttendanceSheet, MeetingDetail } from '../../../core/meetings.service';
import { present } from '../../../testing/dom-testing';
import { AttendancePage } from './attendance-page';
import { ANNA, JONAS, MEETING_ID, apiError, meeting, sheet } from './meeting-test-data';

const URL = `/api/meetings/${MEETING_ID}`;

describe('AttendancePage', () => {
  let fixture: ComponentFixture<AttendancePage>;
  let backend: HttpTestingController;

  async function create(detail: MeetingDetail, attendance: AttendanceSheet = sheet()): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AttendancePage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AttendancePage);
    fixture.componentRef.setInput('id', MEETING_ID);
    await settle();
    backend.expectOne({ method: 'GET', url: URL }).flush(detail);
    backend.expectOne({ method: 'GET', url: `${URL}/attendance` }).flush(attendance);
    await settle();
  }

  afterEach(() => backend?.verify());

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (name: string) =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );
  const radio = (group: string, value: string) =>
    present(
      element().querySelector<HTMLInputElement>(`mat-radio-group[aria-label="${group}"] input[value="${value}"]`),
      `${group} ${value}`,
    );

  async function click(target: HTMLElement): Promise<void> {
    target.click();
    await settle();
  }

  it('marks suggested rows, counts per organisation and saves the rows with the version', async () => {
    await create(meeting({ format: 'hybrid' }));
    expect(element().querySelector('h1')?.textContent).toContain('Anwesenheit: Monatsrunde Dezember');
    expect(element().querySelectorAll('.suggestion')).toHaveLength(2);
    expect(text()).toContain('Vorschlag aus den Antworten');
    expect(text(present(element().querySelector('.org-counts'), 'counts'))).toContain('Halle (Saale) 1');

    await click(radio('Anwesenheit von Jonas Becker', 'present'));
    await click(radio('Teilnahme von Jonas Becker', 'online'));
    expect(text(present(element().querySelector('.org-counts'), 'counts'))).toContain('Dessau-Roßlau 1');

    await click(button('Anwesenheit speichern'));
    const request = backend.expectOne({ method: 'PUT', url: `${URL}/attendance` });
    expect(request.request.body).toEqual({
      version: 2,
      rows: [
        { accountId: ANNA.id, status: 'present', mode: 'on_site', deputyFor: null },
        { accountId: JONAS.id, status: 'present', mode: 'online', deputyFor: null },
      ],
    });
    request.flush(
      sheet({
        recorded: true,
        version: 3,
        rows: sheet().rows.map((row) => ({ ...row, status: 'present', recorded: true })),
      }),
    );
    await settle();
    expect(element().querySelectorAll('.suggestion')).toHaveLength(0);
    expect(text()).toContain('Die Anwesenheit wurde gespeichert.');
  });

  it('offers to reload when someone else saved first', async () => {
    await create(meeting());
    await click(button('Anwesenheit speichern'));
    const request = backend.expectOne({ method: 'PUT', url: `${URL}/attendance` });
    expect(request.request.body.rows[0]).toEqual({
      accountId: ANNA.id,
      status: 'present',
      mode: null,
      deputyFor: null,
    });
    request.flush(...apiError(409, 'CONFLICT', 'Der Termin wurde inzwischen geändert.'));
    await settle();
    expect(text()).toContain('Ihre Eingaben wurden nicht gespeichert.');
    await click(button('Neu laden'));
    backend.expectOne({ method: 'GET', url: URL }).flush(meeting({ version: 2 }));
    backend.expectOne({ method: 'GET', url: `${URL}/attendance` }).flush(sheet({ version: 4, recorded: true }));
    await settle();
    expect(text()).not.toContain('Ihre Eingaben wurden nicht gespeichert.');
  });
});
