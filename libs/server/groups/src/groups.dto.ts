import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GROUP_KINDS,
  GROUP_MEMBERSHIP_STATUSES,
  GROUP_ROLES,
  GROUP_STATUSES,
  GroupKind,
  GroupMembershipStatus,
  GroupRole,
  GroupStatus,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
} from '@srp/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class GroupPermissionsDto {
  @ApiProperty({ description: 'May edit description and goals (leads) or everything (coordinators)' })
  edit!: boolean;

  @ApiProperty({ description: 'May add and remove members and decide join requests' })
  manageMembers!: boolean;

  @ApiProperty({ description: 'May ask to join (not in it yet, organisation takes part)' })
  join!: boolean;

  @ApiProperty({ description: 'Is in it (or has asked) and may leave' })
  leave!: boolean;
}

export class GroupSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: GROUP_KINDS })
  kind!: GroupKind;

  @ApiProperty({ type: Number, nullable: true })
  number!: number | null;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  shortName!: string;

  @ApiProperty({ enum: GROUP_STATUSES })
  status!: GroupStatus;

  @ApiProperty({ type: String, nullable: true })
  phase!: string | null;

  @ApiProperty({ description: 'Active members including leads' })
  memberCount!: number;

  @ApiProperty({ description: 'Municipalities and other organisations with at least one active member' })
  organizationCount!: number;

  @ApiProperty({ enum: GROUP_ROLES, nullable: true, description: 'My role, if I am in it or asked to join' })
  myRole!: GroupRole | null;

  @ApiProperty({ enum: GROUP_MEMBERSHIP_STATUSES, nullable: true })
  myStatus!: GroupMembershipStatus | null;

  @ApiProperty()
  version!: number;
}

export class GroupMemberDto {
  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  functionTitle!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organizationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  organizationName!: string | null;

  @ApiProperty({ enum: GROUP_ROLES })
  role!: GroupRole;

  @ApiProperty({ enum: GROUP_MEMBERSHIP_STATUSES })
  status!: GroupMembershipStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  joinedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  requestedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The join request’s note (leads and coordinators)' })
  requestMessage!: string | null;
}

export class GroupOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ type: String, nullable: true })
  districtName!: string | null;

  @ApiProperty()
  memberCount!: number;
}

export class GroupDetailDto extends GroupSummaryDto {
  @ApiProperty({ description: 'Markdown source' })
  description!: string;

  @ApiProperty({ description: 'Sanitised HTML of the description' })
  descriptionHtml!: string;

  @ApiProperty({ description: 'Markdown source' })
  goals!: string;

  @ApiProperty({ description: 'Sanitised HTML of the goals' })
  goalsHtml!: string;

  @ApiProperty({ type: [GroupMemberDto], description: 'Active leads and members' })
  members!: GroupMemberDto[];

  @ApiProperty({ type: [GroupMemberDto], description: 'Pending join requests (for those who decide them)' })
  requests!: GroupMemberDto[];

  @ApiProperty({ type: [GroupOrganizationDto], description: 'Organisations with active members' })
  organizations!: GroupOrganizationDto[];

  @ApiProperty({ type: GroupPermissionsDto })
  permissions!: GroupPermissionsDto;
}

/** Something other than white space. */
const NOT_BLANK = /\S/;

export class GroupFieldsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999)
  number?: number | null;

  @ApiPropertyOptional({ enum: GROUP_KINDS })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(GROUP_KINDS)
  kind?: GroupKind;

  @ApiPropertyOptional({ description: 'Markdown' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(20_000)
  goals?: string;

  @ApiPropertyOptional({ enum: GROUP_STATUSES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(GROUP_STATUSES)
  status?: GroupStatus;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Phase 3 (2026/27)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  phase?: string | null;
}

export class CreateGroupDto extends GroupFieldsDto {
  @ApiProperty({ example: 'Pilotprojekt Parkraumsensorik' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Namen an.' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Parksensorik' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Kurznamen an.' })
  @MaxLength(40)
  shortName!: string;
}

export class UpdateGroupDto extends GroupFieldsDto {
  @ApiPropertyOptional({ example: 'Digitaler Zwilling' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Namen an.' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Digitaler Zwilling' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Kurznamen an.' })
  @MaxLength(40)
  shortName?: string;

  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class JoinGroupDto {
  @ApiPropertyOptional({ example: 'Wir planen einen digitalen Zwilling für die Innenstadt.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class AddGroupMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiPropertyOptional({ enum: GROUP_ROLES, description: 'Default: member; lead only by leads and coordinators' })
  @IsOptional()
  @IsIn(GROUP_ROLES)
  role?: GroupRole;
}

export class DecideJoinRequestDto {
  @ApiProperty({ enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'])
  decision!: 'approve' | 'decline';
}

export class ChangeGroupRoleDto {
  @ApiProperty({ enum: GROUP_ROLES })
  @IsIn(GROUP_ROLES)
  role!: GroupRole;
}

export class CoverageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organisation' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class CoverageGroupDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: GROUP_KINDS })
  kind!: GroupKind;

  @ApiProperty({ type: Number, nullable: true })
  number!: number | null;

  @ApiProperty()
  shortName!: string;

  @ApiProperty()
  name!: string;
}

export class CoveragePersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: GROUP_ROLES })
  role!: GroupRole;
}

export class CoverageCellDto {
  @ApiProperty({ format: 'uuid' })
  groupId!: string;

  @ApiProperty({ type: [CoveragePersonDto] })
  people!: CoveragePersonDto[];
}

export class CoverageRowDto {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ type: String, nullable: true })
  districtKey!: string | null;

  @ApiProperty({ type: String, nullable: true })
  districtName!: string | null;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  membershipStatus!: MembershipStatus;

  @ApiProperty({ type: [CoverageCellDto], description: 'One cell per group, in the order of `groups`' })
  cells!: CoverageCellDto[];
}

export class CoverageDto {
  @ApiProperty({ type: [CoverageGroupDto], description: 'Active groups, by number' })
  groups!: CoverageGroupDto[];

  @ApiProperty({
    type: [CoverageRowDto],
    description: 'Member municipalities and every organisation with people in a group',
  })
  rows!: CoverageRowDto[];
}
