import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { NotificationPreference } from '../../../core/notifications.service';
import { present } from '../../../testing/dom-testing';
import { NotificationPreferencesPage } from './notification-preferences-page';

const URL = '/api/notification-preferences';

function preference(overrides: Partial<NotificationPreference> & Pick<NotificationPreference, 'kind' | 'label'>) {
  return {
    channel: 'email',
    defaultChannel: 'email',
    own: false,
    mandatory: false,
    ...overrides,
  } as NotificationPreference;
}

const PREFERENCES: NotificationPreference[] = [
  preference({ kind: 'meeting_invitation', label: 'Einladungen zu Terminen', mandatory: true }),
  preference({ kind: 'task_assigned', label: 'Mir zugewiesene Aufgaben', channel: 'off', own: true }),
  preference({ kind: 'task_due', label: 'Fällige Aufgaben' }),
  preference({
    kind: 'weekly_digest',
    label: 'Wochenübersicht am Montag',
    channel: 'in_app',
    defaultChannel: 'in_app',
  }),
];

describe('NotificationPreferencesPage', () => {
  let fixture: ComponentFixture<NotificationPreferencesPage>;
  let backend: HttpTestingController;
  let snack: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [NotificationPreferencesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    snack = vi.spyOn(TestBed.inject(MatSnackBar), 'open').mockReturnValue(undefined as never);
    fixture = TestBed.createComponent(NotificationPreferencesPage);
    await settle();
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function loaded(items = PREFERENCES): Promise<void> {
    backend.expectOne({ method: 'GET', url: URL }).flush({ items });
    await settle();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const row = (kind: string) => present(element().querySelector<HTMLElement>(`li[data-kind="${kind}"]`), kind);
  const group = (kind: string) => present(row(kind).querySelector<HTMLElement>('[role="radiogroup"]'), 'group');
  const radio = (kind: string, label: string) =>
    present(
      Array.from(row(kind).querySelectorAll<HTMLInputElement>('input[type="radio"]')).find(
        (input) => input.labels?.[0]?.textContent?.trim() === label,
      ),
      `${kind}: ${label}`,
    );
  const save = () =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('button[type="submit"]')).find((b) =>
        b.textContent?.includes('Speichern'),
      ),
      'save',
    );
  const rowText = (kind: string) => row(kind).textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('shows every kind with its channel, "Standard" where the default applies', async () => {
    await loaded();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Benachrichtigungen einstellen');
    expect(element().querySelectorAll('li.kind')).toHaveLength(4);

    // Each radio group is named by its kind and described by its state.
    const dueGroup = group('task_due');
    expect(document.getElementById(dueGroup.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Fällige Aufgaben',
    );
    expect(document.getElementById(dueGroup.getAttribute('aria-describedby') ?? '')?.textContent?.trim()).toBe(
      'Standard',
    );
    expect(radio('task_due', 'E-Mail und Portal').checked).toBe(true);
    expect(rowText('task_due')).not.toContain('Zurücksetzen auf Standard');

    expect(radio('task_assigned', 'Aus').checked).toBe(true);
    expect(rowText('task_assigned')).toContain('Ihre Einstellung · Standard: E-Mail und Portal');
    expect(rowText('task_assigned')).toContain('Zurücksetzen auf Standard');

    expect(radio('weekly_digest', 'Nur im Portal').checked).toBe(true);
  });

  it('shows invitations as always by e-mail, not changeable, and why', async () => {
    await loaded();
    const only = row('meeting_invitation').querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(only).toHaveLength(1);
    expect(only[0].labels?.[0]?.textContent?.trim()).toBe('Immer per E-Mail');
    expect(only[0].checked).toBe(true);
    expect(only[0].disabled).toBe(true);
    expect(rowText('meeting_invitation')).toContain('Kommt immer per E-Mail, weil es Ihren Kalender betrifft.');
    expect(rowText('meeting_invitation')).not.toContain('Zurücksetzen');
  });

  it('saves only what changed and says so', async () => {
    await loaded();
    expect(save().getAttribute('aria-disabled')).toBe('true');
    radio('task_due', 'Nur im Portal').click();
    await settle();
    expect(rowText('task_due')).toContain('Ihre Einstellung · Standard: E-Mail und Portal');
    expect(element().querySelector('.pending')?.textContent?.trim()).toBe('Eine Änderung noch nicht gespeichert');

    save().click();
    await settle();
    const put = backend.expectOne({ method: 'PUT', url: URL });
    expect(put.request.body).toEqual({ choices: [{ kind: 'task_due', channel: 'in_app' }] });
    put.flush({
      items: PREFERENCES.map((p) => (p.kind === 'task_due' ? { ...p, channel: 'in_app', own: true } : p)),
    });
    await settle();
    expect(snack).toHaveBeenCalledWith('Ihre Einstellungen wurden gespeichert.', 'Schließen', expect.anything());
    expect(radio('task_due', 'Nur im Portal').checked).toBe(true);
    expect(element().querySelector('.pending')).toBeNull();
  });

  it('resets a kind to the default', async () => {
    await loaded();
    const reset = present(
      Array.from(row('task_assigned').querySelectorAll('button')).find((b) =>
        b.textContent?.includes('Zurücksetzen auf Standard'),
      ),
      'reset',
    );
    reset.click();
    await settle();
    expect(radio('task_assigned', 'E-Mail und Portal').checked).toBe(true);
    expect(rowText('task_assigned')).toContain('Standard');
    expect(rowText('task_assigned')).not.toContain('Zurücksetzen');

    save().click();
    await settle();
    const put = backend.expectOne({ method: 'PUT', url: URL });
    expect(put.request.body).toEqual({ choices: [{ kind: 'task_assigned', channel: 'default' }] });
    put.flush({
      items: PREFERENCES.map((p) => (p.kind === 'task_assigned' ? { ...p, channel: 'email', own: false } : p)),
    });
    await settle();
  });

  it('keeps following the default when the default channel is chosen again', async () => {
    await loaded();
    radio('task_due', 'Aus').click();
    await settle();
    radio('task_due', 'E-Mail und Portal').click();
    await settle();
    expect(rowText('task_due')).toContain('Standard');
    expect(element().querySelector('.pending')).toBeNull();
  });

  it('shows a failed save in German and keeps the choice', async () => {
    await loaded();
    radio('task_due', 'Aus').click();
    await settle();
    save().click();
    await settle();
    backend
      .expectOne({ method: 'PUT', url: URL })
      .flush(
        { code: 'INTERNAL', message: 'Auf dem Server ist ein Fehler aufgetreten.', details: {}, correlationId: 't' },
        { status: 500, statusText: 'Server Error' },
      );
    await settle();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'Ihre Einstellungen wurden nicht gespeichert. Auf dem Server ist ein Fehler aufgetreten.',
    );
    expect(radio('task_due', 'Aus').checked).toBe(true);
    expect(snack).not.toHaveBeenCalled();
  });

  it('says so when the settings cannot be loaded, and tries again', async () => {
    backend
      .expectOne(URL)
      .flush(
        { code: 'INTERNAL', message: 'Fehler.', details: {}, correlationId: 't' },
        { status: 500, statusText: 'x' },
      );
    await settle();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'Ihre Einstellungen konnten nicht geladen werden.',
    );
    present(element().querySelector<HTMLButtonElement>('[role="alert"] button'), 'retry').click();
    await settle();
    await loaded();
    expect(element().querySelectorAll('li.kind')).toHaveLength(4);
  });
});
