import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { present } from '../../testing/dom-testing';
import { ForgotPasswordPage } from './forgot-password-page';

describe('ForgotPasswordPage', () => {
  let fixture: ComponentFixture<ForgotPasswordPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ForgotPasswordPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ForgotPasswordPage);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;

  async function submit(email: string): Promise<void> {
    const input = present(element().querySelector<HTMLInputElement>('input[type="email"]'), 'e-mail');
    input.value = email;
    input.dispatchEvent(new Event('input'));
    present(element().querySelector('form'), 'form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('says the second factor stays, and links back to the sign-in', () => {
    expect(element().querySelector('h1')?.textContent).toBe('Passwort vergessen');
    expect(element().textContent).toContain('Zwei-Faktor-Anmeldung bleibt dabei eingerichtet');
    expect(element().querySelector('a[href="/anmelden"]')?.textContent).toContain('Zurück zur Anmeldung');
  });

  it('checks the address before sending', async () => {
    await submit('keine-adresse');
    expect(element().querySelector('mat-error')?.textContent).toContain('gültige E-Mail-Adresse');
  });

  it('always shows the same confirmation', async () => {
    await submit(' wer@halle.de ');
    const request = backend.expectOne({ method: 'POST', url: '/api/password-reset' });
    expect(request.request.body).toEqual({ email: 'wer@halle.de' });
    request.flush(null, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(element().querySelector('[role="status"]')?.textContent).toContain(
      'Wenn zu dieser E-Mail-Adresse ein Zugang besteht',
    );
    expect(element().querySelector('form')).toBeNull();
  });

  it('shows the api message when sending fails', async () => {
    await submit('wer@halle.de');
    backend
      .expectOne('/api/password-reset')
      .flush(
        JSON.stringify({ code: 'TOO_MANY_REQUESTS', message: 'Zu viele Anfragen.', details: {}, correlationId: 'x' }),
        { status: 429, statusText: 'Too Many Requests' },
      );
    await fixture.whenStable();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Zu viele Anfragen.');
  });
});
