import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
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
import { CoverageService } from './coverage/coverage.service';
import {
  AddGroupMemberDto,
  ChangeGroupRoleDto,
  CoverageDto,
  CoverageQuery,
  CreateGroupDto,
  DecideJoinRequestDto,
  GroupDetailDto,
  GroupSummaryDto,
  JoinGroupDto,
  UpdateGroupDto,
} from './groups.dto';
import { GroupsService } from './groups.service';
import { GroupMembershipsService } from './memberships/group-memberships.service';

@ApiTags('groups')
@Controller()
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly memberships: GroupMembershipsService,
    private readonly coverage: CoverageService,
  ) {}

  /** All working groups (active first, by number) with counts and my role. */
  @Get('groups')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: [GroupSummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<GroupSummaryDto[]> {
    return this.groups.list(actor);
  }

  /** Creates a group, e.g. a pilot project team (coordinators). */
  @Post('groups')
  @RequirePermission('groups.manage')
  @ApiCreatedResponse({ type: GroupDetailDto })
  @ApiConflictResponse({ description: 'The number is taken' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateGroupDto, @Req() request: Request): Promise<GroupDetailDto> {
    return this.groups.create(actor, body, actorOrigin(actor, request));
  }

  /** A group's page: description, goals, members with their organisations, participating organisations. */
  @Get('groups/:id')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  detail(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<GroupDetailDto> {
    return this.groups.detail(actor, id);
  }

  /** Edits a group: leads description, goals and phase; coordinators everything. */
  @Patch('groups/:id')
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateGroupDto,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.groups.update(actor, id, body, actorOrigin(actor, request));
  }

  /** Asks to join the group (people of active municipalities and partners). */
  @Post('groups/:id/join')
  @HttpCode(200)
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  join(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: JoinGroupDto,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.memberships.join(actor, id, body, actorOrigin(actor, request));
  }

  /** Adds a person: leads and coordinators anyone, contacts people of their own organisation. */
  @Post('groups/:id/members')
  @HttpCode(200)
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  add(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: AddGroupMemberDto,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.memberships.add(actor, id, body, actorOrigin(actor, request));
  }

  /** Approves or declines a join request (leads, coordinators); the person is e-mailed. */
  @Post('groups/:id/members/:personId/decision')
  @HttpCode(200)
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Param('personId', uuidOr404) personId: string,
    @Body() body: DecideJoinRequestDto,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.memberships.decide(actor, id, personId, body.decision, actorOrigin(actor, request));
  }

  /** Makes a member a lead (Sprecher*in) or back (leads, coordinators). */
  @Patch('groups/:id/members/:personId')
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Param('personId', uuidOr404) personId: string,
    @Body() body: ChangeGroupRoleDto,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.memberships.changeRole(actor, id, personId, body.role, actorOrigin(actor, request));
  }

  /** Leaves the group (own id) or removes someone (leads, coordinators, the person's contacts). */
  @Delete('groups/:id/members/:personId')
  @RequirePermission('groups.participate')
  @ApiOkResponse({ type: GroupDetailDto })
  @ApiNotFoundResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Param('personId', uuidOr404) personId: string,
    @Req() request: Request,
  ): Promise<GroupDetailDto> {
    return this.memberships.remove(actor, id, personId, actorOrigin(actor, request));
  }

  /** Organisations × groups: who is where. */
  @Get('coverage')
  @RequirePermission('directory.read')
  @ApiOkResponse({ type: CoverageDto })
  matrix(@Query() query: CoverageQuery): Promise<CoverageDto> {
    return this.coverage.matrix(query);
  }

  /** The coverage matrix as a CSV file (semicolons, UTF-8). */
  @Get('coverage/export')
  @RequirePermission('directory.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="abdeckung-kommunen-arbeitsgruppen.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  csv(): Promise<string> {
    return this.coverage.csv();
  }
}
