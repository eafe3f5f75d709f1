import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { groupsAdd } from '../api/generated/fn/groups/groups-add';
import { groupsChangeRole } from '../api/generated/fn/groups/groups-change-role';
import { groupsCreate } from '../api/generated/fn/groups/groups-create';
import { groupsCsv } from '../api/generated/fn/groups/groups-csv';
import { groupsDecide } from '../api/generated/fn/groups/groups-decide';
import { groupsDetail } from '../api/generated/fn/groups/groups-detail';
import { groupsJoin } from '../api/generated/fn/groups/groups-join';
import { groupsList } from '../api/generated/fn/groups/groups-list';
import { groupsMatrix } from '../api/generated/fn/groups/groups-matrix';
import { groupsRemove } from '../api/generated/fn/groups/groups-remove';
import { groupsUpdate } from '../api/generated/fn/groups/groups-update';
import { organizationsDirectory } from '../api/generated/fn/organizations/organizations-directory';
import { CoverageDto } from '../api/generated/models/coverage-dto';
import { CoverageGroupDto } from '../api/generated/models/coverage-group-dto';
import { CoverageRowDto } from '../api/generated/models/coverage-row-dto';
import { CreateGroupDto } from '../api/generated/models/create-group-dto';
import { GroupDetailDto } from '../api/generated/models/group-detail-dto';
import { GroupMemberDto } from '../api/generated/models/group-member-dto';
import { GroupSummaryDto } from '../api/generated/models/group-summary-dto';
import { PersonDto } from '../api/generated/models/person-dto';
import { UpdateGroupDto } from '../api/generated/models/update-group-dto';

export type GroupSummary = GroupSummaryDto;
export type GroupDetail = GroupDetailDto;
export type GroupMember = GroupMemberDto;
export type GroupRole = GroupMemberDto['role'];
export type GroupKind = GroupSummaryDto['kind'];
export type GroupStatus = GroupSummaryDto['status'];
export type NewGroup = CreateGroupDto & { name: string; shortName: string };
export type GroupChange = UpdateGroupDto;
export type Coverage = CoverageDto;
export type CoverageGroup = CoverageGroupDto;
export type CoverageRow = CoverageRowDto;
export type DirectoryPerson = PersonDto;

/** How each group kind reads in the UI. */
export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  uag: 'Unterarbeitsgruppe (UAG)',
  pilot_project: 'Pilotprojekt',
  other: 'Sonstige Gruppe',
};

/** "UAG 3", "Pilotprojekt", or "Gruppe" when a group has neither number nor kind to show. */
export function groupBadge(group: { kind?: GroupKind; number: number | null }): string {
  if (group.kind === 'pilot_project') {
    return group.number ? `Pilotprojekt ${group.number}` : 'Pilotprojekt';
  }
  if (group.kind === 'other') {
    return group.number ? `Gruppe ${group.number}` : 'Gruppe';
  }
  return group.number ? `UAG ${group.number}` : 'UAG';
}

/**
 * Working groups (UAG and later pilot project teams): the list, a group's page, joining, leaving,
 * members and roles, and the coverage matrix "Wer ist wo?".
 */
@Injectable({ providedIn: 'root' })
export class GroupsService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  list(): Observable<GroupSummary[]> {
    return groupsList(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  detail(id: string): Observable<GroupDetail> {
    return groupsDetail(this.http, this.api.rootUrl, { id }).pipe(map((response) => response.body));
  }

  /** Coordinators create a group; 409 when the number is taken. */
  create(group: NewGroup): Observable<GroupDetail> {
    return groupsCreate(this.http, this.api.rootUrl, { body: group }).pipe(map((response) => response.body));
  }

  /** Leads change description, goals and phase; coordinators everything. 409 on a stale `version`. */
  update(id: string, change: GroupChange): Observable<GroupDetail> {
    return groupsUpdate(this.http, this.api.rootUrl, { id, body: change }).pipe(map((response) => response.body));
  }

  /** Asks to join; a lead or the coordination decides. */
  join(id: string, message?: string): Observable<GroupDetail> {
    const note = message?.trim();
    return groupsJoin(this.http, this.api.rootUrl, { id, body: note ? { message: note } : {} }).pipe(
      map((response) => response.body),
    );
  }

  /** Puts a person into the group at once (leads, coordinators; contacts for their own people). */
  add(id: string, personId: string, role: GroupRole = 'member'): Observable<GroupDetail> {
    return groupsAdd(this.http, this.api.rootUrl, { id, body: { personId, role } }).pipe(
      map((response) => response.body),
    );
  }

  decide(id: string, personId: string, decision: 'approve' | 'decline'): Observable<GroupDetail> {
    return groupsDecide(this.http, this.api.rootUrl, { id, personId, body: { decision } }).pipe(
      map((response) => response.body),
    );
  }

  changeRole(id: string, personId: string, role: GroupRole): Observable<GroupDetail> {
    return groupsChangeRole(this.http, this.api.rootUrl, { id, personId, body: { role } }).pipe(
      map((response) => response.body),
    );
  }

  /** Leaves the group (own id, also withdraws a request) or takes someone out. */
  remove(id: string, personId: string): Observable<GroupDetail> {
    return groupsRemove(this.http, this.api.rootUrl, { id, personId }).pipe(map((response) => response.body));
  }

  /** Organisations × active groups. */
  coverage(): Observable<Coverage> {
    return groupsMatrix(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** Where the browser downloads the coverage matrix as CSV (a plain link, the session cookie goes along). */
  coverageCsvUrl(): string {
    return `${this.api.rootUrl}${groupsCsv.PATH}`;
  }

  /** People whose name contains `query`, optionally of one organisation (for "Person hinzufügen"). */
  searchPeople(query: string, organizationId?: string): Observable<DirectoryPerson[]> {
    return organizationsDirectory(this.http, this.api.rootUrl, {
      query: query.trim() || undefined,
      organizationId,
    }).pipe(map((response) => response.body));
  }
}
