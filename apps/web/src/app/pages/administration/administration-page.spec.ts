import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { AccountSummaryDto } from '../../api/generated/models/account-summary-dto';
import { MeDto } from '../../api/generated/models/me-dto';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { AdministrationPage } from './administration-page';
import { auditActionLabel } from './audit-actions';

const ADMIN: MeDto = { ...TEST_USER, role: 'admin', secondFactorEnabled: true };
const COORDINATOR: MeDto = { ...TEST_USER, role: 'coordinator', secondFactorEnabled: true };

const ACCOUNTS: AccountSummaryDto[] = [
  {
    id: TEST_USER.id,
    email: TEST_USER.email,
    name: TEST_USER.name,
    role: 'admin',
    status: 'active',
    secondFactorEnabled: true,
    lastLoginAt: '2026-11-26T13:05:00.000Z',
    version: 3,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'jonas@magdeburg.de',
    name: 'Jonas Beispiel',
    role: 'member',
    status: 'invited',
    secondFactorEnabled: false,
    lastLoginAt: null,
    version: 1,
  },
];

function apiError(status: number, code: string, message: string) {
  return [
    { code, message, details: {}, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}

describe('AdministrationPage', () => {
  let fixture: ComponentFixture<AdministrationPage>;
  let backend: HttpTestingController;

  async function create(user: MeDto): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AdministrationPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(AdministrationPage);
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
  const rows = () => Array.from(element().querySelectorAll('tr.mat-mdc-row'));
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const menuItems = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[role="menuitem"]'));

  /** Opens the row's "Aktionen" menu and picks an entry. */
  async function rowAction(row: Element, label: string): Promise<void> {
    buttons(row, 'Aktionen')[0].click();
    await settle();
    present(
      menuItems().find((item) => item.textContent?.includes(label)),
      `menu item ${label}`,
    ).click();
    await settle();
  }

  async function loadPeople(accounts = ACCOUNTS): Promise<void> {
    backend.expectOne((r) => r.url === '/api/accounts' && r.method === 'GET').flush(accounts);
    await settle();
  }

  it('tells members politely that they have no access, without asking the api', async () => {
    await create({ ...TEST_USER, role: 'member' });
    expect(text()).toContain('Kein Zugriff');
    expect(element().querySelector('table')).toBeNull();
  });

  it('lists the people in German for coordinators, without actions or log', async () => {
    await create(COORDINATOR);
    await loadPeople();
    expect(element().querySelector('h1')?.textContent).toBe('Verwaltung');
    expect(element().querySelector('mat-tab-group')).toBeNull();
    expect(element().querySelector('a[href="/verwaltung/benachrichtigungen/einstellungen"]')?.textContent).toContain(
      'Erinnerungen und Benachrichtigungen einstellen',
    );
    const headers = Array.from(element().querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Person', 'Rolle', 'Status', 'Zwei-Faktor', 'Letzte Anmeldung']);
    const cells = rows().map((row) =>
      Array.from(row.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(cells).toEqual([
      ['Erika Muster erika.muster@halle.de', 'Administration', 'Aktiv', 'Ja', '26.11.2026, 14:05 Uhr'],
      ['Jonas Beispiel jonas@magdeburg.de', 'Mitglied', 'Eingeladen', 'Nein', 'noch nie'],
    ]);
  });

  it('filters by role and status', async () => {
    await create(COORDINATOR);
    await loadPeople();
    const [role, status] = Array.from(element().querySelectorAll<HTMLSelectElement>('select'));
    role.value = role.options[2].value;
    role.dispatchEvent(new Event('change'));
    await settle();
    backend.expectOne('/api/accounts?role=coordinator').flush([]);
    await settle();
    status.value = status.options[3].value;
    status.dispatchEvent(new Event('change'));
    await settle();
    backend.expectOne('/api/accounts?role=coordinator&status=deactivated').flush([]);
    await settle();
    expect(text()).toContain('Keine Personen gefunden.');
  });

  it('lets coordinators invite members only, and confirms with a snack bar', async () => {
    await create(COORDINATOR);
    await loadPeople();
    buttons(element(), 'Person einladen')[0].click();
    await settle();
    const options = Array.from(dialog().querySelectorAll('option')).map((o) => o.textContent?.trim());
    expect(options).toEqual(['Mitglied']);
    const [name, email] = Array.from(dialog().querySelectorAll<HTMLInputElement>('input'));
    name.value = 'Nora Neu';
    name.dispatchEvent(new Event('input'));
    email.value = 'nora@halle.de';
    email.dispatchEvent(new Event('input'));
    buttons(dialog(), 'Einladung senden')[0].click();
    await settle();
    const request = backend.expectOne({ method: 'POST', url: '/api/invitations' });
    expect(request.request.body).toEqual({ name: 'Nora Neu', email: 'nora@halle.de', role: 'member' });
    request.flush({ accountId: 'x', expiresAt: '2026-12-03T00:00:00.000Z' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain(
      'Die Einladung an Nora Neu wurde verschickt.',
    );
    await loadPeople();
  });

  it('explains in the invite dialog when the second factor is missing', async () => {
    await create(COORDINATOR);
    await loadPeople();
    buttons(element(), 'Person einladen')[0].click();
    await settle();
    const [name, email] = Array.from(dialog().querySelectorAll<HTMLInputElement>('input'));
    name.value = 'Nora Neu';
    name.dispatchEvent(new Event('input'));
    email.value = 'nora@halle.de';
    email.dispatchEvent(new Event('input'));
    buttons(dialog(), 'Einladung senden')[0].click();
    await settle();
    backend
      .expectOne('/api/invitations')
      .flush(...apiError(403, 'SECOND_FACTOR_SETUP_REQUIRED', 'Bitte zuerst die Zwei-Faktor-Anmeldung einrichten.'));
    await settle();
    expect(dialog().querySelector('a[href="/profil"]')).not.toBeNull();
  });

  it('shows the hint with a link to the profile when the list needs the second factor', async () => {
    await create({ ...COORDINATOR, secondFactorEnabled: false });
    backend
      .expectOne('/api/accounts')
      .flush(...apiError(403, 'SECOND_FACTOR_SETUP_REQUIRED', 'Für diese Aktion richten Sie bitte zuerst …'));
    await settle();
    expect(text()).toContain('Bitte richten Sie die Zwei-Faktor-Anmeldung ein');
    expect(text()).toContain('Für diese Aktion richten Sie bitte zuerst');
    expect(element().querySelectorAll('a[href="/profil"]').length).toBeGreaterThan(0);
  });

  describe('for admins', () => {
    beforeEach(async () => {
      await create(ADMIN);
      await loadPeople([ACCOUNTS[0], { ...ACCOUNTS[1], status: 'active' }]);
    });

    it('offers only "Rolle ändern" for an invitation not yet accepted', async () => {
      const invitedRows = [ACCOUNTS[0], ACCOUNTS[1]];
      // Reload with the invitation as it is.
      present(element().querySelector<HTMLSelectElement>('select'), 'role filter').dispatchEvent(new Event('change'));
      await settle();
      backend.expectOne('/api/accounts').flush(invitedRows);
      await settle();
      buttons(rows()[1], 'Aktionen')[0].click();
      await settle();
      expect(menuItems().map((item) => item.querySelector('.mat-mdc-menu-item-text')?.textContent?.trim())).toEqual([
        'Rolle ändern',
      ]);
    });

    it('offers no actions on the own account', () => {
      expect(text(rows()[0])).toContain('Ihr Zugang');
      expect(buttons(rows()[0], 'Aktionen')).toHaveLength(0);
      expect(buttons(rows()[1], 'Aktionen')).toHaveLength(1);
    });

    it('deactivates after confirming, sending the version', async () => {
      await rowAction(rows()[1], 'Deaktivieren');
      expect(dialog().textContent).toContain('Zugang deaktivieren?');
      buttons(dialog(), 'Deaktivieren')[0].click();
      await settle();
      const request = backend.expectOne({ method: 'PATCH', url: `/api/accounts/${ACCOUNTS[1].id}` });
      expect(request.request.body).toEqual({ status: 'deactivated', version: 1 });
      request.flush({ ...ACCOUNTS[1], status: 'deactivated', version: 2 });
      await settle();
      expect(text(rows()[1])).toContain('Deaktiviert');
      buttons(rows()[1], 'Aktionen')[0].click();
      await settle();
      expect(menuItems().map((item) => item.querySelector('.mat-mdc-menu-item-text')?.textContent?.trim())).toEqual([
        'Rolle ändern',
        'Reaktivieren',
      ]);
      expect(element().querySelector('[role="status"]')?.textContent).toContain('wurde deaktiviert');
    });

    it('changes the role and offers to reload after a conflict', async () => {
      await rowAction(rows()[1], 'Rolle ändern');
      const select = present(dialog().querySelector<HTMLSelectElement>('select'), 'role select');
      select.value = select.options[1].value;
      select.dispatchEvent(new Event('change'));
      buttons(dialog(), 'Rolle speichern')[0].click();
      await settle();
      const request = backend.expectOne({ method: 'PATCH', url: `/api/accounts/${ACCOUNTS[1].id}` });
      expect(request.request.body).toEqual({ role: 'coordinator', version: 1 });
      request.flush(
        ...apiError(409, 'CONFLICT', 'Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte laden Sie ihn neu.'),
      );
      await settle();
      const alert = present(element().querySelector('[role="alert"]'), 'alert');
      expect(alert.textContent).toContain('Jemand anderes hat diesen Eintrag inzwischen geändert.');
      buttons(alert, 'Liste neu laden')[0].click();
      await settle();
      await loadPeople();
    });

    it('shows the notifications’ health in its own tab, and links to the defaults', async () => {
      expect(element().querySelector('a[href="/verwaltung/benachrichtigungen/einstellungen"]')).not.toBeNull();
      Array.from(element().querySelectorAll<HTMLElement>('[role="tab"]'))[1].click();
      await settle();
      backend.expectOne('/api/admin/notifications/health').flush({
        redisReachable: true,
        queues: [],
        schedules: [],
        reminders: [],
        mails: [],
        oldestDueSeconds: 0,
      });
      backend.expectOne('/api/admin/notifications/failed').flush({ items: [], failedReminders: [] });
      await settle();
      expect(text()).toContain('Redis ist erreichbar.');
      expect(text()).toContain('Keine fehlgeschlagenen oder unklaren E-Mails.');
    });

    it('shows the log with German actions and loads more', async () => {
      const tabs = Array.from(element().querySelectorAll<HTMLElement>('[role="tab"]'));
      expect(tabs.map((t) => t.textContent?.trim())).toEqual(['Personen', 'Benachrichtigungen', 'Protokoll']);
      tabs[2].click();
      await settle();
      const event = (id: string, action: string) => ({
        id,
        occurredAt: '2026-11-26T08:00:00.000Z',
        actorId: TEST_USER.id,
        actorName: 'Erika Muster',
        action,
        subjectType: 'account',
        subjectId: null,
        ip: '192.0.2.1',
        details: null,
      });
      backend.expectOne('/api/audit').flush({ items: [event('1', 'auth.login')], nextCursor: 'c1' });
      await settle();
      expect(text(rows()[0])).toContain('Anmeldung');
      expect(text(rows()[0])).toContain('26.11.2026, 09:00 Uhr');
      buttons(element(), 'Weitere laden')[0].click();
      await settle();
      backend.expectOne('/api/audit?cursor=c1').flush({ items: [event('2', 'demo.unknown')], nextCursor: null });
      await settle();
      expect(rows()).toHaveLength(2);
      expect(text(rows()[1])).toContain('demo.unknown');
      expect(buttons(element(), 'Weitere laden')).toHaveLength(0);
    });
  });

  it('names the known audit actions in German and leaves unknown ones as they are', () => {
    expect(auditActionLabel('auth.login_failed')).toBe('Fehlgeschlagene Anmeldung');
    expect(auditActionLabel('auth.totp_enabled')).toBe('Zwei-Faktor-Anmeldung eingerichtet');
    expect(auditActionLabel('account.invited')).toBe('Einladung');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
