import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Coverage } from '../../core/groups.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { CoveragePage } from './coverage-page';

const G1 = 'g1';
const G2 = 'g2';

const COVERAGE: Coverage = {
  groups: [
    { id: G1, kind: 'uag', number: 1, shortName: 'Bürger-Apps', name: 'Bürger-Apps' },
    {
      id: G2,
      kind: 'uag',
      number: 2,
      shortName: 'Daten & Sensorik',
      name: 'Daten als Ressource / Kommunale Daten & Sensorik',
    },
  ],
  rows: [
    {
      organizationId: 'o-halle',
      displayName: 'Halle (Saale)',
      districtKey: '15002',
      districtName: 'Halle (Saale)',
      membershipStatus: 'active',
      cells: [
        {
          groupId: G1,
          people: [
            { id: 'p-anna', name: 'Anna Schmidt', role: 'lead' },
            { id: 'p-lea', name: 'Lea Fischer', role: 'member' },
          ],
        },
        { groupId: G2, people: [{ id: 'p-lea', name: 'Lea Fischer', role: 'member' }] },
      ],
    },
    {
      organizationId: 'o-qlb',
      displayName: 'Quedlinburg',
      districtKey: '15085',
      districtName: 'Harz',
      membershipStatus: 'active',
      cells: [
        { groupId: G1, people: [{ id: 'p-julia', name: 'Julia Zimmermann', role: 'member' }] },
        { groupId: G2, people: [] },
      ],
    },
    {
      organizationId: 'o-wr',
      displayName: 'Wernigerode',
      districtKey: '15085',
      districtName: 'Harz',
      membershipStatus: 'paused',
      cells: [
        { groupId: G1, people: [] },
        { groupId: G2, people: [] },
      ],
    },
  ],
};

describe('CoveragePage', () => {
  let fixture: ComponentFixture<CoveragePage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CoveragePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe({ ...TEST_USER, role: 'member' });
    fixture = TestBed.createComponent(CoveragePage);
    await settle();
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function load(coverage: Coverage = COVERAGE): Promise<void> {
    backend.expectOne('/api/coverage').flush(coverage);
    await settle();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  /** The text as read, without the ligatures of icons. */
  const text = (root: Element | null = element()) => {
    const copy = root?.cloneNode(true) as Element | undefined;
    copy?.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
    return copy?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  };
  const table = () => present(element().querySelector('table'), 'table');
  const bodyRows = () => Array.from(table().querySelectorAll('tbody tr'));
  const rowNames = () => bodyRows().map((r) => text(r.querySelector('th a')));

  it('is an accessible table: caption, column and row headers, links to groups and organisations', async () => {
    await load();
    expect(text(table().querySelector('caption'))).toContain('Wer ist wo');
    const headers = Array.from(table().querySelectorAll('thead th'));
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    expect(headers.map((th) => text(th))).toEqual([
      'Kommune / Organisation',
      'UAG 1 Bürger-Apps',
      'UAG 2 Daten & Sensorik (Daten als Ressource / Kommunale Daten & Sensorik)',
      'Personen',
      'Gruppen',
    ]);
    expect(headers[2].querySelector('a')?.getAttribute('title')).toBe(
      'Daten als Ressource / Kommunale Daten & Sensorik',
    );
    expect(headers[1].querySelector('a')?.getAttribute('href')).toBe(`/arbeitsgruppen/${G1}`);
    const rowHeaders = bodyRows().map((r) => r.querySelector('th'));
    expect(rowHeaders.every((th) => th?.getAttribute('scope') === 'row')).toBe(true);
    expect(rowNames()).toEqual(['Halle (Saale)', 'Quedlinburg', 'Wernigerode']);
    expect(bodyRows()[0].querySelector('th a')?.getAttribute('href')).toBe('/kommunen/o-halle');
    expect(text(bodyRows()[1].querySelector('th'))).toContain('Harz');
    expect(text(bodyRows()[2].querySelector('th'))).toContain('Ruhend');
    const region = present(element().querySelector('.table-scroll'), 'scroll region');
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('counts people per cell, names them for screen readers and on hover, and totals rows and columns', async () => {
    await load();
    const halle = bodyRows()[0].querySelectorAll('td');
    expect(text(halle[0].querySelector('.number'))).toBe('2');
    expect(halle[0].querySelector('.number')?.getAttribute('aria-hidden')).toBe('true');
    expect(halle[0].querySelector('.number')?.getAttribute('title')).toBe('Anna Schmidt (Sprecher*in)\nLea Fischer');
    expect(text(halle[0].querySelector('.srp-visually-hidden'))).toBe(
      '2 Personen: Anna Schmidt (Sprecher*in), Lea Fischer',
    );
    expect(halle[0].querySelector('.lead-mark')).not.toBeNull();
    // Row totals: distinct people and groups.
    expect(text(halle[2])).toBe('2');
    expect(text(halle[3])).toBe('2');
    const empty = bodyRows()[2].querySelectorAll('td')[0];
    expect(text(empty.querySelector('.srp-visually-hidden'))).toBe('niemand');

    const [people, organizations] = Array.from(table().querySelectorAll('tfoot tr'));
    expect(Array.from(people.querySelectorAll('td')).map((td) => text(td))).toEqual(['3', '1', '3', '']);
    expect(Array.from(organizations.querySelectorAll('td')).map((td) => text(td))).toEqual(['2', '1', '', '']);
  });

  it('filters by district and by a search for organisations or people', async () => {
    await load();
    const district = present(element().querySelector<HTMLSelectElement>('select'), 'district');
    expect(Array.from(district.options).map((o) => o.textContent?.trim())).toEqual([
      'Alle Landkreise',
      'Halle (Saale)',
      'Harz',
    ]);
    district.value = 'Harz';
    district.dispatchEvent(new Event('change'));
    await settle();
    expect(rowNames()).toEqual(['Quedlinburg', 'Wernigerode']);
    expect(text(element().querySelector('.count'))).toBe('2 von 3 Organisationen angezeigt');

    district.value = '';
    district.dispatchEvent(new Event('change'));
    const search = present(element().querySelector<HTMLInputElement>('input[type="search"]'), 'search');
    search.value = 'zimmermann';
    search.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(rowNames()).toEqual(['Quedlinburg']);

    search.value = 'gibt es nicht';
    search.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(element().querySelector('table')).toBeNull();
    expect(text()).toContain('Keine Organisation passt zu Ihrer Suche.');
    Array.from(element().querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Filter zurücksetzen'))
      ?.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(rowNames()).toHaveLength(3);
  });

  it('shows the names in the table on request', async () => {
    await load();
    const toggle = present(element().querySelector<HTMLInputElement>('input[type="checkbox"]'), 'toggle');
    toggle.click();
    await settle();
    const cell = bodyRows()[0].querySelectorAll('td')[0];
    expect(Array.from(cell.querySelectorAll('li')).map((li) => text(li))).toEqual([
      'Anna Schmidt (Sprecher*in)',
      'Lea Fischer',
    ]);
  });

  it('offers the CSV file as a plain download link', async () => {
    await load();
    const link = present(
      Array.from(element().querySelectorAll('a')).find((a) => a.textContent?.includes('CSV herunterladen')),
      'csv link',
    );
    expect(link.getAttribute('href')).toBe('/api/coverage/export');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('offers a retry when loading fails', async () => {
    backend
      .expectOne('/api/coverage')
      .flush(
        { code: 'INTERNAL', message: 'Serverfehler.', details: {}, correlationId: 't' },
        { status: 500, statusText: 'Fehler' },
      );
    await settle();
    expect(text(element().querySelector('[role="alert"]'))).toContain('Serverfehler.');
    Array.from(element().querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Erneut versuchen'))
      ?.click();
    await settle();
    await load();
    expect(rowNames()).toHaveLength(3);
  });
});
