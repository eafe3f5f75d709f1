import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { MeDto } from '../../api/generated/models/me-dto';
import { GroupDetail } from '../../core/groups.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { ANNA, GROUP_ID, HALLE, JONAS, MARKUS, ME, MIRIAM, apiError, group } from './test-data';
import { WorkingGroupPage } from './working-group-page';

const MEMBER: MeDto = { ...TEST_USER, role: 'member', organizationId: HALLE };
const URL = `/api/groups/${GROUP_ID}`;

describe('WorkingGroupPage', () => {
  let fixture: ComponentFixture<WorkingGroupPage>;
  let backend: HttpTestingController;

  async function create(detail: GroupDetail, user: MeDto = MEMBER): Promise<void> {
    TestBed.configureTestingModule({
      imports: [WorkingGroupPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(WorkingGroupPage);
    fixture.componentRef.setInput('id', GROUP_ID);
    await settle();
    backend.expectOne(URL).flush(detail);
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
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const buttons = (root: ParentNode, name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.includes(name));
  const button = (name: string, root: ParentNode = element()) => present(buttons(root, name)[0], `button ${name}`);
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const memberNames = () =>
    Array.from(element().querySelectorAll('.member-list .person-name > span:first-child')).map((s) =>
      s.textContent?.trim(),
    );

  async function click(target: HTMLElement): Promise<void> {
    target.click();
    await settle();
  }

  describe('for everyone', () => {
    it('shows number, name, phase, description, goals and members with leads first', async () => {
      await create(group());
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Digitaler Zwilling');
      expect(text(present(element().querySelector('.badges'), 'badges'))).toContain('UAG 3');
      expect(text()).toContain('Phase 2 (2024/25)');
      expect(text()).toContain('Kurzname: Zwilling');
      expect(element().querySelector('.markdown strong')?.textContent).toBe('Städten');
      expect(element().querySelectorAll('.markdown li')).toHaveLength(1);
      expect(memberNames()).toEqual(['Anna Schmidt', 'Miriam Hoffmann', 'Jonas Becker']);
      const leads = Array.from(element().querySelectorAll('.member.lead .person-name > span:first-child')).map((s) =>
        s.textContent?.trim(),
      );
      expect(leads).toEqual(['Anna Schmidt', 'Miriam Hoffmann']);
      expect(text(present(element().querySelector('.member.lead'), 'lead'))).toContain('Sprecher*in');
      const orgLink = present(element().querySelector<HTMLAnchorElement>('.member-list a'), 'organisation link');
      expect(orgLink.getAttribute('href')).toBe(`/kommunen/${HALLE}`);
      expect(TestBed.inject(Title).getTitle()).toBe('UAG 3 Digitaler Zwilling – SmartRegion Portal');
    });

    it('lists the participating organisations with their member counts and links', async () => {
      await create(group());
      const aside = present(element().querySelector('aside'), 'aside');
      expect(text(aside)).toContain('Dessau-Roßlau 2 Personen');
      expect(text(aside)).toContain('Halle (Saale) 1 Person');
      expect(aside.querySelector('a')?.getAttribute('href')).toMatch(/^\/kommunen\//);
    });

    it('says when the group does not exist', async () => {
      TestBed.configureTestingModule({
        imports: [WorkingGroupPage],
        providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
      });
      backend = TestBed.inject(HttpTestingController);
      await answerMe(MEMBER);
      fixture = TestBed.createComponent(WorkingGroupPage);
      fixture.componentRef.setInput('id', GROUP_ID);
      await settle();
      backend.expectOne(URL).flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
      await settle();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Arbeitsgruppe nicht gefunden');
    });
  });

  describe('Mitarbeit', () => {
    it('asks to join with a note and then shows the open request', async () => {
      await create(group());
      expect(buttons(element(), 'Person hinzufügen')).toHaveLength(0);
      expect(element().querySelector('.member-menu')).toBeNull();
      await click(button('Mitarbeit anfragen'));
      const note = present(dialog().querySelector<HTMLTextAreaElement>('textarea'), 'note');
      note.value = 'Wir planen einen digitalen Zwilling.';
      note.dispatchEvent(new Event('input'));
      await click(button('Anfrage senden', dialog()));
      const join = backend.expectOne({ method: 'POST', url: `${URL}/join` });
      expect(join.request.body).toEqual({ message: 'Wir planen einen digitalen Zwilling.' });
      join.flush(
        group({
          myRole: 'member',
          myStatus: 'requested',
          permissions: { edit: false, manageMembers: false, join: false, leave: true },
        }),
      );
      await settle();
      expect(text()).toContain('Ihre Anfrage wurde gesendet.');
      expect(text()).toContain('Ihre Anfrage zur Mitarbeit ist offen.');
      expect(buttons(element(), 'Anfrage zurückziehen')).toHaveLength(1);
    });

    it('explains why joining is not possible when the municipality is not an active member', async () => {
      await create(group({ permissions: { edit: false, manageMembers: false, join: false, leave: false } }));
      expect(buttons(element(), 'Mitarbeit anfragen')).toHaveLength(0);
      expect(text()).toContain('Mitarbeit zurzeit nicht möglich');
      expect(text()).toContain('Ihre Kommune ist zurzeit kein aktives Mitglied');
      const link = present(element().querySelector<HTMLAnchorElement>('.standing a'), 'link');
      expect(link.getAttribute('href')).toBe(`/kommunen/${HALLE}`);
    });

    it('says an archived group takes no new members', async () => {
      await create(
        group({ status: 'archived', permissions: { edit: false, manageMembers: false, join: false, leave: false } }),
      );
      expect(text()).toContain('Diese Gruppe ist archiviert.');
      expect(text(present(element().querySelector('.badges'), 'badges'))).toContain('Archiviert');
    });

    it('leaves the group after confirmation with the own id', async () => {
      await create(
        group({
          myRole: 'member',
          myStatus: 'active',
          members: [ANNA, ME],
          permissions: { edit: false, manageMembers: false, join: false, leave: true },
        }),
      );
      expect(text()).toContain('Sie arbeiten in dieser Gruppe mit.');
      expect(text(present(element().querySelector('.me-badge'), 'me')).trim()).toBe('Sie');
      await click(button('Gruppe verlassen'));
      expect(text(dialog())).toContain('Gruppe verlassen?');
      await click(button('Gruppe verlassen', dialog()));
      backend.expectOne({ method: 'DELETE', url: `${URL}/members/${TEST_USER.id}` }).flush(group({ members: [ANNA] }));
      await settle();
      expect(text()).toContain('Sie haben die Gruppe „Digitaler Zwilling“ verlassen.');
    });

    it('does not leave when the confirmation is cancelled', async () => {
      await create(
        group({
          myRole: 'member',
          myStatus: 'active',
          permissions: { edit: false, manageMembers: false, join: false, leave: true },
        }),
      );
      await click(button('Gruppe verlassen'));
      await click(button('Abbrechen', dialog()));
      backend.expectNone(`${URL}/members/${TEST_USER.id}`);
    });
  });

  describe('for leads', () => {
    const asLead = () =>
      group({
        myRole: 'lead',
        myStatus: 'active',
        members: [JONAS, { ...ANNA, personId: TEST_USER.id, name: TEST_USER.name }, MIRIAM],
        requests: [MARKUS],
        permissions: { edit: true, manageMembers: true, join: false, leave: true },
      });

    it('shows the open requests with their note and approves one', async () => {
      await create(asLead());
      const requests = present(element().querySelector('.requests'), 'requests');
      expect(text(requests)).toContain('Offene Anfragen (1)');
      expect(text(requests)).toContain('Markus Lange');
      expect(text(requests)).toContain('Wir bauen ein Sensornetz auf.');
      expect(text(requests)).toContain('Angefragt am 24.11.2026');
      await click(button('Annehmen', requests));
      const decision = backend.expectOne({ method: 'POST', url: `${URL}/members/${MARKUS.personId}/decision` });
      expect(decision.request.body).toEqual({ decision: 'approve' });
      decision.flush({ ...asLead(), requests: [], members: [...asLead().members, { ...MARKUS, status: 'active' }] });
      await settle();
      expect(element().querySelector('.requests')).toBeNull();
      expect(text()).toContain('Markus Lange ist jetzt Mitglied der Gruppe');
    });

    it('declines a request only after confirmation', async () => {
      await create(asLead());
      await click(button('Ablehnen', present(element().querySelector('.requests'), 'requests')));
      expect(text(dialog())).toContain('Anfrage ablehnen?');
      await click(button('Anfrage ablehnen', dialog()));
      const decision = backend.expectOne({ method: 'POST', url: `${URL}/members/${MARKUS.personId}/decision` });
      expect(decision.request.body).toEqual({ decision: 'decline' });
      decision.flush({ ...asLead(), requests: [] });
      await settle();
      expect(text()).toContain('Die Anfrage von Markus Lange wurde abgelehnt');
    });

    it('makes a member a lead from the member menu, and offers to reload after a conflict', async () => {
      await create(asLead());
      const trigger = present(
        element().querySelector<HTMLButtonElement>('button[aria-label="Aktionen für Jonas Becker"]'),
        'menu',
      );
      // Leads have no menu for themselves.
      expect(element().querySelector(`button[aria-label="Aktionen für ${TEST_USER.name}"]`)).toBeNull();
      await click(trigger);
      const menu = present(document.querySelector<HTMLElement>('.mat-mdc-menu-panel'), 'menu panel');
      await click(button('Zur Sprecher*in machen', menu));
      const patch = backend.expectOne({ method: 'PATCH', url: `${URL}/members/${JONAS.personId}` });
      expect(patch.request.body).toEqual({ role: 'lead' });
      patch.flush(...apiError(409, 'CONFLICT', 'Die Gruppe wurde inzwischen geändert.'));
      await settle();
      const alert = present(element().querySelector('.main-column [role="alert"] .message'), 'alert');
      expect(text(alert)).toContain('Die Gruppe wurde inzwischen geändert.');
      await click(button('Gruppe neu laden', alert));
      backend.expectOne(URL).flush(asLead());
      await settle();
      expect(element().querySelector('.main-column [role="alert"] .message')).toBeNull();
    });

    it('removes a member after confirmation', async () => {
      await create(asLead());
      await click(
        present(element().querySelector<HTMLButtonElement>('button[aria-label="Aktionen für Jonas Becker"]'), 'menu'),
      );
      await click(
        button(
          'Aus der Gruppe entfernen',
          present(document.querySelector<HTMLElement>('.mat-mdc-menu-panel'), 'panel'),
        ),
      );
      await click(button('Entfernen', dialog()));
      backend.expectOne({ method: 'DELETE', url: `${URL}/members/${JONAS.personId}` }).flush(asLead());
      await settle();
      expect(text()).toContain('Jonas Becker wurde aus der Gruppe entfernt.');
    });

    it('edits description and goals: sends only what changed, with the version, and handles a conflict', async () => {
      await create(asLead());
      await click(button('Gruppe bearbeiten'));
      // Leads do not see the fields of the coordination.
      expect(dialog().querySelector('select')).toBeNull();
      expect(Array.from(dialog().querySelectorAll('mat-label')).map((l) => l.textContent?.trim())).toEqual([
        'Phase',
        'Beschreibung',
        'Ziele',
      ]);
      const goals = dialog().querySelectorAll<HTMLTextAreaElement>('textarea')[1];
      goals.value = '- Anforderungen\n- Pilotprojekt vorbereiten';
      goals.dispatchEvent(new Event('input'));
      await click(button('Änderungen speichern', dialog()));
      const first = backend.expectOne({ method: 'PATCH', url: URL });
      expect(first.request.body).toEqual({ goals: '- Anforderungen\n- Pilotprojekt vorbereiten', version: 4 });
      first.flush(...apiError(409, 'CONFLICT', 'Konflikt', { currentVersion: 5 }));
      await settle();
      expect(text(dialog())).toContain('inzwischen von jemand anderem geändert');
      await click(button('Aktuelle Fassung laden', dialog()));
      backend.expectOne(URL).flush({ ...asLead(), version: 5, phase: 'Phase 3 (2026/27)' });
      await settle();
      expect(text(dialog())).toContain('Ihre Eingaben sind erhalten geblieben');
      // The page already shows the current state behind the dialog.
      expect(text()).toContain('Phase 3 (2026/27)');
      await click(button('Änderungen speichern', dialog()));
      const second = backend.expectOne({ method: 'PATCH', url: URL });
      expect(second.request.body).toEqual({ goals: '- Anforderungen\n- Pilotprojekt vorbereiten', version: 5 });
      second.flush({
        ...asLead(),
        version: 6,
        goalsHtml: '<ul><li>Anforderungen</li><li>Pilotprojekt vorbereiten</li></ul>',
      });
      await settle();
      expect(document.querySelector('mat-dialog-container')).toBeNull();
      expect(text()).toContain('Ihre Änderungen an der Gruppe wurden gespeichert.');
      expect(element().querySelectorAll('.markdown li')).toHaveLength(2);
    });

    it('adds a person found by name as a lead', async () => {
      await create(asLead());
      await click(button('Person hinzufügen'));
      const search = present(dialog().querySelector<HTMLInputElement>('input[type="search"]'), 'search');
      search.value = 'Koch';
      search.dispatchEvent(new Event('input'));
      await new Promise((resolve) => setTimeout(resolve, 350));
      await settle();
      backend.expectOne('/api/people?query=Koch').flush([
        {
          id: 'p-koch',
          name: 'Katharina Koch',
          functionTitle: 'Stabsstelle Digitales',
          organizationId: 'org-wb',
          organizationName: 'Wittenberg',
          email: null,
          phone: null,
          isContact: false,
          role: 'member',
          status: 'active',
          version: 1,
        },
        {
          ...JONAS,
          id: JONAS.personId,
          status: 'active',
          email: null,
          phone: null,
          isContact: false,
          role: 'member',
          version: 1,
        },
      ]);
      await settle();
      const radios = dialog().querySelectorAll<HTMLInputElement>('input[type="radio"]');
      expect(radios).toHaveLength(2);
      // Jonas is in the group already.
      expect(radios[1].disabled).toBe(true);
      expect(text(dialog())).toContain('bereits in der Gruppe');
      radios[0].click();
      await settle();
      const role = present(dialog().querySelector<HTMLSelectElement>('select'), 'role');
      role.value = 'lead';
      role.dispatchEvent(new Event('change'));
      await click(button('Katharina Koch hinzufügen', dialog()));
      const add = backend.expectOne({ method: 'POST', url: `${URL}/members` });
      expect(add.request.body).toEqual({ personId: 'p-koch', role: 'lead' });
      add.flush({
        ...asLead(),
        members: [...asLead().members, { ...JONAS, personId: 'p-koch', name: 'Katharina Koch', role: 'lead' }],
      });
      await settle();
      expect(text()).toContain('Katharina Koch ist jetzt Sprecher*in der Gruppe.');
    });
  });
});
