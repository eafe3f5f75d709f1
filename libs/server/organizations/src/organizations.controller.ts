import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, actorOrigin, CurrentActor, RequirePermission } from '@srp/server/identity';
import { uuidOr404 } from '@srp/server/platform';
import type { Request } from 'express';
import { MembershipService } from './membership/membership.service';
import {
  ChangeMembershipDto,
  CreateOrganizationDto,
  DecideMembershipDto,
  DistrictParticipationDto,
  ImportPeopleDto,
  InvitePersonDto,
  MergeOrganizationDto,
  OrganizationDetailDto,
  OrganizationQuery,
  OrganizationSummaryDto,
  PeopleImportReportDto,
  PeopleQuery,
  PersonDto,
  ReactivateOrganizationDto,
  RequestMembershipDto,
  RetireOrganizationDto,
  UpdateOrganizationDto,
  UpdatePersonDto,
} from './organizations.dto';
import { OrganizationsService } from './organizations.service';
import { PeopleService } from './people/people.service';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly membership: MembershipService,
    private readonly people: PeopleService,
  ) {}

  /** Organisations (default: not retired), filtered by name/AGS, kind, district and membership. */
  @Get('organizations')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: [OrganizationSummaryDto] })
  list(@Query() query: OrganizationQuery): Promise<OrganizationSummaryDto[]> {
    return this.organizations.list(query);
  }

  /** Adds an organisation (coordinators). */
  @Post('organizations')
  @RequirePermission('organizations.manage')
  @ApiCreatedResponse({ type: OrganizationDetailDto })
  @ApiConflictResponse({ description: 'The AGS is taken' })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganizationDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.organizations.create(actor, body, actorOrigin(actor, request));
  }

  /** One organisation: details, people, membership history, what I may do. */
  @Get('organizations/:id')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  detail(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<OrganizationDetailDto> {
    return this.organizations.detail(actor, id);
  }

  /** Edits an organisation (coordinators); 409 on a stale version or a taken AGS. */
  @Patch('organizations/:id')
  @RequirePermission('organizations.manage')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateOrganizationDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.organizations.update(actor, id, body, actorOrigin(actor, request));
  }

  /** Retires an organisation (kept in the history, hidden from lists). */
  @Post('organizations/:id/retire')
  @HttpCode(200)
  @RequirePermission('organizations.manage')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  retire(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: RetireOrganizationDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.organizations.retire(actor, id, body, actorOrigin(actor, request));
  }

  /** Undoes a retirement (not a merger). */
  @Post('organizations/:id/reactivate')
  @HttpCode(200)
  @RequirePermission('organizations.manage')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  reactivate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: ReactivateOrganizationDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.organizations.reactivate(actor, id, body.version, actorOrigin(actor, request));
  }

  /** Merges this organisation into another (municipal merger); answers with the target. */
  @Post('organizations/:id/merge')
  @HttpCode(200)
  @RequirePermission('organizations.manage')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  merge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: MergeOrganizationDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.organizations.merge(actor, id, body, actorOrigin(actor, request));
  }

  /** A contact asks for the municipality to become a member of the initiative. */
  @Post('organizations/:id/membership/request')
  @HttpCode(200)
  @RequirePermission('organization.contribute')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  requestMembership(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: RequestMembershipDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.membership.request(actor, id, body, actorOrigin(actor, request));
  }

  /** Coordinators approve or decline a membership request; the requester is e-mailed. */
  @Post('organizations/:id/membership/decision')
  @HttpCode(200)
  @RequirePermission('organizations.manage')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  decideMembership(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: DecideMembershipDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.membership.decide(actor, id, body, actorOrigin(actor, request));
  }

  /** Pauses, resumes or ends a membership (contacts for their own), or any change by coordinators. */
  @Post('organizations/:id/membership')
  @HttpCode(200)
  @RequirePermission('organization.contribute')
  @ApiOkResponse({ type: OrganizationDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  changeMembership(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: ChangeMembershipDto,
    @Req() request: Request,
  ): Promise<OrganizationDetailDto> {
    return this.membership.change(actor, id, body, actorOrigin(actor, request));
  }

  /** Invites a colleague into the organisation (contacts: their own). */
  @Post('organizations/:id/people')
  @RequirePermission('organization.contribute')
  @ApiCreatedResponse({ type: PersonDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'An account with this e-mail exists' })
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: InvitePersonDto,
    @Req() request: Request,
  ): Promise<PersonDto> {
    return this.people.invite(actor, id, body, actorOrigin(actor, request));
  }

  /** Onboarding from a CSV file: dry run with a per-row report, then the import that sends invitations. */
  @Post('organizations/:id/people/import')
  @HttpCode(200)
  @RequirePermission('organization.contribute')
  @ApiOkResponse({ type: PeopleImportReportDto })
  @ApiNotFoundResponse()
  importPeople(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: ImportPeopleDto,
    @Req() request: Request,
  ): Promise<PeopleImportReportDto> {
    return this.people.importPeople(actor, id, body, actorOrigin(actor, request));
  }

  /** Deactivates or reactivates a colleague, sets their function; coordinators also name contacts. */
  @Patch('organizations/:id/people/:personId')
  @RequirePermission('organization.contribute')
  @ApiOkResponse({ type: PersonDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  updatePerson(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Param('personId', uuidOr404) personId: string,
    @Body() body: UpdatePersonDto,
    @Req() request: Request,
  ): Promise<PersonDto> {
    return this.people.update(actor, id, personId, body, actorOrigin(actor, request));
  }

  /** The people directory, with contact details as each person chose to share them. */
  @Get('people')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: [PersonDto] })
  directory(@CurrentActor() actor: Actor, @Query() query: PeopleQuery): Promise<PersonDto[]> {
    return this.people.directory(actor, query);
  }

  /** The same directory as a CSV file (semicolons, UTF-8). */
  @Get('people/export')
  @RequirePermission('directory.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="personen.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  directoryCsv(@CurrentActor() actor: Actor, @Query() query: PeopleQuery): Promise<string> {
    return this.people.directoryCsv(actor, query);
  }

  /** Each district with its number of municipalities and of those taking part (the map). */
  @Get('districts')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: [DistrictParticipationDto] })
  districts(): Promise<DistrictParticipationDto[]> {
    return this.organizations.districts();
  }
}
