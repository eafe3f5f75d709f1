import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, actorOrigin, CurrentActor, requestOrigin, RequirePermission } from '@srp/server/identity';
import { AppConfig, DomainError, Public, uuidOr404 } from '@srp/server/platform';
import type { Request, Response } from 'express';
import { AgendaService } from './agenda/agenda.service';
import { MeetingAnswersService } from './answers/meeting-answers.service';
import { MeetingCalendarService } from './calendar/meeting-calendar.service';
import { icsFileName } from './ical';
import {
  AgendaItemInputDto,
  AnswerMeetingDto,
  AttendanceSheetDto,
  CalendarFeedDto,
  CancelMeetingDto,
  CreateMeetingDto,
  DecideAgendaItemDto,
  DeleteAgendaItemQuery,
  GuestAnswerDto,
  GuestMeetingDto,
  ListMeetingsQuery,
  MeetingDetailDto,
  MeetingListDto,
  MeetingSavedDto,
  MoveAgendaItemDto,
  RecordAttendanceDto,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
  SeriesRemindersStateDto,
  UpdateMeetingDto,
  UpdateSeriesRemindersDto,
} from './meetings.dto';
import { GuestLink, MeetingsService } from './planning/meetings.service';

const ICS_TYPE = 'text/calendar; charset=utf-8';

@ApiTags('meetings')
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly answers: MeetingAnswersService,
    private readonly agenda: AgendaService,
    private readonly calendar: MeetingCalendarService,
    private readonly config: AppConfig,
  ) {}

  /** The calendar: meetings of a period that the actor may see (or, with `mine`, is invited to). */
  @Get('meetings')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingListDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListMeetingsQuery): Promise<MeetingListDto> {
    return this.meetings.list(actor, query);
  }

  /** Plans a meeting, or a series with `recurrence` (coordination; group leads for their group). */
  @Post('meetings')
  @RequirePermission('meetings.participate')
  @ApiCreatedResponse({ type: MeetingSavedDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateMeetingDto,
    @Req() request: Request,
  ): Promise<MeetingSavedDto> {
    const saved = await this.meetings.create(actor, body, actorOrigin(actor, request));
    return { meeting: saved.meeting, guestLinks: this.guestLinks(saved.guestLinks) };
  }

  /** A meeting's page. */
  @Get('meetings/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  detail(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<MeetingDetailDto> {
    return this.meetings.detail(actor, id);
  }

  /** Changes or moves a meeting; `scope: 'following'` changes the later meetings of its series too. */
  @Patch('meetings/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingSavedDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version, or the meeting is cancelled' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateMeetingDto,
    @Req() request: Request,
  ): Promise<MeetingSavedDto> {
    const saved = await this.meetings.update(actor, id, body, actorOrigin(actor, request));
    return { meeting: saved.meeting, guestLinks: this.guestLinks(saved.guestLinks) };
  }

  /** A series' own reminder times (organiser, host group leads, coordination); null: the defaults. */
  @Put('meeting-series/:id/reminders')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: SeriesRemindersStateDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version' })
  setSeriesReminders(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateSeriesRemindersDto,
    @Req() request: Request,
  ): Promise<SeriesRemindersStateDto> {
    return this.meetings.setSeriesReminders(actor, id, body, actorOrigin(actor, request));
  }

  /** Cancels a meeting (or it and the following ones of its series). */
  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: CancelMeetingDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    return this.meetings.cancel(actor, id, body, actorOrigin(actor, request));
  }

  /** The meeting as an iCalendar file: METHOD:REQUEST, or METHOD:CANCEL once cancelled. */
  @Get('meetings/:id/ics')
  @RequirePermission('meetings.participate')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async ics(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { body, meeting } = await this.calendar.meetingFile(actor, id);
    response.setHeader('Content-Type', ICS_TYPE);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${icsFileName(meeting.title, new Date(meeting.startsAt))}"`,
    );
    return body;
  }

  /** Zusage, Absage, Vielleicht (with vor Ort/online for hybrid meetings and an optional deputy). */
  @Post('meetings/:id/answer')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  async answer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: AnswerMeetingDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    await this.answers.answer(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, id);
  }

  /** Attendance: recorded, or suggested from the answers (organisers). */
  @Get('meetings/:id/attendance')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: AttendanceSheetDto })
  @ApiNotFoundResponse()
  attendance(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<AttendanceSheetDto> {
    return this.answers.sheet(actor, id);
  }

  /** Records who took part (the whole list). */
  @Put('meetings/:id/attendance')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: AttendanceSheetDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  recordAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: RecordAttendanceDto,
    @Req() request: Request,
  ): Promise<AttendanceSheetDto> {
    return this.answers.record(actor, id, body, actorOrigin(actor, request));
  }

  /** Adds an agenda item (organisers) or proposes one (invitees, while the call for items is open). */
  @Post('meetings/:id/agenda-items')
  @RequirePermission('meetings.participate')
  @ApiCreatedResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  async addAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: AgendaItemInputDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    await this.agenda.add(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, id);
  }

  /** Puts the accepted agenda items in a new order. */
  @Post('meetings/:id/agenda/order')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async reorder(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: ReorderAgendaDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    await this.agenda.reorder(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, id);
  }

  /** Changes an agenda item (organisers; the proposer while it waits). */
  @Patch('agenda-items/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async updateAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateAgendaItemDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    const meetingId = await this.agenda.update(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, meetingId);
  }

  /** Accepts or rejects a proposed agenda item. */
  @Post('agenda-items/:id/decision')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: DecideAgendaItemDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    const meetingId = await this.agenda.decide(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, meetingId);
  }

  /** Moves an accepted item or a proposal to another meeting the actor plans; answers the source meeting. */
  @Post('agenda-items/:id/move')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiBadRequestResponse({ description: 'Same meeting, or a target the actor does not plan or cannot see' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version, target cancelled or started, minutes no longer open' })
  async moveAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: MoveAgendaItemDto,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    const meetingId = await this.agenda.move(actor, id, body, actorOrigin(actor, request));
    return this.meetings.detail(actor, meetingId);
  }

  /** Removes an agenda item, or withdraws one's own proposal. */
  @Delete('agenda-items/:id')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async removeAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Query() query: DeleteAgendaItemQuery,
    @Req() request: Request,
  ): Promise<MeetingDetailDto> {
    const meetingId = await this.agenda.remove(actor, id, query.version, actorOrigin(actor, request));
    return this.meetings.detail(actor, meetingId);
  }

  /** My private calendar subscription: whether it exists (the address is shown only when created). */
  @Get('calendar/feed')
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: CalendarFeedDto })
  feed(@CurrentActor() actor: Actor): Promise<CalendarFeedDto> {
    return this.calendar.feed(actor);
  }

  /** Creates a new private subscription address (the old one stops working). */
  @Post('calendar/feed')
  @HttpCode(200)
  @RequirePermission('meetings.participate')
  @ApiOkResponse({ type: CalendarFeedDto })
  renewFeed(@CurrentActor() actor: Actor, @Req() request: Request): Promise<CalendarFeedDto> {
    return this.calendar.renewFeed(actor, actorOrigin(actor, request));
  }

  /** Revokes my private subscription address. */
  @Delete('calendar/feed')
  @HttpCode(204)
  @RequirePermission('meetings.participate')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No active address' })
  revokeFeed(@CurrentActor() actor: Actor, @Req() request: Request): Promise<void> {
    return this.calendar.revokeFeed(actor, actorOrigin(actor, request));
  }

  /** A private feed (the token is the credential): my meetings. */
  @Public()
  @Get('calendar/feeds/:file')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async feedFile(@Param('file') file: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const body = await this.calendar.feedFile(stripIcs(file), null);
    response.setHeader('Content-Type', ICS_TYPE);
    response.setHeader('Cache-Control', 'private, max-age=300');
    return body;
  }

  /** A group's feed, opened with a member's private token. */
  @Public()
  @Get('calendar/feeds/:token/groups/:file')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async groupFeedFile(
    @Param('token') token: string,
    @Param('file') file: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const groupId = stripIcs(file).toLowerCase();
    if (!UUID.test(groupId)) throw new DomainError('NOT_FOUND');
    const body = await this.calendar.feedFile(token, groupId);
    response.setHeader('Content-Type', ICS_TYPE);
    response.setHeader('Cache-Control', 'private, max-age=300');
    return body;
  }

  /** A guest's view of the one meeting their link opens. */
  @Public()
  @Get('guest/:token')
  @ApiOkResponse({ type: GuestMeetingDto })
  @ApiNotFoundResponse()
  guestView(@Param('token') token: string): Promise<GuestMeetingDto> {
    return this.calendar.guestView(token);
  }

  /** A guest answers the invitation. */
  @Public()
  @Post('guest/:token/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: GuestMeetingDto })
  @ApiNotFoundResponse()
  guestAnswer(
    @Param('token') token: string,
    @Body() body: GuestAnswerDto,
    @Req() request: Request,
  ): Promise<GuestMeetingDto> {
    return this.calendar.guestAnswer(token, body.answer, { actorId: null, ...requestOrigin(request) });
  }

  /** The guest's calendar file. */
  @Public()
  @Get('guest/:token/ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async guestIcs(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { body, meeting } = await this.calendar.guestFile(token);
    response.setHeader('Content-Type', ICS_TYPE);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${icsFileName(meeting.title, new Date(meeting.startsAt))}"`,
    );
    return body;
  }

  private guestLinks(links: GuestLink[]) {
    return links.map((l) => ({ email: l.email, url: `${this.config.PUBLIC_URL}/gast/${l.token}` }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const stripIcs = (file: string) => file.replace(/\.ics$/i, '');
