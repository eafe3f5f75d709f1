import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { Observable, firstValueFrom, isObservable } from 'rxjs';
import { MeDto } from '../api/generated/models/me-dto';
import { authGuard, signedOutGuard } from './auth.guard';

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

describe('authGuard', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: Blank }]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  function runAuthGuard(url: string): Promise<true | UrlTree> {
    const result = TestBed.runInInjectionContext(() =>
      authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
    if (!isObservable(result)) throw new Error('the guard answers with an Observable');
    return firstValueFrom(result as Observable<true | UrlTree>);
  }

  function runSignedOutGuard(url: string): Promise<true | UrlTree> {
    const tree = router.parseUrl(url);
    const route = { queryParamMap: tree.queryParamMap } as ActivatedRouteSnapshot;
    const result = TestBed.runInInjectionContext(() => signedOutGuard(route, { url } as RouterStateSnapshot));
    return firstValueFrom(result as Observable<true | UrlTree>);
  }

  it('lets a signed-in person in, after asking the api who is signed in', async () => {
    const result = runAuthGuard('/termine');
    backend.expectOne('/api/auth/me').flush(ERIKA);
    expect(await result).toBe(true);
  });

  it('sends a signed-out person to the sign-in page with the address to come back to', async () => {
    const result = runAuthGuard('/termine?monat=11');
    backend.expectOne('/api/auth/me').flush(UNAUTHENTICATED, { status: 401, statusText: 'Unauthorized' });
    const tree = await result;
    expect(tree).toBeInstanceOf(UrlTree);
    expect(router.serializeUrl(tree as UrlTree)).toBe('/anmelden?ziel=%2Ftermine%3Fmonat%3D11');
    expect((tree as UrlTree).queryParams).toEqual({ ziel: '/termine?monat=11' });
  });

  it('leaves out ziel for the start page', async () => {
    const result = runAuthGuard('/');
    backend.expectOne('/api/auth/me').flush(UNAUTHENTICATED, { status: 401, statusText: 'Unauthorized' });
    expect(router.serializeUrl((await result) as UrlTree)).toBe('/anmelden');
  });

  it('asks the api only once for several navigations', async () => {
    const first = runAuthGuard('/kommunen');
    backend.expectOne('/api/auth/me').flush(ERIKA);
    expect(await first).toBe(true);
    expect(await runAuthGuard('/termine')).toBe(true);
    backend.expectNone('/api/auth/me');
  });

  it('opens the sign-in page for signed-out people', async () => {
    const result = runSignedOutGuard('/anmelden?ziel=/termine');
    backend.expectOne('/api/auth/me').flush(UNAUTHENTICATED, { status: 401, statusText: 'Unauthorized' });
    expect(await result).toBe(true);
  });

  it('sends a signed-in person from the sign-in page on to ziel', async () => {
    const result = runSignedOutGuard('/anmelden?ziel=/termine');
    backend.expectOne('/api/auth/me').flush(ERIKA);
    expect(router.serializeUrl((await result) as UrlTree)).toBe('/termine');
  });

  it('never follows a ziel outside the portal', async () => {
    const result = runSignedOutGuard('/anmelden?ziel=//evil.example');
    backend.expectOne('/api/auth/me').flush(ERIKA);
    expect(router.serializeUrl((await result) as UrlTree)).toBe('/');
  });
});

describe('authGuard with a pending second factor', () => {
  it('does not count a session whose second factor is outstanding as signed in', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    const result = TestBed.runInInjectionContext(() =>
      authGuard({} as ActivatedRouteSnapshot, { url: '/profil' } as RouterStateSnapshot),
    ) as Observable<true | UrlTree>;
    const answer = firstValueFrom(result);
    backend.expectOne('/api/auth/me').flush({ ...ERIKA, secondFactorEnabled: true, secondFactorPending: true });
    expect(router.serializeUrl((await answer) as UrlTree)).toBe('/anmelden?ziel=%2Fprofil');
    backend.verify();
  });
});
