import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { MeDto } from '../../api/generated/models/me-dto';
import { CoverageDto } from '../../api/generated/models/coverage-dto';
import { OrganizationSummaryDto } from '../../api/generated/models/organization-summary-dto';
import { DISTRICTS_GEOJSON_URL } from '../../shared/district-map/district-geometry.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { MunicipalitiesPage } from './municipalities-page';

const MEMBER: MeDto = { ...TEST_USER, role: 'member' };
const COORDINATOR: MeDto = { ...TEST_USER, role: 'coordinator', secondFactorEnabled: true };

function summary(change: Partial<OrganizationSummaryDto>): OrganizationSummaryDto {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    kind: 'city',
    ags: null,
    displayName: '',
    officialName: '',
    districtKey: null,
    districtName: null,
    status: 'active',
    membershipStatus: 'none',
    membershipChangedAt: null,
    peopleCount: 0,
    version: 1,
    ...change,
  };
}

const HALLE = summary({
  id: '11111111-1111-4111-8111-111111111111',
  ags: '15002000',
  displayName: 'Halle (Saale)',
  officialName: 'Halle (Saale), Stadt',
  districtKey: '15002',
  districtName: 'Halle (Saale)',
  membershipStatus: 'active',
  peopleCount: 4,
});
const KOETHEN = summary({
  id: '22222222-2222-4222-8222-222222222222',
  ags: '15082180',
  displayName: 'Köthen (Anhalt)',
  officialName: 'Köthen (Anhalt), Stadt',
  districtKey: '15082',
  districtName: 'Anhalt-Bitterfeld',
  membershipStatus: 'requested',
});
const BARLEBEN = summary({
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'municipality',
  ags: '15083040',
  displayName: 'Barleben',
  officialName: 'Barleben',
  districtKey: '15083',
  districtName: 'Börde',
});
const SALEG = summary({
  id: '44444444-4444-4444-8444-444444444444',
  kind: 'agency',
  displayName: 'SALEG',
  officialName: 'Sachsen-Anhaltinische Landesentwicklungsgesellschaft mbH',
  peopleCount: 2,
});

const DISTRICTS = [
  { key: '15002', name: 'Halle (Saale)', municipalityCount: 1, activeCount: 1 },
  { key: '15082', name: 'Anhalt-Bitterfeld', municipalityCount: 10, activeCount: 0 },
  { key: '15083', name: 'Börde', municipalityCount: 34, activeCount: 0 },
];

const GROUP_ID = '55555555-5555-4555-8555-555555555555';
const GROUPS = [
  {
    id: GROUP_ID,
    kind: 'uag',
    number: 3,
    name: 'Digitaler Zwilling',
    shortName: 'Digitaler Zwilling',
    status: 'active',
    phase: null,
    memberCount: 2,
    organizationCount: 1,
    myRole: null,
    myStatus: null,
    version: 1,
  },
];

const COVERAGE: CoverageDto = {
  groups: [{ id: GROUP_ID, kind: 'uag', number: 3, shortName: 'Digitaler Zwilling', name: 'Digitaler Zwilling' }],
  rows: [
    {
      organizationId: HALLE.id,
      displayName: HALLE.displayName,
      districtKey: '15002',
      districtName: 'Halle (Saale)',
      membershipStatus: 'active',
      cells: [{ groupId: GROUP_ID, people: [{ id: 'p1', name: 'Hanna Hallmann', role: 'member' }] }],
    },
    {
      organizationId: KOETHEN.id,
      displayName: KOETHEN.displayName,
      districtKey: '15082',
      districtName: 'Anhalt-Bitterfeld',
      membershipStatus: 'requested',
      cells: [{ groupId: GROUP_ID, people: [] }],
    },
  ],
};

describe('MunicipalitiesPage', () => {
  let fixture: ComponentFixture<MunicipalitiesPage>;
  let backend: HttpTestingController;

  async function create(user: MeDto): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MunicipalitiesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(MunicipalitiesPage);
    await settle();
  }

  async function load(organizations = [HALLE, KOETHEN, BARLEBEN, SALEG]): Promise<void> {
    backend.expectOne('/api/organizations').flush(organizations);
    backend.expectOne('/api/districts').flush(DISTRICTS);
    backend.expectOne('/api/groups').flush(GROUPS);
    await settle();
    // The map's shapes are not part of these tests: the map shows its error, the table stays.
    backend.match(DISTRICTS_GEOJSON_URL).forEach((r) => r.flush('', { status: 404, statusText: 'Not Found' }));
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const count = () => text(present(element().querySelector('.count'), 'count'));
  const names = () => Array.from(element().querySelectorAll('table.directory tbody th a')).map((a) => text(a));
  const control = <T extends HTMLElement>(name: string) =>
    present(element().querySelector<T>(`[formcontrolname="${name}"]`), name);

  async function type(value: string): Promise<void> {
    const input = control<HTMLInputElement>('query');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  async function choose(name: string, value: string): Promise<void> {
    const select = control<HTMLSelectElement>(name);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle();
  }

  it('lists the municipalities with kind, district, membership and people, and counts them', async () => {
    await create(MEMBER);
    await load();
    expect(element().querySelector('h1')?.textContent).toBe('Kommunen');
    expect(count()).toBe('3 Kommunen');
    expect(names()).toEqual(['Barleben', 'Halle (Saale)', 'Köthen (Anhalt)']);
    const halle = present(element().querySelectorAll('table.directory tbody tr')[1], 'Halle row');
    expect(text(halle)).toContain('AGS 15002000');
    expect(text(halle)).toContain('Aktiv');
    expect(text(halle)).toContain('Halle (Saale)');
    expect(halle.querySelector('a')?.getAttribute('href')).toBe(`/kommunen/${HALLE.id}`);
    expect(text(element())).toContain('Angefragt');
  });

  it('finds by name without umlauts, by AGS, and by membership; and resets', async () => {
    await create(MEMBER);
    await load();
    await type('koethen');
    expect(names()).toEqual(['Köthen (Anhalt)']);
    expect(count()).toBe('1 von 3 Kommunen');

    await type('150830');
    expect(names()).toEqual(['Barleben']);

    await type('');
    await choose('membership', 'active');
    expect(names()).toEqual(['Halle (Saale)']);

    await type('zzz');
    expect(element().querySelector('table.directory')).toBeNull();
    expect(text(element())).toContain('Keine Treffer');
    present(
      Array.from(element().querySelectorAll('button')).find((b) => text(b) === 'Filter zurücksetzen'),
      'reset',
    ).click();
    await settle();
    expect(names()).toHaveLength(3);
  });

  it('shows all organisations on request, including partners', async () => {
    await create(MEMBER);
    await load();
    await choose('scope', 'all');
    expect(count()).toBe('4 Organisationen');
    expect(names()).toContain('SALEG');
    await choose('scope', 'agency');
    expect(names()).toEqual(['SALEG']);
  });

  it('filters by the district chosen in the map table, and shows it in the district field', async () => {
    await create(MEMBER);
    await load();
    const button = present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('srp-district-map button.district-button')).find((b) =>
        text(b).includes('Börde'),
      ),
      'Börde button',
    );
    button.click();
    await settle();
    expect(names()).toEqual(['Barleben']);
    expect(control<HTMLSelectElement>('district').value).toBe('15083');
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });

  it('filters by working group through the coverage data', async () => {
    await create(MEMBER);
    await load();
    await choose('group', GROUP_ID);
    expect(count()).toBe('Die Arbeitsgruppen werden geladen …');
    backend.expectOne('/api/coverage').flush(COVERAGE);
    await settle();
    expect(names()).toEqual(['Halle (Saale)']);
  });

  it('offers coordinators to add an organisation, members not; everyone gets the CSV export', async () => {
    await create(MEMBER);
    await load();
    expect(text(element())).not.toContain('Organisation hinzufügen');
    const csv = present(element().querySelector<HTMLAnchorElement>('a[download]'), 'CSV link');
    expect(csv.getAttribute('href')).toBe('/api/people/export');
    expect(present(element().querySelector('a[href="/kommunen/abdeckung"]'), 'coverage link')).toBeTruthy();
  });

  it('validates the new organisation and sends it for coordinators', async () => {
    await create(COORDINATOR);
    await load();
    present(
      Array.from(element().querySelectorAll('button')).find((b) => text(b).includes('Organisation hinzufügen')),
      'add button',
    ).click();
    await settle();
    const dialog = present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
    const field = (name: string) =>
      present(dialog.querySelector<HTMLInputElement>(`[formcontrolname="${name}"]`), name);
    const submit = () =>
      present(
        Array.from(dialog.querySelectorAll('button')).find((b) => text(b) === 'Organisation anlegen'),
        'submit',
      ).click();

    field('ags').value = '1508';
    field('ags').dispatchEvent(new Event('input'));
    submit();
    await settle();
    expect(text(dialog)).toContain('Bitte geben Sie den amtlichen Namen ein.');
    expect(text(dialog)).toContain('Der AGS hat genau 8 Ziffern');
    backend.expectNone('/api/organizations');

    field('officialName').value = 'Neue Gemeinde';
    field('officialName').dispatchEvent(new Event('input'));
    field('ags').value = '15083999';
    field('ags').dispatchEvent(new Event('input'));
    await settle();
    // The district follows from the AGS.
    expect(field('districtKey').value).toBe('15083');
    submit();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: '/api/organizations' });
    expect(post.request.body).toEqual({
      kind: 'municipality',
      officialName: 'Neue Gemeinde',
      displayName: 'Neue Gemeinde',
      ags: '15083999',
      districtKey: '15083',
      districtName: 'Börde',
      population: null,
      address: null,
      website: null,
    });
    post.flush(
      {
        code: 'CONFLICT',
        message: 'Eine Organisation mit diesem Amtlichen Gemeindeschlüssel gibt es bereits.',
        details: {},
        correlationId: 't',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(dialog)).toContain('gibt es bereits');
    // Not a stale version: no reload offered.
    expect(text(dialog)).not.toContain('Neu laden');
  });

  it('points coordinators without a second factor to their profile', async () => {
    await create({ ...COORDINATOR, secondFactorEnabled: false });
    backend.expectOne('/api/organizations').flush(
      {
        code: 'SECOND_FACTOR_SETUP_REQUIRED',
        message: 'Bitte richten Sie die Zwei-Faktor-Anmeldung ein.',
        details: {},
        correlationId: 't',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    backend.expectOne('/api/districts').flush([]);
    backend.expectOne('/api/groups').flush([]);
    await settle();
    backend.match(DISTRICTS_GEOJSON_URL).forEach((r) => r.flush('', { status: 404, statusText: 'Not Found' }));
    await settle();
    expect(text(element())).toContain('Bitte richten Sie die Zwei-Faktor-Anmeldung ein.');
    expect(element().querySelector('srp-problem a[href="/profil"]')).not.toBeNull();
  });
});
