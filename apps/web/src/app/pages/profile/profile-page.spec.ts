import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { SessionDto } from '../../api/generated/models/session-dto';
import { AuthService } from '../../core/auth.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { ProfilePage } from './profile-page';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const SESSIONS: SessionDto[] = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    createdAt: '2026-11-20T07:00:00.000Z',
    lastSeenAt: '2026-11-24T16:30:00.000Z',
    userAgent: FIREFOX_WINDOWS,
    ip: '192.0.2.10',
    current: false,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    createdAt: '2026-11-26T08:00:00.000Z',
    lastSeenAt: '2026-11-26T13:05:00.000Z',
    userAgent: CHROME_LINUX,
    ip: '127.0.0.1',
    current: true,
  },
  {
    id: '33333333-3333-4333-8333-333333333333',
    createdAt: '2026-11-25T06:00:00.000Z',
    lastSeenAt: '2026-11-25T22:59:00.000Z',
    userAgent: SAFARI_IPHONE,
    ip: null,
    current: false,
  },
];

function apiError(status: number, body: object) {
  return [body, { status, statusText: 'Fehler' }] as const;
}

describe('ProfilePage', () => {
  let fixture: ComponentFixture<ProfilePage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ProfilePage],
      providers: [
        // The page links to the notification settings.
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        // The dialog closes at once instead of waiting for an animation jsdom never finishes.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(TEST_USER);
    fixture = TestBed.createComponent(ProfilePage);
    await fixture.whenStable();
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const section = (heading: string) =>
    present(
      Array.from(element().querySelectorAll('section')).find(
        (s) => s.querySelector('h2')?.textContent?.trim() === heading,
      ),
      `section ${heading}`,
    );
  const buttons = (root: ParentNode, name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.includes(name));

  async function loadSessions(sessions: SessionDto[] = SESSIONS): Promise<void> {
    backend.expectOne('/api/auth/sessions').flush(sessions);
    await fixture.whenStable();
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** Clicks a button of the open confirmation dialog. */
  async function answerDialog(label: string): Promise<void> {
    await settle();
    const dialog = present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
    buttons(dialog, label)[0].click();
    await settle();
  }

  describe('Ihre Angaben', () => {
    it('shows name, e-mail address and the role in German', async () => {
      await loadSessions();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Mein Profil');
      const facts = Array.from(section('Ihre Angaben').querySelectorAll('dt')).map((dt) => [
        dt.textContent?.trim(),
        (dt.nextElementSibling?.querySelector('.fact-value') ?? dt.nextElementSibling)?.textContent?.trim(),
      ]);
      expect(facts).toEqual([
        ['Name', 'Erika Muster'],
        ['E-Mail-Adresse', 'erika.muster@halle.de'],
        ['Rolle', 'Koordination'],
      ]);
    });

    it.each([
      ['admin', 'Administration'],
      ['member', 'Mitglied'],
    ] as const)('calls the role %s "%s"', async (role, label) => {
      await loadSessions();
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        imports: [ProfilePage],
        providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
      });
      backend = TestBed.inject(HttpTestingController);
      await answerMe({ ...TEST_USER, role });
      fixture = TestBed.createComponent(ProfilePage);
      await fixture.whenStable();
      await loadSessions();
      expect(section('Ihre Angaben').textContent).toContain(label);
    });
  });

  describe('Funktion und Kontakt', () => {
    it('has its own card below "Ihre Angaben" that says what others in the initiative see', async () => {
      await loadSessions();
      const headings = Array.from(element().querySelectorAll('h2')).map((h) => h.textContent?.trim());
      expect(headings.indexOf('Funktion und Kontakt')).toBe(headings.indexOf('Ihre Angaben') + 1);
      const card = section('Funktion und Kontakt');
      expect(card.textContent).toContain(
        'Ihr Name und Ihre Organisation sind für alle in der Landesinitiative sichtbar',
      );
      expect(card.querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
    });
  });

  describe('Namen ändern', () => {
    const card = () => section('Ihre Angaben');
    const nameInput = () => card().querySelector<HTMLInputElement>('input[autocomplete="name"]');
    const type = (value: string) => {
      const input = present(nameInput(), 'name input');
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };

    async function openForm(): Promise<void> {
      await loadSessions();
      buttons(card(), 'Namen ändern')[0].click();
      await settle();
    }

    async function submit(): Promise<void> {
      buttons(card(), 'Speichern')[0].click();
      await settle();
    }

    it('opens a form with the current name and moves the focus into the field', async () => {
      await openForm();
      const input = present(nameInput(), 'name input');
      expect(input.value).toBe('Erika Muster');
      expect(input.required).toBe(true);
      expect(document.activeElement).toBe(input);
      expect(card().querySelector('mat-label')?.textContent).toBe('Name');
      expect(buttons(card(), 'Namen ändern')).toHaveLength(0);
      expect(buttons(card(), 'Abbrechen')).toHaveLength(1);
    });

    it('saves the name with the version, refreshes the person and says so politely', async () => {
      await openForm();
      type('  Erika Beispiel ');
      await submit();

      const request = backend.expectOne('/api/auth/me');
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ name: 'Erika Beispiel', version: 1 });
      request.flush({ ...TEST_USER, name: 'Erika Beispiel', version: 2 });
      await settle();
      const refresh = backend.expectOne('/api/auth/me');
      expect(refresh.request.method).toBe('GET');
      refresh.flush({ ...TEST_USER, name: 'Erika Beispiel', version: 2 });
      await settle();

      expect(nameInput()).toBeNull();
      expect(card().querySelector('.fact-value')?.textContent?.trim()).toBe('Erika Beispiel');
      expect(card().querySelector('[role="status"]')?.textContent).toContain(
        'Ihr Name wurde in „Erika Beispiel“ geändert.',
      );
      expect(document.activeElement).toBe(buttons(card(), 'Namen ändern')[0]);
      expect(TestBed.inject(AuthService).user()?.version).toBe(2);
    });

    it('requires a name of at most 200 characters, without asking the api', async () => {
      await openForm();
      type('   ');
      await submit();
      expect(card().querySelector('mat-error')?.textContent).toContain('Bitte geben Sie Ihren Namen ein.');
      expect(document.activeElement).toBe(nameInput());

      type('x'.repeat(201));
      await submit();
      expect(card().querySelector('mat-error')?.textContent).toContain('höchstens 200 Zeichen');
      backend.expectNone('/api/auth/me');
    });

    it('closes without saving on Abbrechen and on Escape, and gives the focus back to the button', async () => {
      await openForm();
      type('Jemand anderes');
      buttons(card(), 'Abbrechen')[0].click();
      await settle();
      expect(nameInput()).toBeNull();
      expect(card().querySelector('.fact-value')?.textContent?.trim()).toBe('Erika Muster');
      expect(document.activeElement).toBe(buttons(card(), 'Namen ändern')[0]);

      buttons(card(), 'Namen ändern')[0].click();
      await settle();
      present(nameInput(), 'name input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await settle();
      expect(nameInput()).toBeNull();
      expect(document.activeElement).toBe(buttons(card(), 'Namen ändern')[0]);
      backend.expectNone('/api/auth/me');
    });

    it('shows the api message at the field for a 400', async () => {
      await openForm();
      type('Erika <script>');
      await submit();
      backend.expectOne({ method: 'PATCH', url: '/api/auth/me' }).flush(
        ...apiError(400, {
          code: 'VALIDATION_FAILED',
          message: 'Die Eingaben sind unvollständig.',
          details: [{ field: 'name', message: 'Der Name enthält unzulässige Zeichen.' }],
        }),
      );
      await settle();
      expect(card().querySelector('mat-error')?.textContent).toContain('Der Name enthält unzulässige Zeichen.');
      expect(card().querySelector('[role="alert"]')?.textContent).toContain('Bitte beachten Sie den Hinweis am Feld.');
      expect(document.activeElement).toBe(nameInput());
    });

    it('offers to reload after a conflict and saves again with the new version', async () => {
      await openForm();
      type('Erika Beispiel');
      await submit();
      backend.expectOne({ method: 'PATCH', url: '/api/auth/me' }).flush(
        ...apiError(409, {
          code: 'CONFLICT',
          message: 'Ihr Profil wurde inzwischen geändert. Bitte laden Sie es neu.',
        }),
      );
      await settle();
      const alert = present(card().querySelector<HTMLElement>('[role="alert"]'), 'alert');
      expect(alert.textContent).toContain('Ihr Profil wurde inzwischen geändert.');

      buttons(alert, 'Neu laden')[0].click();
      await settle();
      backend.expectOne({ method: 'GET', url: '/api/auth/me' }).flush({ ...TEST_USER, name: 'Erika M.', version: 3 });
      await settle();
      expect(card().querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
      expect(card().querySelector('[role="status"]')?.textContent).toContain('Gespeichert ist der Name „Erika M.“');
      expect(nameInput()?.value).toBe('Erika Beispiel');
      expect(document.activeElement).toBe(nameInput());

      await submit();
      const retry = backend.expectOne({ method: 'PATCH', url: '/api/auth/me' });
      expect(retry.request.body).toEqual({ name: 'Erika Beispiel', version: 3 });
      retry.flush({ ...TEST_USER, name: 'Erika Beispiel', version: 4 });
      await settle();
      backend
        .expectOne({ method: 'GET', url: '/api/auth/me' })
        .flush({ ...TEST_USER, name: 'Erika Beispiel', version: 4 });
      await settle();
      expect(card().querySelector('.fact-value')?.textContent?.trim()).toBe('Erika Beispiel');
    });
  });

  describe('Meine Sitzungen', () => {
    it('lists the sessions with a readable device, German times and this session first', async () => {
      await loadSessions();
      const items = Array.from(section('Meine Sitzungen').querySelectorAll('li'));
      expect(items.map((li) => li.querySelector('.session-device')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
        'Chrome unter Linux Diese Sitzung',
        'Safari unter iOS',
        'Firefox unter Windows',
      ]);
      // Europe/Berlin: 13:05 UTC is 14:05, 22:59 UTC on 25 November is 23:59.
      expect(items[0].textContent).toContain('Zuletzt aktiv: 26.11.2026, 14:05 Uhr');
      expect(items[1].textContent).toContain('Zuletzt aktiv: 25.11.2026, 23:59 Uhr');
      expect(items[2].textContent).toContain('IP-Adresse: 192.0.2.10');
      expect(buttons(items[0], 'Sitzung beenden')).toHaveLength(0);
      expect(buttons(items[1], 'Sitzung beenden')).toHaveLength(1);
      expect(buttons(items[1], 'Sitzung beenden')[0].getAttribute('aria-describedby')).toBe(
        `sitzung-${SESSIONS[2].id}`,
      );
      expect(buttons(section('Meine Sitzungen'), 'Überall sonst abmelden')).toHaveLength(1);
    });

    it('says so when this is the only session', async () => {
      await loadSessions([SESSIONS[1]]);
      expect(section('Meine Sitzungen').textContent).toContain('Sie sind zurzeit nur in diesem Browser angemeldet.');
      expect(buttons(section('Meine Sitzungen'), 'Überall sonst abmelden')).toHaveLength(0);
    });

    it('ends another session after confirmation and lists the sessions again', async () => {
      await loadSessions();
      buttons(section('Meine Sitzungen'), 'Sitzung beenden')[0].click();
      await settle();
      const dialog = document.querySelector('mat-dialog-container');
      expect(dialog?.textContent).toContain('Sitzung beenden?');
      expect(dialog?.textContent).toContain('„Safari unter iOS“');
      await answerDialog('Sitzung beenden');

      const request = backend.expectOne(`/api/auth/sessions/${SESSIONS[2].id}`);
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      await loadSessions([SESSIONS[0], SESSIONS[1]]);

      expect(section('Meine Sitzungen').querySelector('[role="status"]')?.textContent).toContain(
        'Die Sitzung „Safari unter iOS“ wurde beendet.',
      );
      expect(section('Meine Sitzungen').querySelectorAll('li')).toHaveLength(2);
    });

    it('does nothing when the confirmation is cancelled', async () => {
      await loadSessions();
      buttons(section('Meine Sitzungen'), 'Sitzung beenden')[0].click();
      await answerDialog('Abbrechen');
      backend.expectNone(`/api/auth/sessions/${SESSIONS[2].id}`);
      expect(section('Meine Sitzungen').querySelectorAll('li')).toHaveLength(3);
    });

    it('signs out everywhere else after confirmation', async () => {
      await loadSessions();
      buttons(section('Meine Sitzungen'), 'Überall sonst abmelden')[0].click();
      await settle();
      expect(document.querySelector('mat-dialog-container')?.textContent).toContain(
        '2 andere Sitzungen werden beendet. In diesem Browser bleiben Sie angemeldet.',
      );
      await answerDialog('Überall sonst abmelden');

      const request = backend.expectOne('/api/auth/sessions/revoke-others');
      expect(request.request.method).toBe('POST');
      request.flush({ revoked: 2 });
      await settle();
      await loadSessions([SESSIONS[1]]);

      expect(section('Meine Sitzungen').querySelector('[role="status"]')?.textContent).toContain(
        '2 andere Sitzungen wurden beendet. Sie sind jetzt nur noch in diesem Browser angemeldet.',
      );
    });

    it('shows the api message when ending a session fails', async () => {
      await loadSessions();
      buttons(section('Meine Sitzungen'), 'Sitzung beenden')[0].click();
      await answerDialog('Sitzung beenden');
      backend
        .expectOne(`/api/auth/sessions/${SESSIONS[2].id}`)
        .flush(JSON.stringify({ code: 'NOT_FOUND', message: 'Das Gesuchte wurde nicht gefunden.' }), {
          status: 404,
          statusText: 'Not Found',
        });
      await settle();
      await loadSessions([SESSIONS[0], SESSIONS[1]]);
      expect(section('Meine Sitzungen').querySelector('[role="alert"]')?.textContent).toContain(
        'Das Gesuchte wurde nicht gefunden.',
      );
    });

    it('offers a retry when the sessions cannot be loaded', async () => {
      backend.expectOne('/api/auth/sessions').flush(...apiError(500, { code: 'INTERNAL_ERROR', message: 'Fehler.' }));
      await fixture.whenStable();
      expect(section('Meine Sitzungen').textContent).toContain('Ihre Sitzungen konnten nicht geladen werden.');
      buttons(section('Meine Sitzungen'), 'Erneut versuchen')[0].click();
      await fixture.whenStable();
      await loadSessions();
      expect(section('Meine Sitzungen').querySelectorAll('li')).toHaveLength(3);
    });
  });

  describe('Passwort ändern', () => {
    const input = (autocomplete: string, index = 0) =>
      section('Passwort ändern').querySelectorAll<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)[index];
    const current = () => input('current-password');
    const fresh = () => input('new-password', 0);
    const repeat = () => input('new-password', 1);
    const fieldError = (field: HTMLInputElement) =>
      field.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim();

    async function type(field: HTMLInputElement, value: string): Promise<void> {
      field.value = value;
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    }

    async function submit(): Promise<void> {
      present(section('Passwort ändern').querySelector('form'), 'form').dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    }

    beforeEach(() => loadSessions());

    it('has labelled fields, the password hint and show/hide buttons', () => {
      const labels = Array.from(section('Passwort ändern').querySelectorAll('mat-label')).map((l) =>
        l.textContent?.trim(),
      );
      expect(labels).toEqual(['Bisheriges Passwort', 'Neues Passwort', 'Neues Passwort wiederholen']);
      expect(section('Passwort ändern').querySelector('mat-hint')?.textContent?.trim()).toBe(
        'Mindestens 8 Zeichen, empfohlen 12 oder mehr; Sätze sind gut.',
      );
      expect(section('Passwort ändern').querySelector('button[aria-label="Neues Passwort anzeigen"]')).not.toBeNull();
      expect(section('Passwort ändern').querySelector<HTMLInputElement>('input[autocomplete="username"]')?.value).toBe(
        'erika.muster@halle.de',
      );
    });

    it('checks the fields in German before sending', async () => {
      await submit();
      expect(fieldError(current())).toBe('Bitte geben Sie Ihr bisheriges Passwort ein.');
      expect(fieldError(fresh())).toBe('Bitte geben Sie ein neues Passwort ein.');
      expect(fieldError(repeat())).toBe('Bitte wiederholen Sie das neue Passwort.');
      expect(document.activeElement).toBe(current());

      await type(current(), 'alt und bewährt');
      await type(fresh(), 'kurz');
      await type(repeat(), 'anders');
      await submit();
      expect(fieldError(fresh())).toBe('Das Passwort muss mindestens 8 Zeichen lang sein.');
      expect(fieldError(repeat())).toBe('Die beiden Passwörter stimmen nicht überein.');
      backend.expectNone('/api/auth/password');
    });

    it('changes the password and says how many other sessions ended', async () => {
      await type(current(), 'alt und bewährt');
      await type(fresh(), 'Ein neuer Satz für das Portal 2026');
      await type(repeat(), 'Ein neuer Satz für das Portal 2026');
      await submit();

      const request = backend.expectOne('/api/auth/password');
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({
        currentPassword: 'alt und bewährt',
        newPassword: 'Ein neuer Satz für das Portal 2026',
      });
      request.flush({ endedSessions: 2 });
      await fixture.whenStable();
      await loadSessions([SESSIONS[1]]);

      expect(section('Passwort ändern').querySelector('[role="status"]')?.textContent).toContain(
        'Ihr Passwort wurde geändert. 2 andere Sitzungen wurden beendet.',
      );
      expect(current().value).toBe('');
      expect(fresh().value).toBe('');
      expect(section('Passwort ändern').querySelectorAll('mat-error')).toHaveLength(0);
    });

    it('uses the singular for one ended session and says when there were none', async () => {
      for (const [ended, text] of [
        [1, '1 andere Sitzung wurde beendet.'],
        [0, 'Es waren keine anderen Sitzungen aktiv.'],
      ] as const) {
        await type(current(), 'alt und bewährt');
        await type(fresh(), 'Ein neuer Satz für das Portal 2026');
        await type(repeat(), 'Ein neuer Satz für das Portal 2026');
        await submit();
        backend.expectOne('/api/auth/password').flush({ endedSessions: ended });
        await fixture.whenStable();
        await loadSessions([SESSIONS[1]]);
        expect(section('Passwort ändern').querySelector('[role="status"]')?.textContent).toContain(text);
      }
    });

    it('shows the api field errors at the right field', async () => {
      await type(current(), 'falsch geraten');
      await type(fresh(), 'passwort123');
      await type(repeat(), 'passwort123');
      await submit();
      backend.expectOne('/api/auth/password').flush(
        ...apiError(400, {
          code: 'VALIDATION_FAILED',
          message: 'Die Eingaben sind unvollständig oder ungültig.',
          details: [
            { field: 'currentPassword', code: 'incorrect', message: 'Das bisherige Passwort ist nicht richtig.' },
            {
              field: 'password',
              code: 'common',
              message: 'Dieses Passwort ist zu verbreitet oder aus Datenlecks bekannt. Bitte wählen Sie ein anderes.',
            },
          ],
          correlationId: 'abc',
        }),
      );
      await fixture.whenStable();

      expect(fieldError(current())).toBe('Das bisherige Passwort ist nicht richtig.');
      expect(fieldError(fresh())).toBe(
        'Dieses Passwort ist zu verbreitet oder aus Datenlecks bekannt. Bitte wählen Sie ein anderes.',
      );
      expect(section('Passwort ändern').querySelector('[role="alert"]')?.textContent).toContain(
        'Das Passwort wurde nicht geändert.',
      );
      expect(document.activeElement).toBe(current());
      expect(current().getAttribute('aria-invalid')).toBe('true');
    });
  });
});
