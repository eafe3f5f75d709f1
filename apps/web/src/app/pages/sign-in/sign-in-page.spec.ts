import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { TEST_USER } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { SignInPage } from './sign-in-page';

@Component({ selector: 'srp-blank', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideRouter([{ path: '**', component: Blank }]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const emailInput = () => present(element().querySelector<HTMLInputElement>('input[type="email"]'), 'e-mail field');
  const passwordInput = () =>
    present(element().querySelector<HTMLInputElement>('input[autocomplete="current-password"]'), 'password field');
  const submitButton = () =>
    present(element().querySelector<HTMLButtonElement>('button[type="submit"]'), 'submit button');
  const alertText = () => element().querySelector('[role="alert"]')?.textContent?.trim() ?? '';
  const errors = () => Array.from(element().querySelectorAll('mat-error')).map((e) => e.textContent?.trim());

  async function type(input: HTMLInputElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    present(element().querySelector('form'), 'form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  async function fillAndSubmit(email = 'erika.muster@halle.de', password = 'ein langer Satz als Passwort') {
    await type(emailInput(), email);
    await type(passwordInput(), password);
    await submit();
  }

  it('has a heading, labelled fields with autocomplete and a submit button', () => {
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Anmelden');
    const labels = Array.from(element().querySelectorAll('mat-label')).map((l) => l.textContent?.trim());
    expect(labels).toEqual(['E-Mail-Adresse', 'Passwort']);
    expect(emailInput().getAttribute('autocomplete')).toBe('username');
    expect(passwordInput().type).toBe('password');
    expect(submitButton().textContent?.trim()).toBe('Anmelden');
    expect(element().querySelector('[role="alert"]')).not.toBeNull();
  });

  it('shows and hides the password with a labelled toggle button', async () => {
    const toggle = present(
      element().querySelector<HTMLButtonElement>('button[aria-label="Passwort anzeigen"]'),
      'toggle button',
    );
    expect(toggle.type).toBe('button');
    toggle.click();
    await fixture.whenStable();
    expect(passwordInput().type).toBe('text');
    expect(toggle.getAttribute('aria-label')).toBe('Passwort verbergen');
    toggle.click();
    await fixture.whenStable();
    expect(passwordInput().type).toBe('password');
  });

  it('explains empty fields in German and sends nothing', async () => {
    await submit();
    expect(errors()).toEqual(['Bitte geben Sie Ihre E-Mail-Adresse ein.', 'Bitte geben Sie Ihr Passwort ein.']);
    expect(document.activeElement).toBe(emailInput());
    backend.expectNone('/api/auth/login');
  });

  it('explains an invalid e-mail address', async () => {
    await type(emailInput(), 'erika.muster');
    await type(passwordInput(), 'geheim');
    await submit();
    expect(errors()).toEqual(['Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@kommune.de.']);
    backend.expectNone('/api/auth/login');
  });

  it('signs in and goes to the requested page', async () => {
    fixture.componentRef.setInput('ziel', '/termine?monat=11');
    await fillAndSubmit(' erika.muster@halle.de ');
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'erika.muster@halle.de', password: 'ein langer Satz als Passwort' });
    expect(submitButton().textContent?.trim()).toBe('Anmeldung läuft …');
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();

    request.flush(TEST_USER);
    await fixture.whenStable();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/termine?monat=11');
    expect(TestBed.inject(AuthService).user()).toEqual(TEST_USER);
  });

  it('goes to the start page without ziel, or with a ziel outside the portal', async () => {
    fixture.componentRef.setInput('ziel', 'https://evil.example/');
    await fillAndSubmit();
    backend.expectOne('/api/auth/login').flush(TEST_USER);
    await fixture.whenStable();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('shows the api message for a wrong password in the alert region and stays', async () => {
    await fillAndSubmit('erika.muster@halle.de', 'falsch');
    backend.expectOne('/api/auth/login').flush(
      {
        code: 'INVALID_CREDENTIALS',
        message: 'E-Mail-Adresse oder Passwort ist nicht richtig.',
        details: {},
        correlationId: 'abc',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();

    expect(alertText()).toContain('E-Mail-Adresse oder Passwort ist nicht richtig.');
    expect(submitButton().textContent?.trim()).toBe('Anmelden');
    expect(document.activeElement).toBe(passwordInput());
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('shows the api message when there were too many attempts', async () => {
    await fillAndSubmit();
    backend.expectOne('/api/auth/login').flush(
      {
        code: 'TOO_MANY_REQUESTS',
        message: 'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten.',
        details: {},
        correlationId: 'abc',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await fixture.whenStable();
    expect(alertText()).toContain('Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten.');
  });

  it('shows field errors of the api at the field', async () => {
    await fillAndSubmit('erika@halle');
    backend.expectOne('/api/auth/login').flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Die Eingaben sind unvollständig oder ungültig.',
        details: [{ field: 'email', code: 'isEmail', message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' }],
        correlationId: 'abc',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errors()).toEqual(['Bitte geben Sie eine gültige E-Mail-Adresse ein.']);
    expect(alertText()).toContain('Die Eingaben sind unvollständig oder ungültig.');
    expect(document.activeElement).toBe(emailInput());
  });

  it('ignores a second submit while the first is running', async () => {
    await fillAndSubmit();
    await submit();
    backend.expectOne('/api/auth/login').flush(TEST_USER);
    await fixture.whenStable();
  });

  it('says why the person is signed out', async () => {
    TestBed.inject(AuthService).signOutReason.set('session-ended');
    await fixture.whenStable();
    expect(element().querySelector('[role="status"]')?.textContent).toContain(
      'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.',
    );
  });

  it('asks for the code of the authenticator app when the account has a second factor', async () => {
    fixture.componentRef.setInput('ziel', '/profil');
    await fillAndSubmit();
    backend.expectOne('/api/auth/login').flush({ ...TEST_USER, secondFactorEnabled: true, secondFactorPending: true });
    await fixture.whenStable();

    expect(router.navigateByUrl).not.toHaveBeenCalled();
    expect(element().textContent).toContain('Bitte geben Sie den Code aus Ihrer Authenticator-App ein.');
    const code = present(
      element().querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'),
      'code field',
    );
    expect(element().querySelector('input[type="email"]')).toBeNull();

    await type(code, '123 456');
    await submit();
    const verify = backend.expectOne('/api/auth/second-factor/verify');
    expect(verify.request.body).toEqual({ code: '123456' });
    verify.flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Die Eingaben sind unvollständig oder ungültig.',
        details: [
          { field: 'code', code: 'incorrect', message: 'Der Code ist nicht richtig oder wurde schon verwendet.' },
        ],
        correlationId: 'abc',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errors()).toEqual(['Der Code ist nicht richtig oder wurde schon verwendet.']);

    await type(code, '654321');
    await submit();
    backend.expectOne('/api/auth/second-factor/verify').flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/auth/me').flush({ ...TEST_USER, secondFactorEnabled: true });
    await fixture.whenStable();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/profil');
  });

  it('links to "Passwort vergessen?"', () => {
    const link = present(
      Array.from(element().querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Passwort vergessen?'),
      'forgot link',
    );
    expect(link.getAttribute('href')).toBe('/passwort-vergessen');
  });

  it('fills in the e-mail address from the query parameter email', async () => {
    fixture = TestBed.createComponent(SignInPage);
    fixture.componentRef.setInput('email', ' neu@halle.de ');
    await fixture.whenStable();
    expect(emailInput().value).toBe('neu@halle.de');
  });
});
