import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { CoverageDto } from '../../api/generated/models/coverage-dto';
import { MeDto } from '../../api/generated/models/me-dto';
import { OrganizationDetailDto } from '../../api/generated/models/organization-detail-dto';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { MunicipalityDetailPage } from './municipality-detail-page';

const ID = '11111111-1111-4111-8111-111111111111';
const CONTACT_ID = TEST_USER.id;
const COLLEAGUE_ID = '22222222-2222-4222-8222-222222222222';
const GROUP_ID = '55555555-5555-4555-8555-555555555555';

const CONTACT: MeDto = { ...TEST_USER, role: 'member', organizationId: ID, isContact: true };
const COORDINATOR: MeDto = { ...TEST_USER, id: '99999999-9999-4999-8999-999999999999', secondFactorEnabled: true };

function detail(change: Partial<OrganizationDetailDto> = {}): OrganizationDetailDto {
  return {
    id: ID,
    kind: 'city',
    ags: '15002000',
    displayName: 'Halle (Saale)',
    officialName: 'Halle (Saale), Stadt',
    districtKey: '15002',
    districtName: 'Halle (Saale)',
    status: 'active',
    membershipStatus: 'active',
    membershipChangedAt: '2025-01-10T07:45:00.000Z',
    peopleCount: 2,
    version: 7,
    population: 238061,
    address: 'Marktplatz 1\n06108 Halle (Saale)',
    website: 'https://www.halle.de',
    retiredAt: null,
    retiredReason: null,
    mergedInto: null,
    mergedFrom: [],
    people: [
      {
        id: CONTACT_ID,
        name: 'Erika Muster',
        organizationId: ID,
        organizationName: 'Halle (Saale)',
        functionTitle: 'Digitalisierung',
        email: 'erika.muster@halle.de',
        phone: '0345 221-4711',
        isContact: true,
        role: 'member',
        status: 'active',
        version: 3,
      },
      {
        id: COLLEAGUE_ID,
        name: 'Peter Saalfeld',
        organizationId: ID,
        organizationName: 'Halle (Saale)',
        functionTitle: 'Stadtplanungsamt',
        email: null,
        phone: null,
        isContact: false,
        role: 'member',
        status: 'active',
        version: 2,
      },
    ],
    membershipHistory: [
      {
        id: 'e2',
        kind: 'approved',
        fromStatus: 'requested',
        toStatus: 'active',
        effectiveOn: '2023-05-02',
        occurredAt: '2023-05-02T12:30:00.000Z',
        reason: null,
        message: 'Herzlich willkommen!',
        actorName: 'Karin Kommunal',
      },
      {
        id: 'e1',
        kind: 'requested',
        fromStatus: 'none',
        toStatus: 'requested',
        effectiveOn: '2023-04-18',
        occurredAt: '2023-04-18T07:12:00.000Z',
        reason: 'Wir möchten mitmachen.',
        message: null,
        actorName: 'Erika Muster',
      },
    ],
    permissions: { manage: false, contribute: true },
    ...change,
  };
}

const COVERAGE: CoverageDto = {
  groups: [{ id: GROUP_ID, kind: 'uag', number: 3, shortName: 'Digitaler Zwilling', name: 'Digitaler Zwilling' }],
  rows: [
    {
      organizationId: ID,
      displayName: 'Halle (Saale)',
      districtKey: '15002',
      districtName: 'Halle (Saale)',
      membershipStatus: 'active',
      cells: [{ groupId: GROUP_ID, people: [{ id: COLLEAGUE_ID, name: 'Peter Saalfeld', role: 'lead' }] }],
    },
  ],
};

function apiError(status: number, code: string, message: string, details: unknown = {}) {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}

describe('MunicipalityDetailPage', () => {
  let fixture: ComponentFixture<MunicipalityDetailPage>;
  let backend: HttpTestingController;

  async function create(user: MeDto, organization: OrganizationDetailDto | null = detail()): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MunicipalityDetailPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(MunicipalityDetailPage);
    fixture.componentRef.setInput('id', ID);
    await settle();
    const request = backend.expectOne(`/api/organizations/${ID}`);
    if (organization) {
      request.flush(organization);
    } else {
      request.flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
    }
    backend.expectOne(`/api/coverage?organizationId=${ID}`).flush(COVERAGE);
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
  const buttons = (root: ParentNode = element()) => Array.from(root.querySelectorAll<HTMLButtonElement>('button'));
  const button = (label: string, root: ParentNode = element()) =>
    present(
      buttons(root).find((b) => text(b) === label || text(b).endsWith(` ${label}`) || text(b).includes(label)),
      `button ${label}`,
    );
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');

  async function fill(root: Element, selector: string, value: string): Promise<void> {
    const field = present(root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector), selector);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  it('shows a contact the facts, the history, the people and their groups', async () => {
    await create(CONTACT);
    expect(element().querySelector('h1')?.textContent).toBe('Halle (Saale)');
    const page = text();
    expect(page).toContain('Halle (Saale), Stadt');
    expect(page).toContain('15002000');
    expect(page).toContain('238.061');
    expect(page).toContain('seit 02.05.2023');
    const events = Array.from(element().querySelectorAll('.timeline li'));
    const history = events.map((li) => text(li));
    expect(text(present(events[0].querySelector('time'), 'date'))).toBe('02.05.2023');
    expect(text(present(events[0].querySelector('.event-title'), 'title'))).toBe('Anfrage angenommen');
    const badges = Array.from(events[0].querySelectorAll('srp-membership-badge')).map((b) =>
      text(present(b.querySelector('.badge > span'), 'badge label')),
    );
    expect(badges).toEqual(['Angefragt', 'Aktiv']);
    expect(history[0]).toContain('Nachricht der Koordination: Herzlich willkommen!');
    expect(history[0]).toContain('von Karin Kommunal');
    expect(history[1]).toContain('Anfrage: Wir möchten mitmachen.');
    expect(page).toContain('Ansprechperson');
    expect(element().querySelector('a[href="tel:03452214711"]')).not.toBeNull();
    expect(element().querySelector(`a[href="/arbeitsgruppen/${GROUP_ID}"]`)).not.toBeNull();
    expect(page).toContain('Peter Saalfeld (Sprecher*in)');

    expect(text(button('Mitgliedschaft ändern'))).toContain('Mitgliedschaft ändern');
    expect(button('Kollegin oder Kollegen einladen')).toBeTruthy();
    const labels = buttons().map((b) => text(b));
    expect(labels.some((l) => l.includes('Mitgliedschaft anfragen'))).toBe(false);
    expect(labels.some((l) => l.includes('Angaben bearbeiten'))).toBe(false);
    // No menu on the own entry? There is one (groups), but no deactivation of oneself.
    expect(element().querySelector('[aria-label="Aktionen für Peter Saalfeld"]')).not.toBeNull();
  });

  it('hides every action from people who only read', async () => {
    await create({ ...TEST_USER, role: 'member' }, detail({ permissions: { manage: false, contribute: false } }));
    const labels = buttons().map((b) => text(b));
    expect(labels.filter((l) => /Mitgliedschaft|einladen|Aktionen|Arbeitsgruppe/.test(l))).toEqual([]);
    expect(element().querySelector('[aria-label^="Aktionen für"]')).toBeNull();
  });

  it('lets a contact request membership, and offers a reload after a conflict', async () => {
    await create(CONTACT, detail({ membershipStatus: 'none', membershipHistory: [] }));
    button('Mitgliedschaft anfragen').click();
    await settle();
    button('Anfrage senden', dialog()).click();
    await settle();
    expect(text(dialog())).toContain('Bitte schreiben Sie kurz, warum Ihre Kommune mitmachen möchte.');
    backend.expectNone(`/api/organizations/${ID}/membership/request`);

    await fill(dialog(), 'textarea', '  Wir möchten in der UAG 3 mitarbeiten.  ');
    button('Anfrage senden', dialog()).click();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership/request` });
    expect(post.request.body).toEqual({ reason: 'Wir möchten in der UAG 3 mitarbeiten.', version: 7 });
    post.flush(
      ...apiError(409, 'CONFLICT', 'Jemand anderes hat diesen Eintrag inzwischen geändert.', { currentVersion: 8 }),
    );
    await settle();
    expect(text(dialog())).toContain('Jemand anderes hat diesen Eintrag inzwischen geändert.');
    button('Neu laden', dialog()).click();
    await settle();
    backend.expectOne(`/api/organizations/${ID}`).flush(detail({ membershipStatus: 'requested', version: 8 }));
    backend.expectOne(`/api/coverage?organizationId=${ID}`).flush(COVERAGE);
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(text()).toContain('Die Anfrage liegt der Koordination vor.');
  });

  it('lets coordinators decline a request only with a message', async () => {
    await create(
      COORDINATOR,
      detail({
        membershipStatus: 'requested',
        membershipHistory: [detail().membershipHistory[1]],
        permissions: { manage: true, contribute: true },
      }),
    );
    expect(text(present(element().querySelector('.request-card'), 'request card'))).toContain('Wir möchten mitmachen.');
    button('Anfrage ablehnen').click();
    await settle();
    button('Ablehnen', dialog()).click();
    await settle();
    expect(text(dialog())).toContain('Bitte begründen Sie die Ablehnung.');
    backend.expectNone(`/api/organizations/${ID}/membership/decision`);

    await fill(dialog(), 'textarea', 'Bitte zuerst den Ratsbeschluss nachreichen.');
    button('Ablehnen', dialog()).click();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership/decision` });
    expect(post.request.body).toEqual({
      decision: 'decline',
      message: 'Bitte zuerst den Ratsbeschluss nachreichen.',
      version: 7,
    });
    post.flush(detail({ membershipStatus: 'none', version: 8, permissions: { manage: true, contribute: true } }));
    await settle();
    backend.expectOne(`/api/coverage?organizationId=${ID}`).flush(COVERAGE);
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(element().querySelector('.request-card')).toBeNull();
    expect(text()).toContain('Halle (Saale) ist bisher kein Mitglied der Landesinitiative.');
  });

  it('lets a contact pause the membership with a reason and a date', async () => {
    await create(CONTACT);
    button('Mitgliedschaft ändern').click();
    await settle();
    const radios = Array.from(dialog().querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(radios.map((r) => text(present(r.closest('label'), 'label')))).toEqual([
      expect.stringContaining('Ruhen lassen'),
      expect.stringContaining('Beenden'),
    ]);
    radios[0].click();
    await fill(dialog(), 'textarea', 'Haushaltssperre');
    await fill(dialog(), 'input[type="date"]', '2026-12-01');
    button('Änderung speichern', dialog()).click();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership` });
    expect(post.request.body).toEqual({
      status: 'paused',
      reason: 'Haushaltssperre',
      effectiveOn: '2026-12-01',
      version: 7,
    });
    post.flush(detail({ membershipStatus: 'paused', version: 8 }));
    await settle();
    backend.expectOne(`/api/coverage?organizationId=${ID}`).flush(COVERAGE);
    await settle();
  });

  it('shows a merged organisation with a link to where it went, without actions', async () => {
    await create(
      CONTACT,
      detail({
        status: 'retired',
        retiredAt: '2026-01-01T10:00:00.000Z',
        retiredReason: 'Eingemeindet',
        mergedInto: { id: '77777777-7777-4777-8777-777777777777', displayName: 'Großstadt' },
        permissions: { manage: false, contribute: false },
      }),
    );
    const notice = text(present(element().querySelector('.notice-strong'), 'notice'));
    expect(notice).toContain('Halle (Saale) ist in Großstadt aufgegangen');
    expect(notice).toContain('Grund: Eingemeindet');
    expect(element().querySelector('.notice-strong a')?.getAttribute('href')).toBe(
      '/kommunen/77777777-7777-4777-8777-777777777777',
    );
    expect(text()).toContain('Stillgelegt');
  });

  it('says so when the organisation does not exist', async () => {
    await create(CONTACT, null);
    expect(element().querySelector('h1')?.textContent).toBe('Nicht gefunden');
    expect(text()).toContain('Diese Kommune oder Organisation gibt es nicht.');
  });
});
