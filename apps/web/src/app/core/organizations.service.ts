import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { groupsAdd } from '../api/generated/fn/groups/groups-add';
import { groupsList } from '../api/generated/fn/groups/groups-list';
import { groupsMatrix } from '../api/generated/fn/groups/groups-matrix';
import { organizationsChangeMembership } from '../api/generated/fn/organizations/organizations-change-membership';
import { organizationsCreate } from '../api/generated/fn/organizations/organizations-create';
import { organizationsDecideMembership } from '../api/generated/fn/organizations/organizations-decide-membership';
import { organizationsDetail } from '../api/generated/fn/organizations/organizations-detail';
import { organizationsDirectoryCsv } from '../api/generated/fn/organizations/organizations-directory-csv';
import { organizationsDistricts } from '../api/generated/fn/organizations/organizations-districts';
import { organizationsImportPeople } from '../api/generated/fn/organizations/organizations-import-people';
import { organizationsInvite } from '../api/generated/fn/organizations/organizations-invite';
import { organizationsList } from '../api/generated/fn/organizations/organizations-list';
import { organizationsMerge } from '../api/generated/fn/organizations/organizations-merge';
import { organizationsReactivate } from '../api/generated/fn/organizations/organizations-reactivate';
import { organizationsRequestMembership } from '../api/generated/fn/organizations/organizations-request-membership';
import { organizationsRetire } from '../api/generated/fn/organizations/organizations-retire';
import { organizationsUpdatePerson } from '../api/generated/fn/organizations/organizations-update-person';
import { organizationsUpdate } from '../api/generated/fn/organizations/organizations-update';
import { CoverageDto } from '../api/generated/models/coverage-dto';
import { CreateOrganizationDto } from '../api/generated/models/create-organization-dto';
import { DistrictParticipationDto } from '../api/generated/models/district-participation-dto';
import { GroupSummaryDto } from '../api/generated/models/group-summary-dto';
import { InvitePersonDto } from '../api/generated/models/invite-person-dto';
import { MembershipEventDto } from '../api/generated/models/membership-event-dto';
import { OrganizationDetailDto } from '../api/generated/models/organization-detail-dto';
import { OrganizationSummaryDto } from '../api/generated/models/organization-summary-dto';
import { PeopleImportReportDto } from '../api/generated/models/people-import-report-dto';
import { PeopleImportRowDto } from '../api/generated/models/people-import-row-dto';
import { PersonDto } from '../api/generated/models/person-dto';
import { UpdateOrganizationDto } from '../api/generated/models/update-organization-dto';
import { UpdatePersonDto } from '../api/generated/models/update-person-dto';

export type OrganizationSummary = OrganizationSummaryDto;
export type OrganizationDetail = OrganizationDetailDto;
export type OrganizationKind = OrganizationSummaryDto['kind'];
export type MembershipStatus = OrganizationSummaryDto['membershipStatus'];
export type MembershipEvent = MembershipEventDto;
export type Person = PersonDto;
export type DistrictParticipation = DistrictParticipationDto;
export type WorkingGroupSummary = GroupSummaryDto;
export type Coverage = CoverageDto;
export type NewOrganization = CreateOrganizationDto;
export type OrganizationChange = UpdateOrganizationDto;
export type NewPerson = InvitePersonDto;
export type PersonChange = UpdatePersonDto;
export type PeopleImportReport = PeopleImportReportDto;
export type PeopleImportRow = PeopleImportRowDto;
export type PeopleImportOutcome = PeopleImportRowDto['outcome'];

export interface OrganizationFilter {
  /** Part of the name or the start of the AGS. */
  query?: string;
  /** Only municipalities (true), only other organisations (false), or all (undefined). */
  municipal?: boolean;
  /** 5-digit district key. */
  district?: string;
  membership?: MembershipStatus;
  /** Default on the server: active (not retired). */
  status?: 'active' | 'retired';
}

/** A membership change by a contact or the coordination: pause, resume, end, or any move (coordination). */
export interface MembershipChange {
  status: MembershipStatus;
  reason: string;
  /** ISO date (YYYY-MM-DD); the server takes today (Europe/Berlin) when left out. */
  effectiveOn?: string;
  version: number;
}

/** Kommunen and other organisations: the directory, membership, people and working groups of an organisation. */
@Injectable({ providedIn: 'root' })
export class OrganizationsService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /** Where the people directory is downloaded as CSV (respecting what each person shares). */
  get peopleExportUrl(): string {
    return `${this.api.rootUrl}${organizationsDirectoryCsv.PATH}`;
  }

  list(filter: OrganizationFilter = {}): Observable<OrganizationSummary[]> {
    return organizationsList(this.http, this.api.rootUrl, {
      query: filter.query?.trim() || undefined,
      municipal: filter.municipal === undefined ? undefined : String(filter.municipal),
      district: filter.district || undefined,
      membership: filter.membership,
      status: filter.status,
    }).pipe(map((response) => response.body));
  }

  detail(id: string): Observable<OrganizationDetail> {
    return organizationsDetail(this.http, this.api.rootUrl, { id }).pipe(map((response) => response.body));
  }

  create(organization: NewOrganization): Observable<OrganizationDetail> {
    return organizationsCreate(this.http, this.api.rootUrl, { body: organization }).pipe(
      map((response) => response.body),
    );
  }

  /** Edits the organisation; `version` is the one the change is based on (409 when stale). */
  update(id: string, change: OrganizationChange): Observable<OrganizationDetail> {
    return organizationsUpdate(this.http, this.api.rootUrl, { id, body: change }).pipe(
      map((response) => response.body),
    );
  }

  retire(id: string, reason: string, version: number): Observable<OrganizationDetail> {
    return organizationsRetire(this.http, this.api.rootUrl, { id, body: { reason, version } }).pipe(
      map((response) => response.body),
    );
  }

  reactivate(id: string, version: number): Observable<OrganizationDetail> {
    return organizationsReactivate(this.http, this.api.rootUrl, { id, body: { version } }).pipe(
      map((response) => response.body),
    );
  }

  /** Merges the organisation into `targetId`; answers with the target. */
  merge(id: string, targetId: string, reason: string, version: number): Observable<OrganizationDetail> {
    return organizationsMerge(this.http, this.api.rootUrl, { id, body: { targetId, reason, version } }).pipe(
      map((response) => response.body),
    );
  }

  requestMembership(id: string, reason: string, version: number): Observable<OrganizationDetail> {
    return organizationsRequestMembership(this.http, this.api.rootUrl, { id, body: { reason, version } }).pipe(
      map((response) => response.body),
    );
  }

  decideMembership(
    id: string,
    decision: 'approve' | 'decline',
    message: string | undefined,
    version: number,
  ): Observable<OrganizationDetail> {
    return organizationsDecideMembership(this.http, this.api.rootUrl, {
      id,
      body: { decision, message: message?.trim() || undefined, version },
    }).pipe(map((response) => response.body));
  }

  changeMembership(id: string, change: MembershipChange): Observable<OrganizationDetail> {
    return organizationsChangeMembership(this.http, this.api.rootUrl, {
      id,
      body: {
        status: change.status,
        reason: change.reason,
        effectiveOn: change.effectiveOn || undefined,
        version: change.version,
      },
    }).pipe(map((response) => response.body));
  }

  invitePerson(organizationId: string, person: NewPerson): Observable<Person> {
    return organizationsInvite(this.http, this.api.rootUrl, { id: organizationId, body: person }).pipe(
      map((response) => response.body),
    );
  }

  /**
   * Onboarding from a CSV file (header row with Name and E-Mail, optional Funktion and Telefon).
   * A dry run only reports per row what would happen; the real run sends the invitations.
   */
  importPeople(organizationId: string, csv: string, dryRun: boolean): Observable<PeopleImportReport> {
    return organizationsImportPeople(this.http, this.api.rootUrl, { id: organizationId, body: { csv, dryRun } }).pipe(
      map((response) => response.body),
    );
  }

  updatePerson(organizationId: string, personId: string, change: PersonChange): Observable<Person> {
    return organizationsUpdatePerson(this.http, this.api.rootUrl, {
      id: organizationId,
      personId,
      body: change,
    }).pipe(map((response) => response.body));
  }

  /** The districts with their number of municipalities and of those taking part (for the map). */
  districts(): Observable<DistrictParticipation[]> {
    return organizationsDistricts(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** All working groups (active first). */
  groups(): Observable<WorkingGroupSummary[]> {
    return groupsList(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** Who is in which group, for all organisations or just one. */
  coverage(organizationId?: string): Observable<Coverage> {
    return groupsMatrix(this.http, this.api.rootUrl, { organizationId }).pipe(map((response) => response.body));
  }

  /** Puts a person into a working group (contacts: people of their own organisation). */
  addToGroup(groupId: string, personId: string): Observable<void> {
    return groupsAdd(this.http, this.api.rootUrl, { id: groupId, body: { personId } }).pipe(map(() => undefined));
  }
}
