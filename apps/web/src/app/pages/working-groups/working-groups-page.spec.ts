import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { MeDto } from '../../api/generated/models/me-dto';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { GROUP_ID, apiError, group, summary } from './test-data';
import { WorkingGroupsPage } from './working-groups-page';

const MEMBER: MeDto = { ...TEST_USER, role: 'member' };
const COORDINATOR: MeDto = { ...TEST_USER, role: 'coordinator', secondFactorEnabled: true };

const GROUPS = [
  summary({ id: 'g1', number: 1, name: 'Bürger-Apps', memberCount: 1, organizationCount: 1 }),
  summary({ id: 'g2', number: 2, name: 'Daten als Ressource', myRole: 'member', myStatus: 'requested' }),
  summary({ id: 'g3', number: 3, name: 'Digitaler Zwilling', myRole: 'lead', myStatus: 'active', memberCount: 7 }),
  summary({
    id: 'g9',
    number: null,
    kind: 'pilot_project',
    name: 'Parksensorik',
    status: 'archived',
    phase: null,
    memberCount: 0,
    organizationCount: 0,
  }),
];

describe('WorkingGroupsPage', () => {
  let fixture: ComponentFixture<WorkingGroupsPage>;
  let backend: HttpTestingController;

  async function create(user: MeDto = MEMBER): Promise<void> {
    TestBed.configureTestingModule({
      imports: [WorkingGroupsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(WorkingGroupsPage);
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
  const buttons = (root: ParentNode, name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.includes(name));
  const cards = (section: string) =>
    Array.from(
      present(element().querySelector(`section[aria-labelledby="${section}"]`), section).querySelectorAll(
        'srp-group-card',
      ),
    );

  it('shows the active groups as cards with number, counts and my standing, archived ones below', async () => {
    await create();
    backend.expectOne('/api/groups').flush(GROUPS);
    await settle();
    const active = cards('aktive-gruppen');
    expect(active.map((c) => c.querySelector('h3')?.textContent?.trim())).toEqual([
      'Bürger-Apps',
      'Daten als Ressource',
      'Digitaler Zwilling',
    ]);
    expect(text(active[0])).toContain('UAG 1');
    expect(text(active[0])).toContain('1 Mitglied');
    expect(text(active[0])).toContain('1 Organisation');
    expect(text(active[0])).not.toContain('Sie sind');
    expect(text(active[1])).toContain('Anfrage offen');
    expect(text(active[2])).toContain('Sie sind Sprecher*in');
    expect(text(active[2])).toContain('7 Mitglieder');
    expect(active[2].querySelector('a')?.getAttribute('href')).toBe('/arbeitsgruppen/g3');

    const archived = cards('archivierte-gruppen');
    expect(archived).toHaveLength(1);
    expect(text(archived[0])).toContain('Pilotprojekt');
    expect(text(archived[0])).toContain('Parksensorik');
    expect(text(archived[0])).toContain('Noch keine Mitglieder');
    expect(text(archived[0])).not.toContain('Organisation');
  });

  it('links the coverage matrix and offers creating a group only to the coordination', async () => {
    await create();
    backend.expectOne('/api/groups').flush(GROUPS.slice(0, 1));
    await settle();
    expect(element().querySelector('a[href="/kommunen/abdeckung"]')).not.toBeNull();
    expect(buttons(element(), 'Arbeitsgruppe anlegen')).toHaveLength(0);
    expect(element().querySelector('#archivierte-gruppen')).toBeNull();
  });

  it('offers a retry when the list cannot be loaded', async () => {
    await create();
    backend.expectOne('/api/groups').flush(...apiError(500, 'INTERNAL', 'Serverfehler.'));
    await settle();
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain('Serverfehler.');
    buttons(element(), 'Erneut versuchen')[0].click();
    await settle();
    backend.expectOne('/api/groups').flush(GROUPS);
    await settle();
    expect(cards('aktive-gruppen')).toHaveLength(3);
  });

  it('shows the second-factor hint when the api asks for it', async () => {
    await create({ ...COORDINATOR, secondFactorEnabled: false });
    backend
      .expectOne('/api/groups')
      .flush(...apiError(403, 'SECOND_FACTOR_SETUP_REQUIRED', 'Bitte richten Sie die Zwei-Faktor-Anmeldung ein.'));
    await settle();
    expect(text()).toContain('Bitte richten Sie die Zwei-Faktor-Anmeldung ein');
  });

  it('lets the coordination create a group and opens its page', async () => {
    await create(COORDINATOR);
    backend.expectOne('/api/groups').flush(GROUPS);
    await settle();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttons(element(), 'Arbeitsgruppe anlegen')[0].click();
    await settle();
    const dialog = present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
    const field = (label: string) => {
      const formField = Array.from(dialog.querySelectorAll('mat-form-field')).find(
        (f) => f.querySelector('mat-label')?.textContent?.trim().replace('*', '').trim() === label,
      );
      return present(formField?.querySelector<HTMLInputElement | HTMLSelectElement>('input, select'), label);
    };
    const type = (label: string, value: string) => {
      const input = field(label);
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    };

    // Name and short name are required; nothing is sent.
    buttons(dialog, 'Arbeitsgruppe anlegen')[0].click();
    await settle();
    expect(text(dialog)).toContain('Bitte geben Sie einen Namen ein.');
    backend.expectNone({ method: 'POST', url: '/api/groups' });

    type('Art der Gruppe', 'pilot_project');
    type('Nummer', '7');
    type('Name', '  Pilotprojekt Parkraumsensorik ');
    type('Kurzname', 'Parksensorik');
    type('Phase', 'Phase 3 (2026/27)');
    buttons(dialog, 'Arbeitsgruppe anlegen')[0].click();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: '/api/groups' });
    expect(post.request.body).toEqual({
      kind: 'pilot_project',
      number: 7,
      name: 'Pilotprojekt Parkraumsensorik',
      shortName: 'Parksensorik',
      phase: 'Phase 3 (2026/27)',
      description: '',
      goals: '',
    });
    post.flush(group({ id: GROUP_ID }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/arbeitsgruppen', GROUP_ID], { state: { created: true } });
  });

  it('shows a taken number at the number field', async () => {
    await create(COORDINATOR);
    backend.expectOne('/api/groups').flush([]);
    await settle();
    expect(text()).toContain('Es gibt noch keine Arbeitsgruppen.');
    buttons(element(), 'Arbeitsgruppe anlegen')[0].click();
    await settle();
    const dialog = present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
    const inputs = dialog.querySelectorAll<HTMLInputElement>('input');
    // Nummer, Name, Kurzname, Phase
    inputs[0].value = '3';
    inputs[1].value = 'Digitaler Zwilling';
    inputs[2].value = 'Zwilling';
    inputs.forEach((input) => input.dispatchEvent(new Event('input')));
    buttons(dialog, 'Arbeitsgruppe anlegen')[0].click();
    await settle();
    backend
      .expectOne({ method: 'POST', url: '/api/groups' })
      .flush(...apiError(409, 'CONFLICT', 'Eine Arbeitsgruppe mit dieser Nummer gibt es bereits.'));
    await settle();
    const numberField = present(dialog.querySelector('mat-form-field.number'), 'number field');
    expect(text(numberField)).toContain('Eine Arbeitsgruppe mit dieser Nummer gibt es bereits.');
    // No reload offer: nothing is stale.
    expect(buttons(dialog, 'Aktuelle Fassung laden')).toHaveLength(0);
  });
});
