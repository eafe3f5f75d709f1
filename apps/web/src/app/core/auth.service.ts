import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, catchError, finalize, map, of, shareReplay, switchMap, tap, throwError } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { authLogin } from '../api/generated/fn/auth/auth-login';
import { authLogout } from '../api/generated/fn/auth/auth-logout';
import { authMe } from '../api/generated/fn/auth/auth-me';
import { secondFactorVerify } from '../api/generated/fn/auth/second-factor-verify';
import { MeDto } from '../api/generated/models/me-dto';

/** The signed-in person as the api describes them. */
export type CurrentUser = MeDto;

/** `signed-out`: the person signed out; `session-ended`: the api ended the session (expiry, elsewhere). */
export type SignOutReason = 'signed-out' | 'session-ended';

/** Where the sign-in page lives; the guard and the 401 handling send people there. */
export const SIGN_IN_PATH = '/anmelden';

/**
 * Who is signed in. The session itself is an HttpOnly cookie the browser keeps: nothing about it
 * (and never a password) is stored by the app, in localStorage or anywhere else. The app only
 * asks the api (`GET /api/auth/me`) once at start and keeps the answer as a signal.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /** `undefined` until the first answer of the api, then the person or `null` (signed out). */
  private readonly state = signal<CurrentUser | null | undefined>(undefined);
  /** The request in flight, shared by everyone who waits for the answer. */
  private pending: Observable<CurrentUser | null> | undefined;

  /** The signed-in person, or `null` when signed out, not known yet, or the second factor is missing. */
  readonly user = computed(() => {
    const user = this.state();
    return isSignedIn(user) ? user : null;
  });
  /** Whether the api has answered whether someone is signed in. */
  readonly known = computed(() => this.state() !== undefined);
  readonly signedIn = computed(() => this.user() !== null);
  /** The password was right, but the code from the authenticator app is still to be entered. */
  readonly secondFactorPending = computed(() => this.state()?.secondFactorPending === true);
  /** Why the person is signed out now, for one sentence on the sign-in page; reset by sign-in. */
  readonly signOutReason = signal<SignOutReason | null>(null);

  /**
   * What the api says about this browser's session, asking only the first time (later calls answer from memory).
   * A 401 means signed out; when the api cannot be reached the answer is `null` for now and the
   * next call asks again.
   */
  load(): Observable<CurrentUser | null> {
    const known = this.state();
    if (known !== undefined) {
      return of(known);
    }
    return this.refresh();
  }

  /** Asks the api again who is signed in (e.g. after the session may have ended elsewhere). */
  refresh(): Observable<CurrentUser | null> {
    if (!this.pending) {
      this.pending = authMe(this.http, this.api.rootUrl).pipe(
        map((response) => response.body),
        tap((user) => this.state.set(user)),
        catchError((error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            this.state.set(null);
          }
          // Other failures (server down) were reported by the error interceptor; keep what we knew.
          return of(this.state() ?? null);
        }),
        finalize(() => (this.pending = undefined)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.pending;
  }

  /**
   * Signs in; the api sets the session cookie. With a second factor set up the answer has
   * `secondFactorPending`, and `verifySecondFactor()` completes the sign-in.
   * Errors (401, 429, 400) go to the caller.
   */
  login(email: string, password: string): Observable<CurrentUser> {
    return authLogin(this.http, this.api.rootUrl, { body: { email, password } }).pipe(
      map((response) => response.body),
      tap((user) => {
        this.signOutReason.set(null);
        this.state.set(user);
      }),
    );
  }

  /** Completes a pending sign-in with the code from the authenticator app (or a recovery code). */
  verifySecondFactor(code: string): Observable<CurrentUser | null> {
    return secondFactorVerify(this.http, this.api.rootUrl, { body: { code } }).pipe(switchMap(() => this.refresh()));
  }

  /**
   * Ends this session on the server. The person counts as signed out before the caller hears
   * back, also when that fails (the cookie may be gone already; a 401 means it was).
   */
  logout(): Observable<void> {
    const signedOut = () => {
      this.clear();
      this.signOutReason.set('signed-out');
    };
    return authLogout(this.http, this.api.rootUrl).pipe(
      map(() => undefined),
      catchError((error: unknown) => {
        signedOut();
        return error instanceof HttpErrorResponse && error.status === 401 ? of(undefined) : throwError(() => error);
      }),
      tap(() => signedOut()),
    );
  }

  /** Forgets the person (the api said the session is gone). */
  clear(): void {
    this.state.set(null);
  }
}

/** Fully signed in: the api knows the person and no second factor is outstanding. */
export function isSignedIn(user: CurrentUser | null | undefined): user is CurrentUser {
  return !!user && !user.secondFactorPending;
}

/**
 * The in-app address to return to after sign-in, from the `ziel` query parameter. Only paths of
 * this app are accepted (no `//host` or `https://…`: no open redirect), and never the sign-in page.
 */
export function safeReturnUrl(ziel: string | null | undefined): string {
  if (!ziel || !ziel.startsWith('/') || ziel.startsWith('//') || ziel.startsWith('/\\')) {
    return '/';
  }
  if (ziel === SIGN_IN_PATH || ziel.startsWith(`${SIGN_IN_PATH}?`) || ziel.startsWith(`${SIGN_IN_PATH}/`)) {
    return '/';
  }
  return ziel;
}
