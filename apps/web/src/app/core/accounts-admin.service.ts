import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { accountsAdminAuditLog } from '../api/generated/fn/administration/accounts-admin-audit-log';
import { accountsAdminList } from '../api/generated/fn/administration/accounts-admin-list';
import { accountsAdminUpdate } from '../api/generated/fn/administration/accounts-admin-update';
import { invitationsInvite } from '../api/generated/fn/invitations/invitations-invite';
import { AccountSummaryDto } from '../api/generated/models/account-summary-dto';
import { AuditEventDto } from '../api/generated/models/audit-event-dto';
import { AuditPageDto } from '../api/generated/models/audit-page-dto';
import { CreateInvitationDto } from '../api/generated/models/create-invitation-dto';
import { UpdateAccountDto } from '../api/generated/models/update-account-dto';

export type AccountSummary = AccountSummaryDto;
export type AccountRole = AccountSummaryDto['role'];
export type AccountStatus = AccountSummaryDto['status'];
export type AuditEvent = AuditEventDto;
export type AuditPage = AuditPageDto;
export type NewInvitation = CreateInvitationDto;
export type AccountChange = UpdateAccountDto;

export interface AccountFilter {
  query?: string;
  role?: AccountRole;
  status?: AccountStatus;
}

export interface AuditFilter {
  action?: string;
  cursor?: string;
}

/** Verwaltung: the people with accounts, invitations and the audit log. */
@Injectable({ providedIn: 'root' })
export class AccountsAdminService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  list(filter: AccountFilter = {}): Observable<AccountSummary[]> {
    return accountsAdminList(this.http, this.api.rootUrl, {
      query: filter.query?.trim() || undefined,
      role: filter.role,
      status: filter.status,
    }).pipe(map((response) => response.body));
  }

  invite(invitation: NewInvitation): Observable<void> {
    return invitationsInvite(this.http, this.api.rootUrl, { body: invitation }).pipe(map(() => undefined));
  }

  /** Changes role or status; `version` is the one the change is based on (409 when stale). */
  update(id: string, change: AccountChange): Observable<AccountSummary> {
    return accountsAdminUpdate(this.http, this.api.rootUrl, { id, body: change }).pipe(
      map((response) => response.body),
    );
  }

  auditLog(filter: AuditFilter = {}): Observable<AuditPage> {
    return accountsAdminAuditLog(this.http, this.api.rootUrl, {
      action: filter.action || undefined,
      cursor: filter.cursor,
    }).pipe(map((response) => response.body));
  }
}
