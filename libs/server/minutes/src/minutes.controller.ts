import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { DecisionsService } from './decisions/decisions.service';
import { MinutesExportFile, MinutesReader } from './minutes-reader.service';
import {
  AddMinutesCommentDto,
  DecisionPageDto,
  ExportMinutesQuery,
  ListDecisionsQuery,
  MinutesDto,
  MinutesVersionDto,
  OpenPointDto,
  ReviseMinutesDto,
  SaveMinutesDto,
  SubmitMinutesDto,
} from './minutes.dto';
import { MinutesService } from './minutes.service';

/** An export as a download: attachment with an ASCII file name. */
function download(file: MinutesExportFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.filename}"`,
    length: file.body.length,
  });
}

@ApiTags('minutes')
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly reader: MinutesReader,
    private readonly decisions: DecisionsService,
  ) {}

  /** The minutes of a meeting as the actor may see them (404 when none or not visible). */
  @Get('meetings/:meetingId/minutes')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  byMeeting(@CurrentActor() actor: Actor, @Param('meetingId', uuidOr404) meetingId: string): Promise<MinutesDto> {
    return this.reader.byMeeting(actor, meetingId);
  }

  /** Starts the minutes of a meeting (organiser, host group leads, coordination). */
  @Post('meetings/:meetingId/minutes')
  @RequirePermission('meetings.participate')
  @ApiCreatedResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Minutes exist already, or the meeting is cancelled' })
  create(
    @CurrentActor() actor: Actor,
    @Param('meetingId', uuidOr404) meetingId: string,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.create(actor, meetingId, actorOrigin(actor, request));
  }

  /** "Offene Punkte aus der letzten Sitzung": open action items of the series' previous meeting. */
  @Get('meetings/:meetingId/open-points')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: [OpenPointDto] })
  @ApiNotFoundResponse()
  openPoints(@CurrentActor() actor: Actor, @Param('meetingId', uuidOr404) meetingId: string): Promise<OpenPointDto[]> {
    return this.reader.openPoints(actor, meetingId);
  }

  /** The decision register: German full text, group and date filters, newest first. */
  @Get('decisions')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: DecisionPageDto })
  @ApiBadRequestResponse()
  listDecisions(@CurrentActor() actor: Actor, @Query() query: ListDecisionsQuery): Promise<DecisionPageDto> {
    return this.decisions.list(actor, query);
  }

  /** The minutes by id. */
  @Get('minutes/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  detail(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<MinutesDto> {
    return this.reader.detail(actor, id);
  }

  /** Saves the whole draft (autosave): notes, publish level, entries in order. */
  @Put('minutes/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version, not a draft, or an entry with a task removed' })
  save(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: SaveMinutesDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.save(actor, id, body, actorOrigin(actor, request));
  }

  /** Sends the draft to review with a deadline. */
  @Post('minutes/:id/submit')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version or not a draft' })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: SubmitMinutesDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.submit(actor, id, body, actorOrigin(actor, request));
  }

  /** Takes the minutes back from review into the draft (the approvals given are removed). */
  @Post('minutes/:id/reopen')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version or not in review' })
  reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: MinutesVersionDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.reopen(actor, id, body.version, actorOrigin(actor, request));
  }

  /** An attendee approves the revision in review. */
  @Post('minutes/:id/approve')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in review, deadline passed, or approved already' })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.approve(actor, id, actorOrigin(actor, request));
  }

  /** Comments on the draft (writers) or on the minutes in review (writers, attendees). */
  @Post('minutes/:id/comments')
  @RequirePermission('meetings.participate')
  @ApiCreatedResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Released minutes take no comments' })
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: AddMinutesCommentDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.comment(actor, id, body, actorOrigin(actor, request));
  }

  /** Releases the minutes: tasks from action items, frozen revision, decision register. */
  @Post('minutes/:id/release')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version or not in review' })
  release(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: MinutesVersionDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.release(actor, id, body.version, actorOrigin(actor, request));
  }

  /** Opens the next revision of released minutes as a draft, with a note why. */
  @Post('minutes/:id/revise')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MinutesDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version or not released' })
  revise(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: ReviseMinutesDto,
    @Req() request: Request,
  ): Promise<MinutesDto> {
    return this.minutes.revise(actor, id, body, actorOrigin(actor, request));
  }

  /** The latest released revision as PDF (confidential entries for the meeting's managers only). */
  @Get('minutes/:id/export.pdf')
  @RequirePermission('meetings.participate')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such minutes, not visible, or not released yet' })
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Query() query: ExportMinutesQuery,
  ): Promise<StreamableFile> {
    return download(await this.reader.export(actor, id, 'pdf', query.confidential ?? false));
  }

  /** The latest released revision as Markdown. */
  @Get('minutes/:id/export.md')
  @RequirePermission('meetings.participate')
  @ApiProduces('text/markdown')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such minutes, not visible, or not released yet' })
  async markdown(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Query() query: ExportMinutesQuery,
  ): Promise<StreamableFile> {
    return download(await this.reader.export(actor, id, 'md', query.confidential ?? false));
  }
}
