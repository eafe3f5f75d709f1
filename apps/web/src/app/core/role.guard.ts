import { Injector, inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { Observable, map } from 'rxjs';
import { signInUrl } from './auth.guard';
import { AuthService, CurrentUser, isSignedIn } from './auth.service';

export type Role = CurrentUser['role'];

/** What people hear when a page is not for their role. */
export const NO_ACCESS_NOTICE = 'Dieser Bereich ist der Administration und der Koordination vorbehalten.';

/**
 * Tells the person why they are on the overview now. The snack bar is loaded on first use, as in
 * the error interceptor, so it stays out of the initial bundle.
 */
async function showNotice(injector: Injector, message: string): Promise<void> {
  const { MatSnackBar } = await import('@angular/material/snack-bar');
  injector.get(MatSnackBar).open(message, 'Schließen', { duration: 10000, politeness: 'polite' });
}

/**
 * Lets only the given roles in, as the api does; everyone else goes to the overview with a short
 * notice (signed-out people go to the sign-in page). Used as `canActivate` next to the authGuard:
 * `canActivate: [roleGuard(['admin', 'coordinator'])]`.
 */
export function roleGuard(roles: readonly Role[]): CanActivateFn {
  return (_route, state): Observable<true | UrlTree> => {
    const router = inject(Router);
    const injector = inject(Injector);
    return inject(AuthService)
      .load()
      .pipe(
        map((user) => {
          if (!isSignedIn(user)) {
            return signInUrl(router, state.url);
          }
          if (roles.includes(user.role)) {
            return true;
          }
          void showNotice(injector, NO_ACCESS_NOTICE);
          return router.createUrlTree(['/']);
        }),
      );
  };
}

/** Whether the person's role may open a page limited to `roles` (no limit: everyone). */
export function hasRole(role: Role | undefined, roles: readonly Role[] | undefined): boolean {
  return !roles || (role !== undefined && roles.includes(role));
}
