import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { present } from '../../testing/dom-testing';
import { AcceptInvitationPage } from './accept-invitation-page';

const TOKEN = 'einladungs-token-0123456789';
const PASSWORD = 'Ein Spaziergang an der Saale';

describe('AcceptInvitationPage', () => {
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AcceptInvitationPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ') ?? '';
  const input = (autocompleteIndex: number) =>
    present(
      element().querySelectorAll<HTMLInputElement>('input[autocomplete="new-password"]')[autocompleteIndex],
      'input',
    );

  async function answerInvitation(): Promise<void> {
    backend.expectOne(`/api/invitations/${TOKEN}`).flush({ email: 'neu@halle.de', name: 'Nora Neu' });
    await fixture.whenStable();
  }

  async function fill(password: string, repeat: string, privacy: boolean): Promise<void> {
    for (const [index, value] of [password, repeat].entries()) {
      input(index).value = value;
      input(index).dispatchEvent(new Event('input'));
    }
    const checkbox = present(element().querySelector<HTMLInputElement>('input[type="checkbox"]'), 'checkbox');
    if (checkbox.checked !== privacy) {
      checkbox.click();
    }
    await fixture.whenStable();
    present(element().querySelector('form'), 'form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  const invalidResponse = [
    { code: 'TOKEN_INVALID', message: 'Dieser Link ist ungültig.', details: {}, correlationId: 'x' },
    { status: 404, statusText: 'Not Found' },
  ] as const;

  it('shows name and e-mail address, the password hint and the privacy checkbox with its link', async () => {
    await answerInvitation();
    expect(element().querySelector('h1')?.textContent).toBe('Einladung annehmen');
    expect(text()).toContain('Nora Neu');
    expect(text()).toContain('neu@halle.de');
    expect(text()).toContain('Mindestens 8 Zeichen, empfohlen 12 oder mehr; Sätze sind gut.');
    expect(element().querySelector('mat-checkbox')?.textContent).toContain('Ich habe die Datenschutzhinweise gelesen');
    expect(element().querySelector('mat-checkbox a')?.getAttribute('href')).toBe('/datenschutz');
  });

  it('requires matching passwords and the privacy notice before sending', async () => {
    await answerInvitation();
    await fill(PASSWORD, 'etwas anderes', false);
    expect(text()).toContain('Die beiden Passwörter stimmen nicht überein.');
    await fill(PASSWORD, PASSWORD, false);
    expect(text()).toContain('Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.');
  });

  it('sets the password and then offers the sign-in with the e-mail address filled in', async () => {
    await answerInvitation();
    await fill(PASSWORD, PASSWORD, true);
    const request = backend.expectOne({ method: 'POST', url: `/api/invitations/${TOKEN}/accept` });
    expect(request.request.body).toEqual({ password: PASSWORD, acceptPrivacy: true });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(element().querySelector('[role="status"]')?.textContent).toContain('Ihr Zugang ist eingerichtet.');
    const link = present(element().querySelector('a[href^="/anmelden"]'), 'sign-in link');
    expect(link.getAttribute('href')).toBe('/anmelden?email=neu@halle.de');
    expect(element().querySelector('form')).toBeNull();
  });

  it('shows the api message at the password field for a weak password', async () => {
    await answerInvitation();
    await fill('passwort', 'passwort', true);
    backend.expectOne(`/api/invitations/${TOKEN}/accept`).flush(
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
    expect(document.activeElement).toBe(input(0));
  });

  it('explains an invalid link without technical details', async () => {
    backend.expectOne(`/api/invitations/${TOKEN}`).flush(...invalidResponse);
    await fixture.whenStable();
    expect(text()).toContain('Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.');
    expect(text()).toContain('bitten Sie um eine neue Einladung');
    expect(element().querySelector('form')).toBeNull();
  });

  it('offers a retry when the invitation cannot be loaded', async () => {
    backend.expectOne(`/api/invitations/${TOKEN}`).flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(text()).toContain('Die Einladung konnte nicht geladen werden.');
    present(element().querySelector<HTMLButtonElement>('[role="alert"] button'), 'retry').click();
    await fixture.whenStable();
    await answerInvitation();
    expect(text()).toContain('Nora Neu');
  });
});
