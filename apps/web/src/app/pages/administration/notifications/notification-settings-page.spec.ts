import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Route, Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NOTIFICATION_KINDS } from '@srp/contracts';
import { MeDto } from '../../../api/generated/models/me-dto';
import { appRoutes } from '../../../app.routes';
import { NotificationSettings, ReminderSettings } from '../../../core/notifications-admin.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { NotificationSettingsPage } from './notification-settings-page';

const URL = '/api/notification-settings';

function stored(overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  const channels: ReminderSettings['channels'] = {};
  for (const kind of NOTIFICATION_KINDS) {
    channels[kind] = 'email';
  }
  channels['task_mentioned'] = 'in_app';
  return {
    settings: {
      channels,
      meetingReminders: [
        { type: 'hours_before', hours: 24 },
        { type: 'hours_before', hours: 1 },
      ],
      agendaCallDaysBefore: 7,
      taskDueSoonDays: 2,
      minutesDeadlineDays: null,
    },
    version: 3,
    updatedAt: '2026-11-26T13:05:00.000Z',
    updatedBy: 'Erika Muster',
    ...overrides,
  };
}

function apiError(status: number, code: string, message: string, details: unknown = {}) {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}

describe('NotificationSettingsPage', () => {
  let fixture: ComponentFixture<NotificationSettingsPage>;
  let backend: HttpTestingController;

  async function create(answer: NotificationSettings = stored()): Promise<void> {
    TestBed.configureTestingModule({
      imports: [NotificationSettingsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationSettingsPage);
    await settle();
    backend.expectOne({ method: 'GET', url: URL }).flush(answer);
    await settle();
  }

  afterEach(() => backend?.verify());

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttons = (root: ParentNode, name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.includes(name));
  const byId = <T extends HTMLElement>(id: string) => present(element().querySelector<T>(`#${id}`), `#${id}`);
  const field = (id: string) => present(byId(id).closest('mat-form-field'), `field of #${id}`) as HTMLElement;
  const rules = () => Array.from(element().querySelectorAll<HTMLElement>('.rule'));
  const alert = () => present(element().querySelector<HTMLElement>('[role="alert"]'), 'alert');

  function choose(id: string, value: string): void {
    const select = byId<HTMLSelectElement>(id);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  /** For the "days or off" selects, whose options carry numbers: by the option's text. */
  function chooseOption(id: string, label: string): void {
    const select = byId<HTMLSelectElement>(id);
    const index = Array.from(select.options).findIndex((o) => o.textContent?.trim() === label);
    expect(index, `option ${label}`).toBeGreaterThanOrEqual(0);
    select.selectedIndex = index;
    select.dispatchEvent(new Event('change'));
  }

  function type(id: string, value: string): void {
    const input = byId<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    buttons(element(), 'Einstellungen speichern')[0].click();
    await settle();
  }

  it('shows the defaults in German, with who changed them last', async () => {
    await create();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Erinnerungen und Benachrichtigungen');
    expect(text()).toContain('Zuletzt geändert von Erika Muster am 26.11.2026, 14:05 Uhr.');
    expect(text()).toContain('Einladungen zu Terminen: E-Mail und Portal – immer, nicht abschaltbar');
    expect(text()).toContain('Absagen von Terminen: E-Mail und Portal – immer, nicht abschaltbar');
    expect(element().querySelector('#channel-meeting_invitation')).toBeNull();
    const mentioned = byId<HTMLSelectElement>('channel-task_mentioned');
    expect(mentioned.value).toBe('in_app');
    expect(Array.from(mentioned.options).map((o) => o.textContent?.trim())).toEqual([
      'E-Mail und Portal',
      'Nur im Portal',
      'Aus',
    ]);
    expect(text(field('channel-task_mentioned'))).toContain('Erwähnungen in Kommentaren');
    expect(byId<HTMLSelectElement>('channel-task_due').value).toBe('email');
    expect(rules()).toHaveLength(2);
    expect(byId<HTMLInputElement>('rule-0-hours').value).toBe('24');
    expect(byId<HTMLInputElement>('rule-1-hours').value).toBe('1');
    const agenda = byId<HTMLSelectElement>('agendaCallDaysBefore');
    expect(agenda.selectedOptions[0].textContent?.trim()).toBe('7 Tage vor dem Termin');
    expect(agenda.options[0].textContent?.trim()).toBe('Aus');
    expect(agenda.options).toHaveLength(29);
    expect(byId<HTMLSelectElement>('taskDueSoonDays').selectedOptions[0].textContent?.trim()).toBe(
      '2 Tage vor der Fälligkeit',
    );
    expect(byId<HTMLSelectElement>('minutesDeadlineDays').selectedOptions[0].textContent?.trim()).toBe('Aus');
  });

  it('says when the defaults were never changed', async () => {
    await create(stored({ version: 0, updatedAt: null, updatedBy: null }));
    expect(text()).toContain('Noch nie geändert: Es gelten die Voreinstellungen des Portals.');
  });

  it('saves channels, reminder rules and days with the version it is based on', async () => {
    await create();
    choose('channel-task_due', 'in_app');
    choose('channel-weekly_digest', 'off');
    type('rule-0-hours', '48');
    choose('rule-1-type', 'day_before_at');
    await settle();
    expect(element().querySelector('#rule-1-hours')).toBeNull();
    type('rule-1-time', '08:30');
    buttons(element(), 'Erinnerung hinzufügen')[0].click();
    await settle();
    expect(document.activeElement).toBe(byId('rule-2-type'));
    type('rule-2-hours', '2');
    chooseOption('agendaCallDaysBefore', '14 Tage vor dem Termin');
    chooseOption('taskDueSoonDays', 'Aus');
    chooseOption('minutesDeadlineDays', '1 Tag vor der Frist');
    await submit();
    expect(text(buttons(element(), 'Wird gespeichert')[0])).toBe('Wird gespeichert …');

    const request = backend.expectOne({ method: 'PUT', url: URL });
    const body = request.request.body as { settings: ReminderSettings; version: number };
    expect(body.version).toBe(3);
    expect(body.settings.meetingReminders).toEqual([
      { type: 'hours_before', hours: 48 },
      { type: 'day_before_at', time: '08:30' },
      { type: 'hours_before', hours: 2 },
    ]);
    expect(body.settings.agendaCallDaysBefore).toBe(14);
    expect(body.settings.taskDueSoonDays).toBeNull();
    expect(body.settings.minutesDeadlineDays).toBe(1);
    expect(Object.keys(body.settings.channels).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(body.settings.channels).toMatchObject({
      meeting_invitation: 'email',
      meeting_cancelled: 'email',
      task_due: 'in_app',
      task_mentioned: 'in_app',
      weekly_digest: 'off',
      meeting_reminder: 'email',
    });

    request.flush({
      settings: body.settings,
      version: 4,
      updatedAt: '2026-11-27T09:30:00.000Z',
      updatedBy: 'Jonas Beispiel',
    });
    await settle();
    expect(text(present(element().querySelector('[role="status"]'), 'status'))).toContain(
      'Die Einstellungen sind gespeichert.',
    );
    expect(text()).toContain('Zuletzt geändert von Jonas Beispiel am 27.11.2026, 10:30 Uhr.');
    expect(byId<HTMLInputElement>('rule-1-time').value).toBe('08:30');

    // The next save is based on the new version.
    await submit();
    const next = backend.expectOne({ method: 'PUT', url: URL });
    expect((next.request.body as { version: number }).version).toBe(4);
    next.flush(stored({ version: 5 }));
    await settle();
  });

  it('allows at most four meeting reminders and removing them all', async () => {
    await create();
    buttons(element(), 'Erinnerung hinzufügen')[0].click();
    await settle();
    buttons(element(), 'Erinnerung hinzufügen')[0].click();
    await settle();
    expect(rules()).toHaveLength(4);
    expect(buttons(element(), 'Erinnerung hinzufügen')).toHaveLength(0);
    expect(text()).toContain('Mehr als 4 Erinnerungen je Termin sind nicht möglich.');

    for (let i = 3; i >= 0; i--) {
      const remove = present(
        rules()[i].querySelector<HTMLButtonElement>(`button[aria-label="Erinnerung ${i + 1} entfernen"]`),
        `remove ${i + 1}`,
      );
      remove.click();
      await settle();
    }
    expect(rules()).toHaveLength(0);
    expect(text()).toContain('Keine Erinnerungen an Termine.');
    expect(document.activeElement).toBe(buttons(element(), 'Erinnerung hinzufügen')[0]);
    await submit();
    const request = backend.expectOne({ method: 'PUT', url: URL });
    expect((request.request.body as { settings: ReminderSettings }).settings.meetingReminders).toEqual([]);
    request.flush(stored({ version: 4 }));
    await settle();
  });

  it('checks the hours and times before sending anything', async () => {
    await create();
    type('rule-0-hours', '');
    type('rule-1-hours', '2.5');
    buttons(element(), 'Erinnerung hinzufügen')[0].click();
    await settle();
    choose('rule-2-type', 'day_before_at');
    await settle();
    type('rule-2-time', '');
    await submit();
    backend.expectNone({ method: 'PUT', url: URL });
    expect(text(alert())).toContain('Bitte prüfen Sie die markierten Angaben.');
    expect(text(field('rule-0-hours'))).toContain('Bitte eine ganze Zahl von 1 bis 336.');
    expect(text(field('rule-1-hours'))).toContain('Bitte eine ganze Zahl von 1 bis 336.');
    expect(text(field('rule-2-time'))).toContain('Bitte eine Uhrzeit wie 09:00.');
    expect(document.activeElement).toBe(byId('rule-0-hours'));
  });

  it('shows the api’s field errors at their fields and the others in the banner', async () => {
    await create();
    type('rule-1-hours', '24');
    await submit();
    backend.expectOne({ method: 'PUT', url: URL }).flush(
      ...apiError(400, 'VALIDATION_FAILED', 'Die Eingaben sind ungültig.', [
        { field: 'settings.meetingReminders.1', code: 'invalid', message: 'Diese Erinnerung ist doppelt.' },
        {
          field: 'settings.taskDueSoonDays',
          code: 'invalid',
          message: 'Tage vor Fälligkeit: eine ganze Zahl von 1 bis 14 oder leer (aus).',
        },
        { field: 'settings.channels.task_due', code: 'invalid', message: 'Weg: E-Mail, nur im Portal oder aus.' },
        {
          field: 'settings.channels.meeting_invitation',
          code: 'invalid',
          message: 'Einladungen und Absagen gehen immer per E-Mail hinaus.',
        },
        { field: 'settings.meetingReminders', code: 'invalid', message: 'Höchstens 4 Erinnerungen je Termin.' },
      ]),
    );
    await settle();
    expect(text(field('rule-1-hours'))).toContain('Diese Erinnerung ist doppelt.');
    expect(text(field('rule-0-hours'))).not.toContain('doppelt');
    expect(text(field('taskDueSoonDays'))).toContain('Tage vor Fälligkeit: eine ganze Zahl von 1 bis 14');
    expect(text(field('channel-task_due'))).toContain('Weg: E-Mail, nur im Portal oder aus.');
    expect(text()).toContain('Höchstens 4 Erinnerungen je Termin.');
    expect(text(alert())).toContain('Die Einstellungen wurden nicht gespeichert.');
    expect(text(alert())).toContain('Einladungen und Absagen gehen immer per E-Mail hinaus.');
    expect(document.activeElement).toBe(byId('channel-task_due'));

    // Changing the value clears the api's message at that field.
    type('rule-1-hours', '12');
    await settle();
    expect(text(field('rule-1-hours'))).not.toContain('doppelt');

    // The api's other messages do not block the next attempt: the api checks again.
    expect(text(field('taskDueSoonDays'))).toContain('Tage vor Fälligkeit');
    await submit();
    backend.expectOne({ method: 'PUT', url: URL }).flush(stored({ version: 4 }));
    await settle();
    expect(text(field('taskDueSoonDays'))).not.toContain('Tage vor Fälligkeit: eine ganze Zahl');
    expect(alert().textContent?.trim()).toBe('');
  });

  it('asks to reload when someone else saved in between, and reloads', async () => {
    await create();
    choose('channel-task_due', 'off');
    await submit();
    backend
      .expectOne({ method: 'PUT', url: URL })
      .flush(
        ...apiError(
          409,
          'CONFLICT',
          'Die Einstellungen wurden inzwischen von jemand anderem geändert. Bitte laden Sie neu und wiederholen Sie Ihre Änderung.',
        ),
      );
    await settle();
    expect(text(alert())).toContain('inzwischen von jemand anderem geändert');
    expect(text(alert())).toContain('Ihre Änderungen wurden nicht gespeichert.');
    buttons(alert(), 'Neu laden')[0].click();
    await settle();
    backend.expectOne({ method: 'GET', url: URL }).flush(stored({ version: 5, updatedBy: 'Jonas Beispiel' }));
    await settle();
    expect(byId<HTMLSelectElement>('channel-task_due').value).toBe('email');
    expect(text()).toContain('Zuletzt geändert von Jonas Beispiel');
    expect(alert().textContent?.trim()).toBe('');
    await submit();
    expect((backend.expectOne({ method: 'PUT', url: URL }).request.body as { version: number }).version).toBe(5);
  });

  it('points to the profile when the second factor is missing', async () => {
    TestBed.configureTestingModule({
      imports: [NotificationSettingsPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationSettingsPage);
    await settle();
    backend
      .expectOne(URL)
      .flush(...apiError(403, 'SECOND_FACTOR_SETUP_REQUIRED', 'Für diese Aktion richten Sie bitte zuerst …'));
    await settle();
    expect(text(alert())).toContain('Für diese Aktion richten Sie bitte zuerst');
    expect(alert().querySelector('a[href="/profil"]')).not.toBeNull();
    expect(element().querySelector('form')).toBeNull();
  });
});

@Component({ template: '<h1>Übersicht</h1>', changeDetection: ChangeDetectionStrategy.OnPush })
class Overview {}

describe('the route of NotificationSettingsPage', () => {
  const PATH = 'verwaltung/benachrichtigungen/einstellungen';

  /** The real route from appRoutes, beside a stand-in overview. */
  function routes(): Route[] {
    const signedIn = present(
      appRoutes.find((route) => route.children?.some((child) => child.path === PATH)),
      'guarded group',
    );
    const own = present(
      signedIn.children?.find((child) => child.path === PATH),
      'settings route',
    );
    return [{ path: '', pathMatch: 'full', component: Overview }, own];
  }

  async function open(user: MeDto): Promise<RouterTestingHarness> {
    TestBed.configureTestingModule({
      providers: [provideRouter(routes()), provideHttpClient(), provideHttpClientTesting()],
    });
    vi.spyOn(TestBed.inject(MatSnackBar), 'open').mockReturnValue(undefined as never);
    const harness = await RouterTestingHarness.create();
    await answerMe(user);
    await harness.navigateByUrl(`/${PATH}`);
    return harness;
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it.each(['coordinator', 'admin'] as const)('lets %s in', async (role) => {
    const harness = await open({ ...TEST_USER, role });
    expect(TestBed.inject(Router).url).toBe(`/${PATH}`);
    TestBed.inject(HttpTestingController).expectOne(URL).flush(stored());
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe(
      'Erinnerungen und Benachrichtigungen',
    );
  });

  it('sends members to the overview', async () => {
    const harness = await open({ ...TEST_USER, role: 'member' });
    expect(TestBed.inject(Router).url).toBe('/');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Übersicht');
  });
});
