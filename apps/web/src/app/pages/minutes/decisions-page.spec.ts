import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Decision } from '../../core/minutes.service';
import { present } from '../../testing/dom-testing';
import { DecisionsPage } from './decisions-page';
import { GROUP, MEETING_ID } from './minutes-test-data';

function decision(n: number, overrides: Partial<Decision> = {}): Decision {
  return {
    id: `80000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    text: `Beschluss ${n}`,
    textHtml: `<p>Beschluss ${n}</p>`,
    decidedOn: '2026-12-02',
    group: { id: GROUP.id, shortName: GROUP.shortName },
    meeting: { id: MEETING_ID, title: 'Monatsrunde Dezember' },
    agendaItemTitle: 'Sensorik-Ausschreibung',
    confidential: false,
    revision: 1,
    ...overrides,
  };
}

describe('DecisionsPage', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  async function open(url: string): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'beschluesse', component: DecisionsPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    await settle();
    backend.expectOne('/api/groups').flush([{ ...GROUP, kind: 'uag', status: 'active', number: 3 }]);
  }

  afterEach(() => backend?.verify());

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  const element = () => harness.routeNativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const decisionsRequest = () => backend.expectOne((r) => r.url === '/api/decisions');

  it('lists decisions with day, group, linked meeting and TOP, and loads more with the cursor', async () => {
    await open('/beschluesse');
    const first = decisionsRequest();
    expect(first.request.params.keys()).toEqual(['limit']);
    first.flush({ items: [decision(1)], nextCursor: 'abc' });
    await settle();
    const item = present(element().querySelector('.decision'), 'decision');
    expect(text(item)).toContain('02.12.2026');
    expect(text(item)).toContain('UAG 3');
    expect(text(item)).toContain('Beschluss 1');
    expect(text(item)).toContain('Sensorik-Ausschreibung');
    expect(item.querySelector('a')?.getAttribute('href')).toBe(`/termine/${MEETING_ID}/protokoll`);

    present(
      Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.includes('Weitere laden')),
      'more',
    ).click();
    await settle();
    const more = decisionsRequest();
    expect(more.request.params.get('cursor')).toBe('abc');
    more.flush({ items: [decision(2)], nextCursor: null });
    await settle();
    expect(element().querySelectorAll('.decision')).toHaveLength(2);
    expect(text()).not.toContain('Weitere laden');
  });

  it('takes the filters from the address and puts a typed search there after a pause', async () => {
    await open('/beschluesse?gruppe=' + GROUP.id + '&von=2026-01-01');
    const filtered = decisionsRequest();
    expect(filtered.request.params.get('groupId')).toBe(GROUP.id);
    expect(filtered.request.params.get('from')).toBe('2026-01-01');
    filtered.flush({ items: [], nextCursor: null });
    await settle();
    expect(text()).toContain('Keine Beschlüsse passen zu Ihrer Suche.');

    const search = present(element().querySelector<HTMLInputElement>('input[type="search"]'), 'search');
    search.value = 'Sensor';
    search.dispatchEvent(new Event('input'));
    search.value = 'Sensorik';
    search.dispatchEvent(new Event('input'));
    await settle();
    backend.expectNone((r) => r.url === '/api/decisions');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await settle();
    const url = TestBed.inject(Router).url;
    expect(url).toContain('q=Sensorik');
    expect(url).toContain(`gruppe=${GROUP.id}`);
    const searched = decisionsRequest();
    expect(searched.request.params.get('q')).toBe('Sensorik');
    expect(searched.request.params.get('groupId')).toBe(GROUP.id);
    searched.flush({ items: [decision(1)], nextCursor: null });
    await settle();
    expect(element().querySelectorAll('.decision')).toHaveLength(1);
  });

  it('says so when there are no decisions yet', async () => {
    await open('/beschluesse');
    decisionsRequest().flush({ items: [], nextCursor: null });
    await settle();
    expect(text()).toContain('Noch keine Beschlüsse.');
  });
});
