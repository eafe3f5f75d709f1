import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { Observable, firstValueFrom } from 'rxjs';
import { MeDto } from '../api/generated/models/me-dto';
import { TEST_USER } from '../testing/auth-testing';
import { NO_ACCESS_NOTICE, Role, hasRole, roleGuard } from './role.guard';

@Component({ selector: 'srp-blank', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('roleGuard', () => {
  let backend: HttpTestingController;
  let router: Router;
  let open: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    open = vi.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  async function run(user: MeDto | null, url = '/verwaltung'): Promise<true | UrlTree> {
    const result = TestBed.runInInjectionContext(() =>
      roleGuard(['admin', 'coordinator'])({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Observable<true | UrlTree>;
    const answer = firstValueFrom(result);
    const request = backend.expectOne('/api/auth/me');
    if (user) {
      request.flush(user);
    } else {
      request.flush(
        { code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' },
        { status: 401, statusText: 'x' },
      );
    }
    const value = await answer;
    // The snack bar is imported lazily; let that settle.
    await new Promise((resolve) => setTimeout(resolve));
    return value;
  }

  it.each(['admin', 'coordinator'] as const)('lets the role %s in', async (role) => {
    expect(await run({ ...TEST_USER, role })).toBe(true);
    expect(open).not.toHaveBeenCalled();
  });

  it('sends a member to the overview with a German notice', async () => {
    const result = await run({ ...TEST_USER, role: 'member' });
    expect(result).toBeInstanceOf(UrlTree);
    expect(router.serializeUrl(result as UrlTree)).toBe('/');
    expect(open).toHaveBeenCalledWith(NO_ACCESS_NOTICE, 'Schließen', expect.objectContaining({ politeness: 'polite' }));
    expect(NO_ACCESS_NOTICE).toBe('Dieser Bereich ist der Administration und der Koordination vorbehalten.');
  });

  it('sends signed-out people to the sign-in page', async () => {
    const result = await run(null);
    expect(router.serializeUrl(result as UrlTree)).toBe('/anmelden?ziel=%2Fverwaltung');
    expect(open).not.toHaveBeenCalled();
  });
});

describe('hasRole', () => {
  const limited: readonly Role[] = ['admin', 'coordinator'];

  it('allows everyone without a limit and only the given roles with one', () => {
    expect(hasRole('member', undefined)).toBe(true);
    expect(hasRole(undefined, undefined)).toBe(true);
    expect(hasRole('admin', limited)).toBe(true);
    expect(hasRole('coordinator', limited)).toBe(true);
    expect(hasRole('member', limited)).toBe(false);
    expect(hasRole(undefined, limited)).toBe(false);
  });
});
