import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { MeDto } from '../api/generated/models/me-dto';
import { AuthService, safeReturnUrl } from './auth.service';

const ERIKA: MeDto = {
  id: '7d0f6a8e-2c1b-4f1e-9a57-1b6f3e0c2a11',
  email: 'erika.muster@halle.de',
  name: 'Erika Muster',
  role: 'coordinator',
  status: 'active',
  secondFactorEnabled: false,
  secondFactorPending: false,
  organizationId: null,
  isContact: false,
  functionTitle: null,
  phone: null,
  showEmail: false,
  showPhone: false,
  version: 1,
};

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('knows nobody until the api has answered', () => {
    expect(auth.known()).toBe(false);
    expect(auth.user()).toBeNull();
    expect(auth.signedIn()).toBe(false);
  });

  it('asks GET /api/auth/me once and then answers from memory', async () => {
    const first = firstValueFrom(auth.load());
    const second = firstValueFrom(auth.load());
    const request = backend.expectOne('/api/auth/me');
    expect(request.request.method).toBe('GET');
    request.flush(ERIKA);

    expect(await first).toEqual(ERIKA);
    expect(await second).toEqual(ERIKA);
    expect(auth.user()).toEqual(ERIKA);
    expect(auth.signedIn()).toBe(true);
    expect(auth.known()).toBe(true);

    expect(await firstValueFrom(auth.load())).toEqual(ERIKA);
    backend.expectNone('/api/auth/me');
  });

  it('treats 401 as signed out and remembers it', async () => {
    const result = firstValueFrom(auth.load());
    backend
      .expectOne('/api/auth/me')
      .flush({ code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' }, { status: 401, statusText: 'x' });

    expect(await result).toBeNull();
    expect(auth.known()).toBe(true);
    expect(auth.signedIn()).toBe(false);
    expect(await firstValueFrom(auth.load())).toBeNull();
    backend.expectNone('/api/auth/me');
  });

  it('asks again next time when the api could not be reached', async () => {
    const result = firstValueFrom(auth.load());
    backend.expectOne('/api/auth/me').error(new ProgressEvent('error'), { status: 0 });
    expect(await result).toBeNull();
    expect(auth.known()).toBe(false);

    const retry = firstValueFrom(auth.load());
    backend.expectOne('/api/auth/me').flush(ERIKA);
    expect(await retry).toEqual(ERIKA);
  });

  it('refresh() asks the api again', async () => {
    const first = firstValueFrom(auth.load());
    backend.expectOne('/api/auth/me').flush(ERIKA);
    await first;

    const again = firstValueFrom(auth.refresh());
    backend
      .expectOne('/api/auth/me')
      .flush({ code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' }, { status: 401, statusText: 'x' });
    expect(await again).toBeNull();
    expect(auth.user()).toBeNull();
  });

  it('signs in with POST /api/auth/login and keeps the person', async () => {
    auth.signOutReason.set('signed-out');
    const result = firstValueFrom(auth.login('erika.muster@halle.de', 'ein langer Satz als Passwort'));
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'erika.muster@halle.de', password: 'ein langer Satz als Passwort' });
    request.flush(ERIKA);

    expect(await result).toEqual(ERIKA);
    expect(auth.user()).toEqual(ERIKA);
    expect(auth.signOutReason()).toBeNull();
  });

  it('passes a failed sign-in on to the caller', async () => {
    const result = firstValueFrom(auth.login('erika.muster@halle.de', 'falsch')).catch((e: unknown) => e);
    backend.expectOne('/api/auth/login').flush(
      { code: 'INVALID_CREDENTIALS', message: 'E-Mail-Adresse oder Passwort ist nicht richtig.' },
      {
        status: 401,
        statusText: 'Unauthorized',
      },
    );
    expect(await result).toMatchObject({ status: 401 });
    expect(auth.user()).toBeNull();
  });

  it('keeps nothing in localStorage or sessionStorage', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const result = firstValueFrom(auth.login('erika.muster@halle.de', 'ein langer Satz als Passwort'));
    backend.expectOne('/api/auth/login').flush(ERIKA);
    await result;
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    setItem.mockRestore();
  });

  it('signs out with POST /api/auth/logout and forgets the person', async () => {
    const signIn = firstValueFrom(auth.login('erika.muster@halle.de', 'ein langer Satz als Passwort'));
    backend.expectOne('/api/auth/login').flush(ERIKA);
    await signIn;

    const result = firstValueFrom(auth.logout(), { defaultValue: undefined });
    const request = backend.expectOne('/api/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await result;

    expect(auth.user()).toBeNull();
    expect(auth.known()).toBe(true);
    expect(auth.signOutReason()).toBe('signed-out');
  });

  it('counts a 401 on sign-out as signed out (the session had ended already)', async () => {
    const result = firstValueFrom(auth.logout(), { defaultValue: undefined });
    backend
      .expectOne('/api/auth/logout')
      .flush({ code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' }, { status: 401, statusText: 'x' });
    await expect(result).resolves.toBeUndefined();
    expect(auth.user()).toBeNull();
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/termine', '/termine'],
    ['/profil?tab=1#x', '/profil?tab=1#x'],
    [undefined, '/'],
    [null, '/'],
    ['', '/'],
    ['termine', '/'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/anmelden', '/'],
    ['/anmelden?ziel=/termine', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});

describe('AuthService with a second factor', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('is not signed in while the code is outstanding, and is after POST /api/auth/second-factor/verify', async () => {
    const login = firstValueFrom(auth.login('erika.muster@halle.de', 'ein langer Satz als Passwort'));
    backend.expectOne('/api/auth/login').flush({ ...ERIKA, secondFactorEnabled: true, secondFactorPending: true });
    expect((await login).secondFactorPending).toBe(true);
    expect(auth.secondFactorPending()).toBe(true);
    expect(auth.signedIn()).toBe(false);
    expect(auth.user()).toBeNull();

    const verified = firstValueFrom(auth.verifySecondFactor('123456'));
    const verify = backend.expectOne('/api/auth/second-factor/verify');
    expect(verify.request.method).toBe('POST');
    expect(verify.request.body).toEqual({ code: '123456' });
    verify.flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/auth/me').flush({ ...ERIKA, secondFactorEnabled: true });

    expect(await verified).toMatchObject({ name: 'Erika Muster', secondFactorPending: false });
    expect(auth.signedIn()).toBe(true);
    expect(auth.secondFactorPending()).toBe(false);
  });
});
