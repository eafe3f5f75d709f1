import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGENDA_ITEM_STATUSES,
  AgendaItemStatus,
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  AttendanceMode,
  AttendanceStatus,
  MEETING_FORMATS,
  MEETING_KINDS,
  MEETING_LIMITS,
  MEETING_STATUSES,
  MeetingFormat,
  MeetingKind,
  MeetingStatus,
  RECURRENCE_FREQUENCIES,
  RecurrenceFrequency,
  RSVP_ANSWERS,
  RsvpAnswer,
  SERIES_EDIT_SCOPES,
  SeriesEditScope,
  WEEKDAYS,
  Weekday,
} from '@srp/contracts';
import { IsCalendarDate, lowerIds, NOT_BLANK, toList } from '@srp/server/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = 'Bitte geben Sie eine Uhrzeit im Format HH:MM an.';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = 'Bitte geben Sie eine vollständige Adresse mit https:// an.';

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export class MeetingPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  organization!: string | null;
}

export class MeetingGroupRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  shortName!: string;

  @ApiProperty()
  name!: string;
}

export class MeetingSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ enum: MEETING_FORMATS })
  format!: MeetingFormat;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Address and room, for in-person meetings' })
  place!: string | null;

  @ApiProperty({ type: MeetingGroupRefDto, nullable: true })
  hostGroup!: MeetingGroupRefDto | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  seriesId!: string | null;

  @ApiProperty({ enum: RSVP_ANSWERS, nullable: true, description: "The actor's own answer" })
  myAnswer!: RsvpAnswer | null;

  @ApiProperty({ description: 'Zusagen (without the waiting list)' })
  yesCount!: number;
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingSummaryDto] })
  items!: MeetingSummaryDto[];
}

export class AgendaLinkDto {
  @ApiProperty()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie eine Bezeichnung an.' })
  @MaxLength(120)
  label!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(MEETING_LIMITS.url)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url!: string;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'TOP number of accepted items' })
  number!: number | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  presenter!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  plannedMinutes!: number | null;

  @ApiProperty({ description: 'Markdown' })
  notes!: string;

  @ApiProperty({ description: 'Sanitised HTML of the notes' })
  notesHtml!: string;

  @ApiProperty({ type: [AgendaLinkDto] })
  links!: AgendaLinkDto[];

  @ApiProperty({ enum: AGENDA_ITEM_STATUSES })
  status!: AgendaItemStatus;

  @ApiProperty({ type: MeetingPersonDto, nullable: true })
  proposedBy!: MeetingPersonDto | null;

  @ApiProperty({ type: String, nullable: true })
  decisionNote!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ description: 'The actor may edit or withdraw it' })
  editable!: boolean;
}

export class RsvpDto {
  @ApiProperty({ enum: RSVP_ANSWERS })
  answer!: RsvpAnswer;

  @ApiProperty({ enum: ATTENDANCE_MODES, nullable: true })
  mode!: AttendanceMode | null;

  @ApiProperty({ type: MeetingPersonDto, nullable: true })
  deputy!: MeetingPersonDto | null;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ description: 'A Zusage beyond the capacity, waiting for a place' })
  waitlisted!: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'Place on the waiting list (1 = next)' })
  waitlistPosition!: number | null;
}

export class MeetingResponseRowDto {
  @ApiProperty({ type: MeetingPersonDto })
  person!: MeetingPersonDto;

  @ApiProperty({ enum: RSVP_ANSWERS })
  answer!: RsvpAnswer;

  @ApiProperty({ enum: ATTENDANCE_MODES, nullable: true })
  mode!: AttendanceMode | null;

  @ApiProperty({ type: MeetingPersonDto, nullable: true })
  deputy!: MeetingPersonDto | null;

  @ApiProperty()
  waitlisted!: boolean;
}

export class MeetingAnswerCountsDto {
  @ApiProperty()
  yes!: number;

  @ApiProperty()
  no!: number;

  @ApiProperty()
  maybe!: number;

  @ApiProperty()
  waitlisted!: number;

  @ApiProperty({ description: 'Invitees who have not answered' })
  open!: number;

  @ApiProperty({ description: 'People invited (everyone, groups and names together)' })
  invited!: number;
}

export class MeetingGuestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: RSVP_ANSWERS, nullable: true })
  answer!: RsvpAnswer | null;
}

export class MeetingPermissionsDto {
  @ApiProperty({ description: 'Edit, move, cancel, decide proposals, record attendance, write minutes' })
  manage!: boolean;

  @ApiProperty({ description: 'Answer the invitation' })
  answer!: boolean;

  @ApiProperty({ description: 'Propose agenda items now' })
  propose!: boolean;
}

/** When a meeting reminder goes out: hours before, or the day before at a local time. */
export class MeetingReminderRuleDto {
  @ApiProperty({ enum: ['hours_before', 'day_before_at'] })
  @IsIn(['hours_before', 'day_before_at'], { message: 'Art der Erinnerung: „Stunden vorher“ oder „am Vortag um“.' })
  type!: 'hours_before' | 'day_before_at';

  @ApiPropertyOptional({ minimum: 1, maximum: 336 })
  @IsOptional()
  @IsInt({ message: 'Stunden vorher: eine ganze Zahl.' })
  hours?: number;

  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Uhrzeit im Format HH:MM, z. B. 09:00.' })
  time?: string;
}

/** A series' own reminder times; null fields follow the coordinators' defaults. */
export class SeriesRemindersDto {
  @ApiProperty({ type: [MeetingReminderRuleDto], nullable: true, description: 'null: the defaults apply' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MeetingReminderRuleDto)
  meetingReminders!: MeetingReminderRuleDto[] | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Days before each meeting the call for agenda items goes out; null: the default',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(28)
  agendaCallDaysBefore!: number | null;
}

export class UpdateSeriesRemindersDto extends SeriesRemindersDto {
  @ApiProperty({ description: "The series' version the change is based on" })
  @IsInt()
  version!: number;
}

export class SeriesRemindersStateDto extends SeriesRemindersDto {
  @ApiProperty()
  version!: number;
}

export class SeriesInfoDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The rule in words, e.g. "Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr"' })
  description!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousMeetingId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  nextMeetingId!: string | null;

  @ApiProperty({ type: SeriesRemindersStateDto, description: "The series' own reminder times and its version" })
  reminders!: SeriesRemindersStateDto;
}

export class MeetingDetailDto extends MeetingSummaryDto {
  @ApiProperty({ description: 'Markdown' })
  description!: string;

  @ApiProperty()
  descriptionHtml!: string;

  @ApiProperty({ type: String, nullable: true })
  onlineUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ type: String, nullable: true })
  room!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  capacity!: number | null;

  @ApiProperty({ type: MeetingPersonDto, nullable: true })
  organizer!: MeetingPersonDto | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty()
  inviteAll!: boolean;

  @ApiProperty({ type: [MeetingGroupRefDto] })
  invitedGroups!: MeetingGroupRefDto[];

  @ApiProperty({ type: [MeetingPersonDto] })
  invitedPeople!: MeetingPersonDto[];

  @ApiProperty({ type: [MeetingGuestDto], description: 'Only for those who manage the meeting' })
  guests!: MeetingGuestDto[];

  @ApiProperty()
  callForItems!: boolean;

  @ApiProperty({ type: SeriesInfoDto, nullable: true })
  series!: SeriesInfoDto | null;

  @ApiProperty({ type: [AgendaItemDto], description: 'Accepted items in order, then proposals the actor may see' })
  agenda!: AgendaItemDto[];

  @ApiProperty({ description: 'Sum of the planned minutes of the accepted items' })
  plannedMinutes!: number;

  @ApiProperty()
  agendaVersion!: number;

  @ApiProperty({ type: RsvpDto, nullable: true })
  myResponse!: RsvpDto | null;

  @ApiProperty({ type: MeetingAnswerCountsDto })
  answers!: MeetingAnswerCountsDto;

  @ApiProperty({ type: [MeetingResponseRowDto], description: 'Who answered what (names of the initiative only)' })
  responses!: MeetingResponseRowDto[];

  @ApiProperty({ type: MeetingPermissionsDto })
  permissions!: MeetingPermissionsDto;

  @ApiProperty({ description: 'Calendar SEQUENCE, raised with each change' })
  icsSequence!: number;

  @ApiProperty()
  version!: number;
}

export class AttendanceRowDto {
  @ApiProperty({ type: MeetingPersonDto })
  person!: MeetingPersonDto;

  @ApiProperty({ enum: RSVP_ANSWERS, nullable: true })
  answer!: RsvpAnswer | null;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status!: AttendanceStatus;

  @ApiProperty({ enum: ATTENDANCE_MODES, nullable: true })
  mode!: AttendanceMode | null;

  @ApiProperty({ type: MeetingPersonDto, nullable: true, description: 'Came instead of this invitee' })
  deputyFor!: MeetingPersonDto | null;

  @ApiProperty({ description: 'Recorded (true) or suggested from the answers (false)' })
  recorded!: boolean;
}

export class AttendanceSheetDto {
  @ApiProperty({ type: [AttendanceRowDto] })
  rows!: AttendanceRowDto[];

  @ApiProperty({ description: 'Attendance was recorded (not only suggested)' })
  recorded!: boolean;

  @ApiProperty({
    description: 'Present people per organisation',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  presentByOrganization!: Record<string, number>;

  @ApiProperty()
  version!: number;
}

export class CalendarFeedDto {
  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Only in the answer that creates the address' })
  url!: string | null;

  @ApiProperty({
    type: [MeetingGroupRefDto],
    description: 'Groups whose feed the address also opens: replace the final ".ics" with "/groups/<id>.ics"',
  })
  groups!: MeetingGroupRefDto[];
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export class RecurrenceInputDto {
  @ApiProperty({ enum: RECURRENCE_FREQUENCIES })
  @IsIn(RECURRENCE_FREQUENCIES)
  frequency!: RecurrenceFrequency;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  interval?: number;

  @ApiPropertyOptional({ enum: ['weekday', 'date'] })
  @IsOptional()
  @IsIn(['weekday', 'date'])
  monthlyBy?: 'weekday' | 'date';

  @ApiPropertyOptional({ enum: WEEKDAYS })
  @IsOptional()
  @IsIn(WEEKDAYS)
  weekday?: Weekday;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4, -1], description: '-1 = last' })
  @IsOptional()
  @IsIn([1, 2, 3, 4, -1])
  setPosition?: 1 | 2 | 3 | 4 | -1;

  @ApiPropertyOptional({ minimum: 1, maximum: 31 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  monthDay?: number;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @Validate(IsCalendarDate)
  until?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.seriesOccurrencesMax)
  count?: number | null;
}

export class GuestInputDto {
  @ApiProperty()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Namen an.' })
  @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsEmail({}, { message: 'Bitte geben Sie eine gültige E-Mail-Adresse an.' })
  @MaxLength(254)
  email!: string;
}

/** Fields that create and update share (all optional here; create requires some). */
export class MeetingFieldsDto {
  @ApiPropertyOptional({ description: 'Markdown' })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MaxLength(MEETING_LIMITS.description)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.url)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.address)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.room)
  room?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.capacityMax)
  capacity?: number | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  organizerId?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  inviteAll?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.invitedGroups)
  @ArrayUnique()
  @Transform(lowerIds)
  @IsUUID('4', { each: true })
  invitedGroupIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.invitedPeople)
  @ArrayUnique()
  @Transform(lowerIds)
  @IsUUID('4', { each: true })
  invitedPersonIds?: string[];

  @ApiPropertyOptional({ type: [GuestInputDto], description: 'Guests from outside, by e-mail (the whole list)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.guests)
  @ValidateNested({ each: true })
  @Type(() => GuestInputDto)
  guests?: GuestInputDto[];

  @ApiPropertyOptional({ description: 'Members may propose agenda items' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  callForItems?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Local date (Europe/Berlin)' })
  @ValidateIf((_, v) => v !== undefined)
  @Validate(IsCalendarDate)
  date?: string;

  @ApiPropertyOptional({ example: '10:00', description: 'Local time (Europe/Berlin)' })
  @ValidateIf((_, v) => v !== undefined)
  @Matches(WALL_TIME, { message: TIME_MESSAGE })
  startTime?: string;

  @ApiPropertyOptional({ example: '11:30', description: 'Local time (Europe/Berlin)' })
  @ValidateIf((_, v) => v !== undefined)
  @Matches(WALL_TIME, { message: TIME_MESSAGE })
  endTime?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day, for meetings over several days',
  })
  @IsOptional()
  @Validate(IsCalendarDate)
  endDate?: string | null;
}

export class AgendaTemplateItemDto {
  @ApiProperty()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(MEETING_LIMITS.agendaItemTitle)
  title!: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.plannedMinutesMax)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  presenter?: string | null;
}

export class CreateMeetingDto extends MeetingFieldsDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ example: 'Monatsrunde' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(MEETING_LIMITS.title)
  title!: string;

  @ApiProperty({ enum: MEETING_FORMATS })
  @IsIn(MEETING_FORMATS)
  format!: MeetingFormat;

  @ApiProperty({ type: String, format: 'date' })
  @Validate(IsCalendarDate)
  declare date: string;

  @ApiProperty({ example: '10:00' })
  @Matches(WALL_TIME, { message: TIME_MESSAGE })
  declare startTime: string;

  @ApiProperty({ example: '11:30' })
  @Matches(WALL_TIME, { message: TIME_MESSAGE })
  declare endTime: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  hostGroupId?: string | null;

  @ApiPropertyOptional({ type: RecurrenceInputDto, description: 'Makes it a series starting on `date`' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecurrenceInputDto)
  recurrence?: RecurrenceInputDto;

  @ApiPropertyOptional({
    type: [AgendaTemplateItemDto],
    description: 'First agenda items (for a series: of every occurrence)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.agendaItems)
  @ValidateNested({ each: true })
  @Type(() => AgendaTemplateItemDto)
  agenda?: AgendaTemplateItemDto[];
}

export class UpdateMeetingDto extends MeetingFieldsDto {
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(MEETING_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ enum: MEETING_FORMATS })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(MEETING_FORMATS)
  format?: MeetingFormat;

  @ApiPropertyOptional({ enum: SERIES_EDIT_SCOPES, description: 'Series meetings: this one or this and following' })
  @IsOptional()
  @IsIn(SERIES_EDIT_SCOPES)
  scope?: SeriesEditScope;

  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class CancelMeetingDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;

  @ApiPropertyOptional({ enum: SERIES_EDIT_SCOPES })
  @IsOptional()
  @IsIn(SERIES_EDIT_SCOPES)
  scope?: SeriesEditScope;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class AnswerMeetingDto {
  @ApiProperty({ enum: RSVP_ANSWERS })
  @IsIn(RSVP_ANSWERS)
  answer!: RsvpAnswer;

  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, nullable: true, description: 'Hybrid meetings: vor Ort or online' })
  @IsOptional()
  @IsIn(ATTENDANCE_MODES)
  mode?: AttendanceMode | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A colleague of the same organisation',
  })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  deputyId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.rsvpComment)
  comment?: string | null;
}

export class AgendaItemInputDto {
  @ApiProperty()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(MEETING_LIMITS.agendaItemTitle)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  presenter?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.plannedMinutesMax)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.agendaItemNotes)
  notes?: string;

  @ApiPropertyOptional({ type: [AgendaLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.agendaItemLinks)
  @ValidateNested({ each: true })
  @Type(() => AgendaLinkDto)
  links?: AgendaLinkDto[];
}

export class UpdateAgendaItemDto extends AgendaItemInputDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class DecideAgendaItemDto {
  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'])
  decision!: 'accept' | 'reject';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Shown to the proposer' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class MoveAgendaItemDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting the item moves to (typically the next of the series)' })
  @Transform(lowerIds)
  @IsUUID('4')
  targetMeetingId!: string;

  @ApiProperty({ description: "The item's version" })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every accepted item, in the new order' })
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.agendaItems * 2)
  @ArrayUnique()
  @Transform(lowerIds)
  @IsUUID('4', { each: true })
  itemIds!: string[];

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  agendaVersion!: number;
}

export class AttendanceInputRowDto {
  @ApiProperty({ format: 'uuid' })
  @Transform(lowerIds)
  @IsUUID('4')
  accountId!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, nullable: true })
  @IsOptional()
  @IsIn(ATTENDANCE_MODES)
  mode?: AttendanceMode | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  deputyFor?: string | null;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceInputRowDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceInputRowDto)
  rows!: AttendanceInputRowDto[];

  @ApiProperty({ description: "The meeting's version" })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListMeetingsQuery {
  @ApiProperty({ type: String, format: 'date', description: 'First day (Europe/Berlin)' })
  @Validate(IsCalendarDate)
  from!: string;

  @ApiProperty({ type: String, format: 'date', description: 'Last day (inclusive, at most 400 days after from)' })
  @Validate(IsCalendarDate)
  to!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Host or invited group' })
  @IsOptional()
  @Transform(toList)
  @Transform(lowerIds)
  @IsArray()
  @ArrayMaxSize(60)
  @IsUUID('4', { each: true })
  groupIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: MEETING_KINDS })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(MEETING_KINDS, { each: true })
  kinds?: MeetingKind[];

  @ApiPropertyOptional({ description: 'Only meetings I am invited to (not all I may see)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;
}

export class GuestAnswerDto {
  @ApiProperty({ enum: RSVP_ANSWERS })
  @IsIn(RSVP_ANSWERS)
  answer!: RsvpAnswer;
}

export class GuestMeetingDto {
  @ApiProperty()
  guestName!: string;

  @ApiProperty({ enum: RSVP_ANSWERS, nullable: true })
  answer!: RsvpAnswer | null;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  descriptionHtml!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ enum: MEETING_FORMATS })
  format!: MeetingFormat;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ type: String, nullable: true })
  onlineUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  place!: string | null;

  @ApiProperty({ type: [String], description: 'Titles of the accepted agenda items' })
  agenda!: string[];
}

export class GuestLinkDto {
  @ApiProperty()
  email!: string;

  @ApiProperty({ description: 'Personal link for the guest (shown only now; forward it to the guest)' })
  url!: string;
}

export class MeetingSavedDto {
  @ApiProperty({ type: MeetingDetailDto })
  meeting!: MeetingDetailDto;

  @ApiProperty({ type: [GuestLinkDto], description: 'Links of guests added by this change' })
  guestLinks!: GuestLinkDto[];
}

export class DeleteAgendaItemQuery {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}
