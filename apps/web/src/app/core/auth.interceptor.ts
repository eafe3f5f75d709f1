import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, throwError } from 'rxjs';
import { authLogin } from '../api/generated/fn/auth/auth-login';
import { authLogout } from '../api/generated/fn/auth/auth-logout';
import { authMe } from '../api/generated/fn/auth/auth-me';
import { apiPath } from './api-error.interceptor';
import { signInUrl } from './auth.guard';
import { AuthService, SIGN_IN_PATH } from './auth.service';

/** A 401 from these means "wrong password" or "not signed in": their callers handle it. */
const OWN_401_HANDLING = new Set<string>([authMe.PATH, authLogin.PATH, authLogout.PATH]);

/**
 * When the api answers 401 (the session expired or was ended elsewhere), the person is signed out
 * here too and taken to the sign-in page, which brings them back to where they were.
 * The error is rethrown, so the caller can still end its loading state.
 */
export const authInterceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  const path = apiPath(request);
  if (path === undefined || OWN_401_HANDLING.has(path)) {
    return next(request);
  }
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        const wasSignedIn = auth.signedIn();
        auth.clear();
        const current = router.url;
        if (current !== SIGN_IN_PATH && !current.startsWith(`${SIGN_IN_PATH}?`)) {
          if (wasSignedIn) {
            auth.signOutReason.set('session-ended');
          }
          void router.navigateByUrl(signInUrl(router, current));
        }
      }
      return throwError(() => error);
    }),
  );
};
