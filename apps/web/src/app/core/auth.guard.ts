import { inject } from '@angular/core';
import { CanActivateChildFn, CanActivateFn, Router, UrlTree } from '@angular/router';
import { Observable, map } from 'rxjs';
import { AuthService, SIGN_IN_PATH, isSignedIn, safeReturnUrl } from './auth.service';

/** The sign-in page with the address to come back to (`/anmelden?ziel=/termine`). */
export function signInUrl(router: Router, returnUrl: string | undefined): UrlTree {
  const ziel = returnUrl && returnUrl !== '/' ? safeReturnUrl(returnUrl) : undefined;
  return router.createUrlTree([SIGN_IN_PATH], ziel && ziel !== '/' ? { queryParams: { ziel } } : {});
}

/**
 * Lets only signed-in people in; everyone else goes to the sign-in page, which brings them back
 * to the address they asked for. Used as `canActivateChild` on the group of protected routes.
 */
export const authGuard: CanActivateFn & CanActivateChildFn = (_route, state): Observable<true | UrlTree> => {
  const router = inject(Router);
  return inject(AuthService)
    .load()
    .pipe(map((user) => (isSignedIn(user) ? true : signInUrl(router, state.url))));
};

/**
 * The sign-in page is for signed-out people (and for entering the second factor): whoever is
 * signed in goes on to `ziel` (or home).
 */
export const signedOutGuard: CanActivateFn = (route): Observable<true | UrlTree> => {
  const router = inject(Router);
  return inject(AuthService)
    .load()
    .pipe(map((user) => (user ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('ziel'))) : true)));
};
