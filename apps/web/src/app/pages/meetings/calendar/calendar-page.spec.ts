import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { GroupSummary } from '../../../core/groups.service';
import { MeetingSummary, berlinDay } from '../../../core/meetings.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { CalendarPage, mayPlan } from './calendar-page';

const GROUP_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function group(overrides: Partial<GroupSummary> = {}): GroupSummary {
  return {
    id: GROUP_ID,
    kind: 'uag',
    memberCount: 5,
    myRole: null,
    myStatus: null,
    name: 'Digitaler Zwilling',
    number: 3,
    organizationCount: 2,
    phase: null,
    shortName: 'UAG 3',
    status: 'active',
    version: 1,
    ...overrides,
  };
}

function meeting(id: string, startsAt: string, overrides: Partial<MeetingSummary> = {}): MeetingSummary {
  return {
    id,
    title: `Termin ${id}`,
    kind: 'monatsrunde',
    format: 'online',
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000).toISOString(),
    status: 'scheduled',
    hostGroup: null,
    myAnswer: null,
    place: null,
    seriesId: null,
    yesCount: 0,
    ...overrides,
  };
}

describe('mayPlan', () => {
  it('lets coordination and leads of active groups plan', () => {
    expect(mayPlan('coordinator', [])).toBe(true);
    expect(mayPlan('admin', [])).toBe(true);
    expect(mayPlan('member', [group({ myRole: 'member', myStatus: 'active' })])).toBe(false);
    expect(mayPlan('member', [group({ myRole: 'lead', myStatus: 'active' })])).toBe(true);
    expect(mayPlan('member', [group({ myRole: 'lead', myStatus: 'active', status: 'archived' })])).toBe(false);
  });
});

describe('CalendarPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  async function settle(): Promise<void> {
    const app = TestBed.inject(ApplicationRef);
    app.tick();
    await app.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    app.tick();
  }

  async function open(url: string, role: 'coordinator' | 'member' = 'member', groups: GroupSummary[] = []) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'termine', component: CalendarPage }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe({ ...TEST_USER, role });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    backend.expectOne('/api/groups').flush(groups);
    await settle();
  }

  function expectList(from: string, to: string) {
    const request = backend.expectOne((r) => r.url === '/api/meetings');
    expect(request.request.params.get('from')).toBe(from);
    expect(request.request.params.get('to')).toBe(to);
    return request;
  }

  afterEach(() => backend?.verify());

  const root = () => harness.routeNativeElement as HTMLElement;
  const text = (el: Element = root()) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (name: string) =>
    present(
      Array.from(root().querySelectorAll('button')).find((b) => text(b) === name),
      `button ${name}`,
    );

  it('shows the month as a table with weekday headers, other months dimmed and meetings as links', async () => {
    await open('/termine?datum=2026-11-17');
    const request = expectList('2026-10-26', '2026-12-06');
    request.flush({
      items: [
        meeting('a', '2026-11-11T09:00:00Z', { title: 'Monatsrunde November' }),
        meeting('b', '2026-11-12T09:00:00Z', { title: 'Abgesagte Runde', status: 'cancelled', kind: 'workshop' }),
        ...['c', 'd', 'e', 'f'].map((id, i) => meeting(id, `2026-11-20T${String(i + 7).padStart(2, '0')}:00:00Z`)),
      ],
    });
    await settle();

    expect(text(present(root().querySelector('h2'), 'h2'))).toBe('November 2026');
    const headers = Array.from(root().querySelectorAll('table.month th[scope="col"]')).map((th) => text(th));
    expect(headers).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
    const cells = root().querySelectorAll('table.month td');
    expect(cells).toHaveLength(42);
    expect(cells[0].classList).toContain('other-month');
    expect(text(cells[6])).toContain('Sonntag, 1. November 2026');
    expect(cells[6].classList).not.toContain('other-month');

    const link = present(
      Array.from(root().querySelectorAll<HTMLAnchorElement>('table.month a.chip')).find((a) =>
        text(a).includes('Monatsrunde November'),
      ),
      'chip',
    );
    expect(link.getAttribute('href')).toBe('/termine/a');
    expect(text(link)).toBe('10:00 Monatsrunde November, Monatsrunde');
    const cancelled = present(root().querySelector('table.month a.chip.cancelled'), 'cancelled chip');
    expect(text(cancelled)).toContain('abgesagt');
    expect(text(cancelled)).toContain('Workshop');

    const more = present(root().querySelector<HTMLAnchorElement>('table.month a.more'), 'more');
    expect(text(more)).toBe('+ 1 weitere am 20.11.2026');
    expect(more.getAttribute('href')).toBe('/termine?ansicht=woche&datum=2026-11-20');
    expect(root().querySelector('button')?.textContent).not.toContain('Termin planen');
  });

  it('marks today and navigates with Zurück, Weiter and Heute', async () => {
    const today = berlinDay(new Date());
    await open('/termine');
    expectList(...rangeOfMonth(today)).flush({ items: [] });
    await settle();
    expect(root().querySelectorAll('td[aria-current="date"]')).toHaveLength(1);
    expect(text(root())).toContain('Im gewählten Zeitraum sind keine Termine eingetragen.');

    present(root().querySelector<HTMLButtonElement>('button[aria-label="Nächster Zeitraum"]'), 'next').click();
    await settle();
    const url = TestBed.inject(Router).url;
    expect(url).toMatch(/^\/termine\?datum=\d{4}-\d{2}-01$/);
    backend.expectOne((r) => r.url === '/api/meetings').flush({ items: [] });
    await settle();

    button('Heute').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/termine');
    backend.expectOne((r) => r.url === '/api/meetings').flush({ items: [] });
  });

  it('puts the view and the filters into the address and the api query', async () => {
    await open('/termine?ansicht=woche&datum=2026-11-26', 'member', [group()]);
    expectList('2026-11-23', '2026-11-29').flush({
      items: [
        meeting('a', '2026-11-25T09:00:00Z', {
          hostGroup: { id: GROUP_ID, name: 'Digitaler Zwilling', shortName: 'UAG 3' },
        }),
      ],
    });
    await settle();
    expect(text(present(root().querySelector('h2'), 'h2'))).toBe('KW 48 · 23.–29. November 2026');
    expect(root().querySelectorAll('.week section.day')).toHaveLength(7);
    expect(text(present(root().querySelector('.week'), 'week'))).toContain('Digitaler Zwilling');

    present(root().querySelector<HTMLElement>('mat-slide-toggle button'), 'toggle').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/termine?ansicht=woche&datum=2026-11-26&nur=meine');
    const mine = backend.expectOne((r) => r.url === '/api/meetings');
    expect(mine.request.params.get('mine')).toBe('true');
    mine.flush({ items: [] });
    await settle();
    expect(text(root())).toContain('keine Termine, die zu den Filtern passen');

    await harness.navigateByUrl(`/termine?ansicht=liste&datum=2026-11-26&gruppen=${GROUP_ID}&arten=workshop,messe`);
    const filtered = expectList('2026-11-26', '2027-02-23');
    expect(filtered.request.params.getAll('groupIds')).toEqual([GROUP_ID]);
    expect(filtered.request.params.getAll('kinds')).toEqual(['workshop', 'messe']);
    expect(filtered.request.params.get('mine')).toBeNull();
    filtered.flush({ items: [] });
    await settle();

    button('Filter zurücksetzen').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/termine?ansicht=liste&datum=2026-11-26');
    backend.expectOne((r) => r.url === '/api/meetings').flush({ items: [] });
  });

  it('lists meetings by month with answer, place and Zusagen', async () => {
    await open('/termine?ansicht=liste&datum=2026-11-26', 'coordinator');
    expectList('2026-11-26', '2027-02-23').flush({
      items: [
        meeting('b', '2026-12-09T09:00:00Z', {
          title: 'Workshop Sensorik',
          kind: 'workshop',
          format: 'in_person',
          place: 'Rathaus Halle, Raum 3',
          myAnswer: 'yes',
          yesCount: 7,
        }),
        meeting('a', '2026-11-27T09:00:00Z', { title: 'Runde', yesCount: 1 }),
      ],
    });
    await settle();
    const months = Array.from(root().querySelectorAll('.list-month h3')).map((h) => text(h));
    expect(months).toEqual(['November 2026', 'Dezember 2026']);
    const rows = Array.from(root().querySelectorAll('.list-month .meeting-row')).map((r) => text(r));
    expect(rows[0]).toContain('Freitag, 27. November 2026');
    expect(rows[0]).toContain('Ihre Antwort: offen');
    expect(rows[0]).toContain('1 Zusage');
    expect(rows[1]).toContain('10:00–11:30 Uhr');
    expect(rows[1]).toContain('Rathaus Halle, Raum 3');
    expect(rows[1]).toContain('Ihre Antwort: Zusage');
    expect(rows[1]).toContain('7 Zusagen');
    expect(text(root())).toContain('Termin planen');
  });

  it('reports a failed load with a retry', async () => {
    await open('/termine?datum=2026-11-17');
    expectList('2026-10-26', '2026-12-06').flush(
      { code: 'INTERNAL', message: 'Fehler beim Laden.', details: {}, correlationId: 'x' },
      { status: 500, statusText: 'Server Error' },
    );
    await settle();
    expect(text(present(root().querySelector('[role="alert"]'), 'alert'))).toContain('Fehler beim Laden.');
    button('Erneut versuchen').click();
    await settle();
    expectList('2026-10-26', '2026-12-06').flush({ items: [] });
  });
});

function rangeOfMonth(day: string): [string, string] {
  const first = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000);
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const end = new Date(last.getTime() + ((7 - last.getUTCDay()) % 7) * 86_400_000);
  return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
}
