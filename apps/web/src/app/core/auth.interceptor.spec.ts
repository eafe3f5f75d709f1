import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MeDto } from '../api/generated/models/me-dto';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

@Component({ selector: 'srp-blank', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const ERIKA: MeDto = {
  id: '7d0f6a8e-2c1b-4f1e-9a57-1b6f3e0c2a11',
  email: 'erika.muster@halle.de',
  name: 'Erika Muster',
  role: 'member',
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
const UNAUTHENTICATED = { code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;
  let auth: AuthService;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    auth = TestBed.inject(AuthService);

    const signedIn = firstValueFrom(auth.load());
    backend.expectOne('/api/auth/me').flush(ERIKA);
    await signedIn;
    await router.navigateByUrl('/termine?monat=11');
  });

  afterEach(() => backend.verify());

  async function failWith401(url: string, method: 'GET' | 'POST' = 'GET'): Promise<unknown> {
    const result = firstValueFrom(method === 'GET' ? http.get(url) : http.post(url, {})).catch((e: unknown) => e);
    backend.expectOne(url).flush(UNAUTHENTICATED, { status: 401, statusText: 'Unauthorized' });
    const error = await result;
    await new Promise((resolve) => setTimeout(resolve));
    return error;
  }

  it('signs out and goes to the sign-in page, coming back here afterwards, when the session has ended', async () => {
    const error = await failWith401('/api/auth/sessions');
    expect(error).toMatchObject({ status: 401 });
    expect(auth.user()).toBeNull();
    expect(auth.signOutReason()).toBe('session-ended');
    expect(router.url).toBe('/anmelden?ziel=%2Ftermine%3Fmonat%3D11');
  });

  it.each(['/api/auth/login', '/api/auth/logout'])('leaves a 401 of %s to its caller', async (url) => {
    await failWith401(url, 'POST');
    expect(router.url).toBe('/termine?monat=11');
    expect(auth.user()).toEqual(ERIKA);
  });

  it('leaves a 401 of /api/auth/me to the AuthService', async () => {
    await failWith401('/api/auth/me');
    expect(router.url).toBe('/termine?monat=11');
  });

  it('ignores other errors and requests outside the api', async () => {
    const result = firstValueFrom(http.get('/api/organizations')).catch((e: unknown) => e);
    backend.expectOne('/api/organizations').flush({}, { status: 403, statusText: 'Forbidden' });
    await result;
    await failWith401('/assets/data.json');
    expect(router.url).toBe('/termine?monat=11');
    expect(auth.user()).toEqual(ERIKA);
  });
});
