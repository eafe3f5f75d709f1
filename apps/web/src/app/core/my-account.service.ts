import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { authChangePassword } from '../api/generated/fn/auth/auth-change-password';
import { authEndOtherSessions } from '../api/generated/fn/auth/auth-end-other-sessions';
import { authEndSession } from '../api/generated/fn/auth/auth-end-session';
import { authListSessions } from '../api/generated/fn/auth/auth-list-sessions';
import { SessionDto } from '../api/generated/models/session-dto';

/** One browser in which the person is signed in. */
export type AccountSession = SessionDto;

/** The signed-in person's own account: sessions and password. */
@Injectable({ providedIn: 'root' })
export class MyAccountService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

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
}
