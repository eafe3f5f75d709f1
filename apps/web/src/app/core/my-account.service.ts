import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { authChangePassword } from '../api/generated/fn/auth/auth-change-password';
import { authEndOtherSessions } from '../api/generated/fn/auth/auth-end-other-sessions';
import { authEndSession } from '../api/generated/fn/auth/auth-end-session';
import { authListSessions } from '../api/generated/fn/auth/auth-list-sessions';
import { authUpdateMe } from '../api/generated/fn/auth/auth-update-me';
import { secondFactorEnable } from '../api/generated/fn/auth/second-factor-enable';
import { secondFactorSetup } from '../api/generated/fn/auth/second-factor-setup';
import { MeDto } from '../api/generated/models/me-dto';
import { SecondFactorSetupDto } from '../api/generated/models/second-factor-setup-dto';
import { SessionDto } from '../api/generated/models/session-dto';

/** One browser in which the person is signed in. */
export type AccountSession = SessionDto;

/** A new secret for the authenticator app: the QR code (PNG data URL) and the secret for typing in. */
export type SecondFactorSetup = SecondFactorSetupDto;

/** The signed-in person's own account: name, sessions, password and second factor. */
@Injectable({ providedIn: 'root' })
export class MyAccountService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /**
   * Changes the person's name. `version` is the one of the profile the change is based on; a 409
   * CONFLICT means the profile changed meanwhile (reload it first).
   */
  updateName(name: string, version: number): Observable<MeDto> {
    return authUpdateMe(this.http, this.api.rootUrl, { body: { name, version } }).pipe(
      map((response) => response.body),
    );
  }

  sessions(): Observable<AccountSession[]> {
    return authListSessions(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  endSession(id: string): Observable<void> {
    return authEndSession(this.http, this.api.rootUrl, { id }).pipe(map(() => undefined));
  }

  /** Ends every session but this one; emits how many ended. */
  endOtherSessions(): Observable<number> {
    return authEndOtherSessions(this.http, this.api.rootUrl).pipe(map((response) => response.body.revoked));
  }

  /** Changes the password; emits how many other sessions the api ended with it. */
  changePassword(currentPassword: string, newPassword: string): Observable<number> {
    return authChangePassword(this.http, this.api.rootUrl, { body: { currentPassword, newPassword } }).pipe(
      map((response) => response.body.endedSessions),
    );
  }

  /** Starts setting up an authenticator app; a new call replaces a setup not yet confirmed. */
  setupSecondFactor(): Observable<SecondFactorSetup> {
    return secondFactorSetup(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** Confirms the setup with a first code; emits the ten recovery codes (shown only this once). */
  enableSecondFactor(code: string): Observable<string[]> {
    return secondFactorEnable(this.http, this.api.rootUrl, { body: { code } }).pipe(
      map((response) => response.body.recoveryCodes),
    );
  }
}
