import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { present } from '../../testing/dom-testing';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'reset-token-0123456789';
const PASSWORD = 'Neue Wege durch den Harz';

describe('ResetPasswordPage', () => {
  let fixture: ComponentFixture<ResetPasswordPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ResetPasswordPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', TOKEN);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ') ?? '';

  async function tokenValid(): Promise<void> {
    backend
      .expectOne({ method: 'GET', url: `/api/password-reset/${TOKEN}` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  }

  async function fill(password: string, repeat: string): Promise<void> {
    const inputs = element().querySelectorAll<HTMLInputElement>('input[autocomplete="new-password"]');
    [password, repeat].forEach((value, index) => {
      inputs[index].value = value;
      inputs[index].dispatchEvent(new Event('input'));
    });
    present(element().querySelector('form'), 'form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('checks the link first and explains an invalid one', async () => {
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();
    backend
      .expectOne(`/api/password-reset/${TOKEN}`)
      .flush(JSON.stringify({ code: 'TOKEN_INVALID', message: 'Ungültig.', details: {}, correlationId: 'x' }), {
        status: 404,
        statusText: 'Not Found',
      });
    await fixture.whenStable();
    expect(text()).toContain('Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.');
    expect(element().querySelector('a[href="/passwort-vergessen"]')).not.toBeNull();
    expect(element().querySelector('form')).toBeNull();
  });

  it('sets the new password, mentions the second factor and links to the sign-in', async () => {
    await tokenValid();
    expect(text()).toContain('Ihre Zwei-Faktor-Anmeldung bleibt eingerichtet');
    await fill(PASSWORD, 'anders');
    expect(text()).toContain('Die beiden Passwörter stimmen nicht überein.');
    await fill(PASSWORD, PASSWORD);
    const request = backend.expectOne({ method: 'POST', url: `/api/password-reset/${TOKEN}` });
    expect(request.request.body).toEqual({ password: PASSWORD });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(element().querySelector('[role="status"]')?.textContent).toContain('Ihr Passwort wurde geändert.');
    expect(element().querySelector('a[href="/anmelden"]')?.textContent).toContain('Zur Anmeldung');
  });

  it('shows the api message at the field for a weak password', async () => {
    await tokenValid();
    await fill('passwort', 'passwort');
    backend.expectOne(`/api/password-reset/${TOKEN}`).flush(
      JSON.stringify({
        code: 'VALIDATION_FAILED',
        message: 'Die Eingaben sind unvollständig oder ungültig.',
        details: [{ field: 'password', message: 'Dieses Passwort ist zu leicht zu erraten.' }],
        correlationId: 'x',
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element().querySelector('mat-error')?.textContent).toContain('zu leicht zu erraten');
  });
});
