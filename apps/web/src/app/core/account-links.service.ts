import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { invitationsAccept } from '../api/generated/fn/invitations/invitations-accept';
import { invitationsCheckReset } from '../api/generated/fn/invitations/invitations-check-reset';
import { invitationsDescribe } from '../api/generated/fn/invitations/invitations-describe';
import { invitationsRequestReset } from '../api/generated/fn/invitations/invitations-request-reset';
import { invitationsReset } from '../api/generated/fn/invitations/invitations-reset';
import { InvitationDto } from '../api/generated/models/invitation-dto';

/** Who was invited: name and e-mail address. */
export type Invitation = InvitationDto;

/**
 * The links the portal sends by e-mail: accepting an invitation and resetting a password. None of
 * these needs a session; an unknown, expired or used token answers 404 `TOKEN_INVALID`.
 */
@Injectable({ providedIn: 'root' })
export class AccountLinksService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  describeInvitation(token: string): Observable<Invitation> {
    return invitationsDescribe(this.http, this.api.rootUrl, { token }).pipe(map((response) => response.body));
  }

  /** Sets the password of the invited account; `acceptPrivacy` is always sent as true. */
  acceptInvitation(token: string, password: string): Observable<void> {
    return invitationsAccept(this.http, this.api.rootUrl, { token, body: { password, acceptPrivacy: true } }).pipe(
      map(() => undefined),
    );
  }

  /** Asks for a reset link; the api answers the same whether or not the address is known. */
  requestPasswordReset(email: string): Observable<void> {
    return invitationsRequestReset(this.http, this.api.rootUrl, { body: { email } }).pipe(map(() => undefined));
  }

  /** Emits once when the reset link is still valid; fails with 404 `TOKEN_INVALID` otherwise. */
  checkPasswordReset(token: string): Observable<void> {
    return invitationsCheckReset(this.http, this.api.rootUrl, { token }).pipe(map(() => undefined));
  }

  resetPassword(token: string, password: string): Observable<void> {
    return invitationsReset(this.http, this.api.rootUrl, { token, body: { password } }).pipe(map(() => undefined));
  }
}
