import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NotificationChannel, NotificationKind } from '@srp/contracts';
import { MeetingReminderRuleDto } from '@srp/server/meetings';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ description: 'Path inside the portal, e.g. /termine/<id>' })
  link!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items!: NotificationDto[];

  @ApiProperty()
  unreadCount!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class NotificationListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class UnreadCountDto {
  @ApiProperty()
  count!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Newest notification' })
  latestAt!: string | null;
}

export class MarkedReadDto {
  @ApiProperty()
  marked!: number;

  @ApiProperty()
  unreadCount!: number;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty()
  label!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: 'What applies now (own choice or default)' })
  channel!: NotificationChannel;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: "The coordinators' default" })
  defaultChannel!: NotificationChannel;

  @ApiProperty({ description: 'The person chose this kind themselves' })
  own!: boolean;

  @ApiProperty({ description: 'Always arrives by e-mail (invitations, cancellations)' })
  mandatory!: boolean;
}

export class PreferencesDto {
  @ApiProperty({ type: [PreferenceDto] })
  items!: PreferenceDto[];
}

export class PreferenceChoiceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS as unknown as string[], { message: 'Unbekannte Art von Benachrichtigung.' })
  kind!: NotificationKind;

  @ApiProperty({ enum: [...NOTIFICATION_CHANNELS, 'default'], description: '`default` follows the default again' })
  @IsIn([...NOTIFICATION_CHANNELS, 'default'], { message: 'Weg: E-Mail, nur im Portal, aus oder Standard.' })
  channel!: NotificationChannel | 'default';
}

export class UpdatePreferencesDto {
  @ApiProperty({ type: [PreferenceChoiceDto] })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => PreferenceChoiceDto)
  choices!: PreferenceChoiceDto[];
}

export class UnsubscribeViewDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty()
  label!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  channel!: NotificationChannel;

  @ApiProperty()
  mandatory!: boolean;

  @ApiProperty({ description: "The person's name (to show whose setting it is)" })
  name!: string;
}

export class UnsubscribeDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, description: 'Omitted by RFC 8058 one-click: in_app' })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS as unknown as string[], { message: 'Weg: E-Mail, nur im Portal oder aus.' })
  channel?: NotificationChannel;

  /** RFC 8058 one-click body (`List-Unsubscribe=One-Click`, form-encoded). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: 'One-Click';
}

export class ReminderSettingsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...NOTIFICATION_CHANNELS] },
    description: 'Default channel per kind',
  })
  @IsObject()
  channels!: Record<NotificationKind, NotificationChannel>;

  @ApiProperty({ type: [MeetingReminderRuleDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MeetingReminderRuleDto)
  meetingReminders!: MeetingReminderRuleDto[];

  @ApiProperty({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  agendaCallDaysBefore!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  taskDueSoonDays!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  minutesDeadlineDays!: number | null;
}

export class NotificationSettingsDto {
  @ApiProperty({ type: ReminderSettingsDto })
  settings!: ReminderSettingsDto;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  updatedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  updatedBy!: string | null;
}

export class UpdateNotificationSettingsDto {
  @ApiProperty({ type: ReminderSettingsDto })
  @ValidateNested()
  @Type(() => ReminderSettingsDto)
  settings!: ReminderSettingsDto;

  @ApiProperty()
  @IsInt()
  version!: number;
}

export class QueueHealthDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  waiting!: number;

  @ApiProperty()
  active!: number;

  @ApiProperty()
  delayed!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty()
  completed!: number;
}

export class ScheduleHealthDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'Cron pattern (Europe/Berlin) or interval' })
  rule!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextRunAt!: string | null;
}

export class CountDto {
  @ApiProperty()
  status!: string;

  @ApiProperty()
  count!: number;
}

export class NotificationHealthDto {
  @ApiProperty({ description: 'Redis answered' })
  redisReachable!: boolean;

  @ApiProperty({ type: [QueueHealthDto] })
  queues!: QueueHealthDto[];

  @ApiProperty({ type: [ScheduleHealthDto] })
  schedules!: ScheduleHealthDto[];

  @ApiProperty({ type: [CountDto], description: 'Reminders by status (last 7 days and all pending)' })
  reminders!: CountDto[];

  @ApiProperty({ type: [CountDto], description: 'E-mails by status (last 7 days and all pending)' })
  mails!: CountDto[];

  @ApiProperty({ description: 'Seconds the oldest due, undelivered reminder is late (0 when none)' })
  oldestDueSeconds!: number;
}

export class FailedDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['failed', 'uncertain'] })
  status!: 'failed' | 'uncertain';

  @ApiProperty()
  recipient!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class FailedReminderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty()
  label!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The person (null: a row for all concerned)' })
  recipient!: string | null;

  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;
}

export class FailedDeliveryListDto {
  @ApiProperty({ type: [FailedDeliveryDto] })
  items!: FailedDeliveryDto[];

  @ApiProperty({
    type: [FailedReminderDto],
    description: 'Reminders that ran out of attempts (delivery errors, not e-mail)',
  })
  failedReminders!: FailedReminderDto[];
}

export class RetryResultDto {
  @ApiProperty()
  queued!: boolean;
}
