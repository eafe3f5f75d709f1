import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  AttendanceMode,
  AttendanceStatus,
  MEETING_KINDS,
  MEETING_STATUSES,
  MeetingKind,
  MeetingStatus,
  MINUTES_ENTRY_KINDS,
  MINUTES_LIMITS,
  MINUTES_PUBLISH_LEVELS,
  MINUTES_STATUSES,
  MinutesEntryKind,
  MinutesPublishLevel,
  MinutesStatus,
  TASK_LIMITS,
  TASK_STATUSES,
  TaskStatus,
} from '@srp/contracts';
import { IsCalendarDate, lowerIds, NOT_BLANK } from '@srp/server/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** More agenda items than a meeting may have cannot carry notes. */
const ITEM_NOTES_MAX = 100;

/** "true"/"false" from a query string. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Agenda item id → Markdown: ids as keys, texts within the notes limit. */
@ValidatorConstraint({ name: 'itemNotes' })
export class IsItemNotes implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return (
      entries.length <= ITEM_NOTES_MAX &&
      entries.every(([key, text]) => UUID.test(key) && typeof text === 'string' && text.length <= MINUTES_LIMITS.notes)
    );
  }

  defaultMessage(): string {
    return `Notizen je Tagesordnungspunkt: Kennung des Punkts → Text (höchstens ${MINUTES_LIMITS.notes} Zeichen).`;
  }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export class MinutesPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class MinutesGroupRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  shortName!: string;

  @ApiProperty()
  name!: string;
}

export class MinutesMeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ type: MinutesGroupRefDto, nullable: true })
  hostGroup!: MinutesGroupRefDto | null;
}

export class MinutesEntryTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ description: 'The task is done' })
  done!: boolean;
}

export class MinutesEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Stays the same across saves and revisions' })
  id!: string;

  @ApiProperty({ enum: MINUTES_ENTRY_KINDS })
  kind!: MinutesEntryKind;

  @ApiProperty({ description: 'Markdown' })
  text!: string;

  @ApiProperty({ description: 'Sanitised HTML of the text' })
  textHtml!: string;

  @ApiProperty()
  confidential!: boolean;

  @ApiProperty({ type: [MinutesPersonDto], description: 'Action items: who is responsible' })
  assignees!: MinutesPersonDto[];

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: MinutesGroupRefDto, nullable: true, description: 'Action items: the group of the task' })
  group!: MinutesGroupRefDto | null;

  @ApiProperty({ type: MinutesEntryTaskDto, nullable: true, description: 'The task made on release' })
  task!: MinutesEntryTaskDto | null;
}

export class MinutesItemDto {
  @ApiProperty({ format: 'uuid', description: 'The agenda item' })
  id!: string;

  @ApiProperty({ description: 'TOP number, from 1 in agenda order' })
  number!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  presenter!: string | null;

  @ApiProperty({ description: 'Markdown' })
  notes!: string;

  @ApiProperty({ description: 'Sanitised HTML of the notes' })
  notesHtml!: string;

  @ApiProperty({ type: [MinutesEntryDto] })
  entries!: MinutesEntryDto[];
}

export class MinutesAttendeeDto {
  @ApiProperty({ type: MinutesPersonDto })
  person!: MinutesPersonDto;

  @ApiProperty({ type: String, nullable: true })
  organization!: string | null;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status!: AttendanceStatus;

  @ApiProperty({ enum: ATTENDANCE_MODES, nullable: true })
  mode!: AttendanceMode | null;

  @ApiProperty({ type: MinutesPersonDto, nullable: true, description: 'Came as the deputy of this person' })
  deputyFor!: MinutesPersonDto | null;
}

export class MinutesApprovalDto {
  @ApiProperty({ type: MinutesPersonDto })
  person!: MinutesPersonDto;

  @ApiProperty({ format: 'date-time' })
  approvedAt!: string;
}

export class MinutesCommentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: MinutesPersonDto, nullable: true, description: 'Null when the account was deleted' })
  author!: MinutesPersonDto | null;

  @ApiProperty({ description: 'Markdown as written' })
  body!: string;

  @ApiProperty({ description: 'Sanitised HTML of the body' })
  bodyHtml!: string;

  @ApiProperty({ description: 'The revision the comment was written on' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class MinutesRevisionDto {
  @ApiProperty()
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  releasedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  releasedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why this revision was made (none for the first)' })
  changeNote!: string | null;
}

export class MinutesPermissionsDto {
  @ApiProperty({ description: 'Save the draft' })
  edit!: boolean;

  @ApiProperty({ description: 'Send the draft to review' })
  submit!: boolean;

  @ApiProperty({ description: 'Take the minutes back from review into the draft' })
  reopen!: boolean;

  @ApiProperty({ description: 'Approve this revision (attendees, once, until the deadline)' })
  approve!: boolean;

  @ApiProperty({ description: 'Release the minutes' })
  release!: boolean;

  @ApiProperty({ description: 'Open a new revision of released minutes' })
  revise!: boolean;

  @ApiProperty({ description: 'Comment' })
  comment!: boolean;

  @ApiProperty({ description: 'Download the latest released revision (PDF, Markdown)' })
  export!: boolean;

  @ApiProperty({ description: 'Download it with confidential entries' })
  exportConfidential!: boolean;
}

/** The minutes of a meeting as the actor may see them. */
export class MinutesDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: MinutesMeetingDto })
  meeting!: MinutesMeetingDto;

  @ApiProperty({ enum: MINUTES_STATUSES, description: 'Status of the text shown' })
  status!: MinutesStatus;

  @ApiProperty({ description: 'Revision of the text shown (1 until the first change after release)' })
  revision!: number;

  @ApiProperty({
    description: 'A newer revision is being prepared; the text shown is the latest released revision',
  })
  revisionInProgress!: boolean;

  @ApiProperty({ description: 'Optimistic locking: send it back with every change' })
  version!: number;

  @ApiProperty({ enum: MINUTES_PUBLISH_LEVELS })
  publishLevel!: MinutesPublishLevel;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day to approve (Europe/Berlin)' })
  reviewDeadline!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the current draft revision was opened' })
  pendingChangeNote!: string | null;

  @ApiProperty({ description: 'Markdown before the agenda items' })
  generalNotes!: string;

  @ApiProperty()
  generalNotesHtml!: string;

  @ApiProperty({ type: [MinutesItemDto], description: 'Accepted agenda items in order' })
  items!: MinutesItemDto[];

  @ApiProperty({ type: [MinutesEntryDto], description: 'Entries outside the agenda' })
  entries!: MinutesEntryDto[];

  @ApiProperty({ type: [MinutesAttendeeDto] })
  attendance!: MinutesAttendeeDto[];

  @ApiProperty({ type: [MinutesApprovalDto], description: 'Approvals of the revision in review' })
  approvals!: MinutesApprovalDto[];

  @ApiProperty({ description: 'Attendees recorded as present: who is asked to approve' })
  expectedApprovers!: number;

  @ApiProperty({ type: [MinutesCommentDto], description: 'Oldest first' })
  comments!: MinutesCommentDto[];

  @ApiProperty({ type: [MinutesRevisionDto], description: 'Released revisions, newest first' })
  revisions!: MinutesRevisionDto[];

  @ApiProperty({ type: MinutesPermissionsDto })
  permissions!: MinutesPermissionsDto;
}

export class DecisionMeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;
}

export class DecisionGroupDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  shortName!: string;
}

/** A row of the decision register (Beschlüsse). */
export class DecisionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Markdown' })
  text!: string;

  @ApiProperty()
  textHtml!: string;

  @ApiProperty({ format: 'date', description: "The meeting's day (Europe/Berlin)" })
  decidedOn!: string;

  @ApiProperty({ type: DecisionGroupDto, nullable: true, description: "The meeting's host group" })
  group!: DecisionGroupDto | null;

  @ApiProperty({ type: DecisionMeetingDto })
  meeting!: DecisionMeetingDto;

  @ApiProperty({ type: String, nullable: true })
  agendaItemTitle!: string | null;

  @ApiProperty()
  confidential!: boolean;

  @ApiProperty({ description: 'The released revision of the minutes it comes from' })
  revision!: number;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionDto], description: 'Newest first' })
  items!: DecisionDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null at the end' })
  nextCursor!: string | null;
}

export class OpenPointTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
}

/** An action item of the previous meeting of the series whose task is not done. */
export class OpenPointDto {
  @ApiProperty({ format: 'uuid', description: 'The minutes entry' })
  entryId!: string;

  @ApiProperty({ description: 'The action item as written in the minutes' })
  text!: string;

  @ApiProperty({ type: String, nullable: true })
  agendaItemTitle!: string | null;

  @ApiProperty({ type: DecisionMeetingDto, description: 'The previous meeting' })
  meeting!: DecisionMeetingDto;

  @ApiProperty({ type: OpenPointTaskDto })
  task!: OpenPointTaskDto;

  @ApiProperty({ type: [MinutesPersonDto], description: "The task's assignees now" })
  assignees!: MinutesPersonDto[];

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The task's due date now" })
  dueDate!: string | null;

  @ApiProperty({ description: 'Due before today (Europe/Berlin)' })
  overdue!: boolean;

  @ApiProperty({ type: DecisionGroupDto })
  group!: DecisionGroupDto;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export class MinutesVersionDto {
  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class MinutesEntryInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep an existing entry; omit (or unknown) for a new one' })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  id?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Null: outside the agenda' })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  agendaItemId?: string | null;

  @ApiProperty({ enum: MINUTES_ENTRY_KINDS })
  @IsIn(MINUTES_ENTRY_KINDS)
  kind!: MinutesEntryKind;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Text an.' })
  @MaxLength(MINUTES_LIMITS.entryText)
  text!: string;

  @ApiPropertyOptional({
    description:
      'Shown only to the managers of the meeting (and to attendees during the review). A confidential ' +
      "action item's task gets only the entry's first line as title and a neutral description with a " +
      'link to the minutes, since the task is readable by the whole group.',
  })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Action items: active members of the group' })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(TASK_LIMITS.assignees)
  @ArrayUnique()
  @Transform(lowerIds)
  @IsUUID('4', { each: true })
  assigneeIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-18' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Action items: required' })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  groupId?: string | null;
}

/** The whole draft, as the editor autosaves it. */
export class SaveMinutesDto extends MinutesVersionDto {
  @ApiProperty({ description: 'Markdown before the agenda items' })
  @IsString()
  @MaxLength(MINUTES_LIMITS.notes)
  generalNotes!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Agenda item id → Markdown notes (items of this meeting)',
  })
  @IsObject()
  @Validate(IsItemNotes)
  itemNotes!: Record<string, string>;

  @ApiProperty({ enum: MINUTES_PUBLISH_LEVELS })
  @IsIn(MINUTES_PUBLISH_LEVELS)
  publishLevel!: MinutesPublishLevel;

  @ApiProperty({ type: [MinutesEntryInputDto], description: 'Every entry, in order' })
  @IsArray()
  @ArrayMaxSize(MINUTES_LIMITS.entries)
  @ValidateNested({ each: true })
  @Type(() => MinutesEntryInputDto)
  entries!: MinutesEntryInputDto[];
}

export class SubmitMinutesDto extends MinutesVersionDto {
  @ApiProperty({
    format: 'date',
    description: `Last day to approve: today up to ${MINUTES_LIMITS.reviewDaysMax} days ahead`,
  })
  @Validate(IsCalendarDate)
  reviewDeadline!: string;
}

export class ReviseMinutesDto extends MinutesVersionDto {
  @ApiProperty({ description: 'Why the released minutes change' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie an, warum das Protokoll geändert wird.' })
  @MaxLength(MINUTES_LIMITS.changeNote)
  changeNote!: string;
}

export class AddMinutesCommentDto {
  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte schreiben Sie einen Kommentar.' })
  @MaxLength(MINUTES_LIMITS.comment)
  body!: string;
}

export class ExportMinutesQuery {
  @ApiPropertyOptional({ description: 'With confidential entries (managers of the meeting only)', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  confidential?: boolean;
}

export class ListDecisionsQuery {
  @ApiPropertyOptional({ description: 'German full-text search in the decision and its agenda item' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The meeting's host group" })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  groupId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Decided on or after' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Decided on or before' })
  @IsOptional()
  @Validate(IsCalendarDate)
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
