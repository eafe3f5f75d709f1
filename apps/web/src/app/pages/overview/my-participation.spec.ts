import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MeDto } from '../../api/generated/models/me-dto';
import { GroupSummary } from '../../core/groups.service';
import { OrganizationDetail } from '../../core/organizations.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { MyParticipation } from './my-participation';

const HALLE = 'aaaaaaaa-0000-4000-8000-000000000001';

function group(overrides: Partial<GroupSummary>): GroupSummary {
  return {
    id: 'g',
    kind: 'uag',
    number: 1,
    name: 'Bürger-Apps',
    shortName: 'Bürger-Apps',
    status: 'active',
    phase: null,
    memberCount: 3,
    organizationCount: 2,
    myRole: null,
    myStatus: null,
    version: 1,
    ...overrides,
  };
}

function halle(overrides: Partial<OrganizationDetail>): OrganizationDetail {
  return {
    id: HALLE,
    kind: 'city',
    ags: '15002000',
    displayName: 'Halle (Saale)',
    officialName: 'Halle (Saale), Stadt',
    districtKey: '15002',
    districtName: 'Halle (Saale)',
    status: 'active',
    membershipStatus: 'none',
    membershipChangedAt: null,
    peopleCount: 1,
    version: 1,
    population: null,
    address: null,
    website: null,
    retiredAt: null,
    retiredReason: null,
    mergedInto: null,
    mergedFrom: [],
    people: [],
    membershipHistory: [],
    permissions: { manage: false, contribute: true },
    ...overrides,
  };
}

describe('MyParticipation', () => {
  let fixture: ComponentFixture<MyParticipation>;
  let backend: HttpTestingController;

  async function render(user: MeDto): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [MyParticipation],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(MyParticipation);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => backend.verify());

  it('shows a contact their municipality, invites them to request membership and lists their groups', async () => {
    const element = await render({ ...TEST_USER, role: 'member', organizationId: HALLE, isContact: true });
    backend.expectOne(`/api/organizations/${HALLE}`).flush(halle({}));
    backend
      .expectOne('/api/groups')
      .flush([
        group({ id: 'g1', myRole: 'lead', myStatus: 'active' }),
        group({ id: 'g3', number: 3, name: 'Digitaler Zwilling', myRole: 'member', myStatus: 'requested' }),
        group({ id: 'g4', number: 4, name: 'Bekanntmachungen' }),
      ]);
    fixture.detectChanges();
    await fixture.whenStable();
    const text = element.textContent ?? '';
    expect(text).toContain('Halle (Saale)');
    expect(text).toContain('Kein Mitglied');
    expect(text).toContain('Mitgliedschaft anfragen');
    const items = Array.from(element.querySelectorAll('.groups li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items).toEqual(['UAG 1 Bürger-Apps Sprecher*in', 'UAG 3 Digitaler Zwilling Anfrage offen']);
    expect(text).not.toContain('Für die Koordination');
  });

  it('does not ask an active member to request membership, and explains an empty group list', async () => {
    const element = await render({ ...TEST_USER, role: 'member', organizationId: HALLE, isContact: true });
    backend.expectOne(`/api/organizations/${HALLE}`).flush(halle({ membershipStatus: 'active' }));
    backend.expectOne('/api/groups').flush([group({})]);
    fixture.detectChanges();
    const text = element.textContent ?? '';
    expect(text).toContain('Aktiv');
    expect(text).not.toContain('Mitgliedschaft anfragen');
    expect(text).toContain('Sie arbeiten noch in keiner Arbeitsgruppe mit.');
  });

  it('counts the open membership requests for the coordination', async () => {
    const element = await render({ ...TEST_USER, role: 'coordinator', organizationId: null });
    backend.expectOne('/api/groups').flush([]);
    const requests = backend.expectOne(
      (r) => r.url === '/api/organizations' && r.params.get('membership') === 'requested',
    );
    requests.flush([halle({ membershipStatus: 'requested' }), halle({ id: 'x', membershipStatus: 'requested' })]);
    fixture.detectChanges();
    const link = element.querySelector<HTMLAnchorElement>('a[href*="status=requested"]');
    expect(link?.textContent?.trim()).toBe('2 offene Mitgliedschaftsanfragen');
    expect(element.textContent).toContain('noch keiner Organisation zugeordnet');
  });

  it('tells a coordinator without a second factor why the cards are empty', async () => {
    const element = await render({ ...TEST_USER, role: 'coordinator', organizationId: HALLE });
    const refusal = {
      code: 'SECOND_FACTOR_SETUP_REQUIRED',
      message: 'Bitte richten Sie die Zwei-Faktor-Anmeldung ein.',
      details: {},
      correlationId: 't',
    };
    backend.expectOne(`/api/organizations/${HALLE}`).flush(refusal, { status: 403, statusText: 'Forbidden' });
    backend.expectOne('/api/groups').flush(refusal, { status: 403, statusText: 'Forbidden' });
    backend.expectOne((r) => r.url === '/api/organizations').flush(refusal, { status: 403, statusText: 'Forbidden' });
    fixture.detectChanges();
    const text = element.textContent ?? '';
    expect(text).toContain(
      'Ihre Organisation sehen Sie hier, sobald Sie die Zwei-Faktor-Anmeldung eingerichtet haben.',
    );
    expect(text).toContain('Ihre Arbeitsgruppen sehen Sie hier, sobald');
    expect(text).toContain('Offene Anfragen sehen Sie nach der Zwei-Faktor-Anmeldung.');
  });
});
