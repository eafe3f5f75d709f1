import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TASK_ACTIVITY_KINDS,
  TASK_DUE_FILTERS,
  TASK_LABEL_PATTERN,
  TASK_LIMITS,
  TASK_ORIGIN_KINDS,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  TaskActivityKind,
  TaskDueFilter,
  TaskOriginKind,
  TaskPriority,
  TaskSort,
  TaskStatus,
} from '@srp/contracts';
import { IsCalendarDate, lowerIds, NOT_BLANK, toList } from '@srp/server/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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
} from 'class-validator';

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export class TaskPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  organizationName!: string | null;
}

export class TaskGroupRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: Number, nullable: true })
  number!: number | null;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  shortName!: string;
}

/** A task as a card on the board and a row in lists. */
export class TaskSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: TaskGroupRefDto })
  group!: TaskGroupRefDto;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ type: String, nullable: true })
  blockedReason!: string | null;

  @ApiProperty({ enum: TASK_PRIORITIES })
  priority!: TaskPriority;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Calendar date, Europe/Berlin' })
  dueDate!: string | null;

  @ApiProperty({ description: 'Due before today (Europe/Berlin) and not done' })
  overdue!: boolean;

  @ApiProperty({ type: [String] })
  labels!: string[];

  @ApiProperty({ type: [TaskPersonDto] })
  assignees!: TaskPersonDto[];

  @ApiProperty()
  checklistTotal!: number;

  @ApiProperty()
  checklistDone!: number;

  @ApiProperty()
  commentCount!: number;

  @ApiProperty({ description: 'Order within its board column' })
  rank!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty()
  version!: number;
}

export class ChecklistItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty()
  done!: boolean;
}

export class TaskOriginDto {
  @ApiProperty({ enum: TASK_ORIGIN_KINDS })
  kind!: TaskOriginKind;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;
}

export class TaskLinkDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty()
  groupShortName!: string;
}

export class TaskCommentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: TaskPersonDto, nullable: true, description: 'Null when the account was deleted' })
  author!: TaskPersonDto | null;

  @ApiProperty({ description: 'Markdown as written' })
  body!: string;

  @ApiProperty({ description: 'Sanitised HTML of the body' })
  bodyHtml!: string;

  @ApiProperty({ type: [TaskPersonDto] })
  mentions!: TaskPersonDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class TaskActivityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TASK_ACTIVITY_KINDS })
  kind!: TaskActivityKind;

  @ApiProperty({ type: TaskPersonDto, nullable: true })
  actor!: TaskPersonDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'status_changed {from,to,reason?}; due_changed {from,to}; assignees_changed {added,removed: [{id,name}]}; ' +
      'updated {fields: string[]}; checklist_changed {checked,unchecked,added,removed: string[]}; ' +
      'commented {commentId}; linked/unlinked {taskId,title}',
  })
  details!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class TaskPermissionsDto {
  @ApiProperty({ description: 'Edit every field (group members, leads, coordinators)' })
  edit!: boolean;

  @ApiProperty({ description: 'Change status and checklist (also assignees who are not members)' })
  work!: boolean;

  @ApiProperty({ description: 'Comment' })
  comment!: boolean;

  @ApiProperty({ description: 'Archive (delete) the task: leads and coordinators' })
  archive!: boolean;

  @ApiProperty({ description: 'Restore it from the archive (within 30 days): leads and coordinators' })
  restore!: boolean;
}

export class TaskDetailDto extends TaskSummaryDto {
  @ApiProperty({ description: 'Markdown' })
  description!: string;

  @ApiProperty({ description: 'Sanitised HTML of the description' })
  descriptionHtml!: string;

  @ApiProperty({ type: [ChecklistItemDto] })
  checklist!: ChecklistItemDto[];

  @ApiProperty({ type: TaskOriginDto, nullable: true })
  origin!: TaskOriginDto | null;

  @ApiProperty({ type: [TaskLinkDto], description: 'Related tasks the actor may see' })
  links!: TaskLinkDto[];

  @ApiProperty({ type: [TaskCommentDto], description: 'Oldest first' })
  comments!: TaskCommentDto[];

  @ApiProperty({ type: [TaskActivityDto], description: 'Newest first' })
  activity!: TaskActivityDto[];

  @ApiProperty({ type: TaskPersonDto, nullable: true })
  createdBy!: TaskPersonDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until then it can be restored' })
  restorableUntil!: string | null;

  @ApiProperty({ type: [TaskPersonDto], description: 'Active group members: who may be assigned or mentioned' })
  members!: TaskPersonDto[];

  @ApiProperty({ type: TaskPermissionsDto })
  permissions!: TaskPermissionsDto;
}

export class BoardColumnDto {
  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ description: 'All tasks in this status (the WIP count)' })
  count!: number;

  @ApiProperty({ type: [TaskSummaryDto], description: 'By rank; "done" shows the 50 completed last' })
  tasks!: TaskSummaryDto[];
}

export class BoardPermissionsDto {
  @ApiProperty({ description: 'Create tasks and move cards' })
  create!: boolean;

  @ApiProperty({ description: 'See and restore archived tasks' })
  archive!: boolean;
}

export class TaskBoardDto {
  @ApiProperty({ type: TaskGroupRefDto })
  group!: TaskGroupRefDto;

  @ApiProperty({ type: [BoardColumnDto], description: 'One column per status, in TASK_STATUSES order' })
  columns!: BoardColumnDto[];

  @ApiProperty({ type: [TaskPersonDto], description: 'Active group members (assignee filter, pickers)' })
  members!: TaskPersonDto[];

  @ApiProperty({ type: [String], description: 'Labels used in the group, alphabetical' })
  labels!: string[];

  @ApiProperty({ type: BoardPermissionsDto })
  permissions!: BoardPermissionsDto;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskSummaryDto] })
  items!: TaskSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null at the end' })
  nextCursor!: string | null;
}

export class TaskCountsDto {
  @ApiProperty({ description: 'Assigned to me, not done' })
  open!: number;

  @ApiProperty({ description: 'Assigned to me, not done, due before today' })
  overdue!: number;

  @ApiProperty({ description: 'Assigned to me, not done, due today until Sunday' })
  dueThisWeek!: number;
}

export class MyTasksDto {
  @ApiProperty({ type: [TaskSummaryDto], description: 'Not done; by due date (none last), then priority' })
  items!: TaskSummaryDto[];

  @ApiProperty({ type: TaskCountsDto })
  counts!: TaskCountsDto;

  @ApiProperty({ format: 'date', description: "Today's date in Europe/Berlin, for grouping" })
  today!: string;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export class ChecklistItemInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep an existing item; omit for a new one' })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  id?: string;

  @ApiProperty()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Text für den Checklistenpunkt an.' })
  @MaxLength(TASK_LIMITS.checklistItem)
  text!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

/** Fields of a task that create and update share. */
export class TaskFieldsDto {
  @ApiPropertyOptional({ description: 'Markdown' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(TASK_LIMITS.description)
  description?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when the status is "blocked"' })
  @IsOptional()
  @IsString()
  @MaxLength(TASK_LIMITS.blockedReason)
  blockedReason?: string | null;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Active members of the group' })
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

  @ApiPropertyOptional({ type: [String], example: ['Förderung'] })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(TASK_LIMITS.labels)
  @IsString({ each: true })
  @MaxLength(TASK_LIMITS.label, { each: true })
  @Matches(TASK_LABEL_PATTERN, {
    each: true,
    message: 'Schlagwörter bestehen aus Buchstaben, Ziffern, Leerzeichen und - . _ / & +.',
  })
  labels?: string[];

  @ApiPropertyOptional({ type: [ChecklistItemInputDto] })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(TASK_LIMITS.checklist)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemInputDto)
  checklist?: ChecklistItemInputDto[];
}

export class CreateTaskDto extends TaskFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @Transform(lowerIds)
  @IsUUID('4')
  groupId!: string;

  @ApiProperty({ example: 'Förderantrag Sensorik vorbereiten' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(TASK_LIMITS.title)
  title!: string;
}

export class UpdateTaskDto extends TaskFieldsDto {
  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Titel an.' })
  @MaxLength(TASK_LIMITS.title)
  title?: string;

  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class MoveTaskDto {
  @ApiProperty({ enum: TASK_STATUSES })
  @IsIn(TASK_STATUSES)
  status!: TaskStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when moving to "blocked"' })
  @IsOptional()
  @IsString()
  @MaxLength(TASK_LIMITS.blockedReason)
  blockedReason?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Place after this card of the target column; null or omitted: at the top',
  })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  afterTaskId?: string | null;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class TaskVersionDto {
  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class AddCommentDto {
  @ApiProperty({ description: 'Markdown; mention people as "@Name"' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte schreiben Sie einen Kommentar.' })
  @MaxLength(TASK_LIMITS.comment)
  body!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'People mentioned; kept when they are group members and "@Name" is in the body',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(TASK_LIMITS.assignees)
  @ArrayUnique()
  @Transform(lowerIds)
  @IsUUID('4', { each: true })
  mentionIds?: string[];
}

export class LinkTaskDto {
  @ApiProperty({ format: 'uuid', description: 'The related task' })
  @Transform(lowerIds)
  @IsUUID('4')
  taskId!: string;
}

export class ListTasksQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One group; omitted: every group the actor may see' })
  @IsOptional()
  @Transform(lowerIds)
  @IsUUID('4')
  groupId?: string;

  @ApiPropertyOptional({ description: 'An account id, or "me"' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'Bitte wählen Sie eine Person aus der Liste.',
  })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'open,in_progress' })
  @IsOptional()
  @Transform(toList)
  @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TASK_LIMITS.label)
  label?: string;

  @ApiPropertyOptional({ enum: TASK_DUE_FILTERS })
  @IsOptional()
  @IsIn(TASK_DUE_FILTERS)
  due?: TaskDueFilter;

  @ApiPropertyOptional({ description: 'German full-text search in title, description and comments' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'due' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort?: TaskSort;

  @ApiPropertyOptional({
    description: 'Archived tasks of the last 30 days instead (leads, coordinators; needs groupId)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: TASK_LIMITS.pageSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.pageSize)
  limit?: number;
}
