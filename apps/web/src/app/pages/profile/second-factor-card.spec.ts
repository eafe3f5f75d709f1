import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { SecondFactorCard, groupSecret, recoveryCodesText } from './second-factor-card';

const SETUP = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/SmartRegion%20Portal:erika?secret=JBSWY3DPEHPK3PXP',
  qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
};
const CODES = Array.from({ length: 10 }, (_, i) => `abcd-efg${i}`);

describe('SecondFactorCard', () => {
  let fixture: ComponentFixture<SecondFactorCard>;
  let backend: HttpTestingController;

  async function create(user = TEST_USER): Promise<void> {
    TestBed.configureTestingModule({
      imports: [SecondFactorCard],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(user);
    fixture = TestBed.createComponent(SecondFactorCard);
    await fixture.whenStable();
  }

  afterEach(() => backend?.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );

  async function startSetup(): Promise<void> {
    button('Einrichten').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/auth/second-factor/setup' }).flush(SETUP);
    await fixture.whenStable();
  }

  async function enterCode(code: string): Promise<void> {
    const input = present(element().querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'), 'code');
    input.value = code;
    input.dispatchEvent(new Event('input'));
    present(element().querySelector('form'), 'form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('groups the secret in fours and writes the recovery codes as text', () => {
    expect(groupSecret('JBSWY3DPEHPK3PX')).toBe('JBSW Y3DP EHPK 3PX');
    const text = recoveryCodesText(['a-1', 'b-2'], 'erika@halle.de');
    expect(text).toContain('Konto: erika@halle.de');
    expect(text).toContain('a-1\r\nb-2');
  });

  it('explains the second factor in plain words and hints that administration needs it', async () => {
    await create();
    const text = element().textContent ?? '';
    expect(element().querySelector('h2')?.textContent).toBe('Zwei-Faktor-Anmeldung');
    expect(text).toContain('Microsoft Authenticator');
    expect(text).toContain('Google Authenticator');
    expect(text).toContain('FreeOTP');
    expect(text).toContain('Bitte richten Sie die Zwei-Faktor-Anmeldung ein');
    expect(text).not.toContain('Eingerichtet.');
  });

  it('shows "Eingerichtet" once it is set up', async () => {
    await create({ ...TEST_USER, secondFactorEnabled: true });
    expect(element().textContent).toContain('Eingerichtet.');
    expect(element().textContent).not.toContain('Bitte richten Sie');
  });

  it('sets up: QR code with alt text, grouped secret, code, then the recovery codes once', async () => {
    await create();
    await startSetup();
    const img = present(element().querySelector('img'), 'QR code');
    expect(img.getAttribute('src')).toBe(SETUP.qrCodeDataUrl);
    expect(img.getAttribute('alt')).toContain('QR-Code');
    expect(element().querySelector('code.secret')?.textContent?.trim()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    // Too short: a German message, nothing sent.
    await enterCode('123');
    expect(element().textContent).toContain('Der Code besteht aus sechs Ziffern.');

    await enterCode('123 456');
    const enable = backend.expectOne({ method: 'POST', url: '/api/auth/second-factor/enable' });
    expect(enable.request.body).toEqual({ code: '123456' });
    enable.flush({ recoveryCodes: CODES });
    await fixture.whenStable();
    // The app asks again who is signed in, and learns about the second factor.
    backend.expectOne('/api/auth/me').flush({ ...TEST_USER, secondFactorEnabled: true });
    await fixture.whenStable();

    expect(TestBed.inject(AuthService).user()?.secondFactorEnabled).toBe(true);
    const codes = Array.from(element().querySelectorAll('.recovery-codes li')).map((li) => li.textContent?.trim());
    expect(codes).toEqual(CODES);
    expect(element().textContent).toContain('nur dieses eine Mal');

    const createObjectURL = vi.fn(() => 'blob:codes');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    button('Codes herunterladen').click();
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    expect(click).toHaveBeenCalled();
    click.mockRestore();

    button('Ich habe die Codes gesichert').click();
    await fixture.whenStable();
    expect(element().querySelector('.recovery-codes')).toBeNull();
    expect(element().textContent).toContain('Eingerichtet.');
  });

  it('shows the api message at the field for a wrong code', async () => {
    await create();
    await startSetup();
    await enterCode('000000');
    backend.expectOne('/api/auth/second-factor/enable').flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Die Eingaben sind unvollständig oder ungültig.',
        details: [{ field: 'code', message: 'Der Code ist nicht richtig.' }],
        correlationId: 'x',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element().querySelector('mat-error')?.textContent).toContain('Der Code ist nicht richtig.');
    expect(document.activeElement?.getAttribute('autocomplete')).toBe('one-time-code');
  });

  it('can be cancelled during the setup', async () => {
    await create();
    await startSetup();
    button('Abbrechen').click();
    await fixture.whenStable();
    expect(element().querySelector('img')).toBeNull();
    expect(button('Einrichten')).toBeTruthy();
  });

  it('shows the api message when the setup cannot start', async () => {
    await create();
    button('Einrichten').click();
    await fixture.whenStable();
    backend.expectOne('/api/auth/second-factor/setup').flush(
      {
        code: 'CONFLICT',
        message: 'Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.',
        details: {},
        correlationId: 'x',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('bereits eingerichtet');
  });
});
