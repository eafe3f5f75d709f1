import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCOUNT_STATUSES,
  AccountStatus,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  OrganizationKind,
  OrganizationStatus,
  PHONE_PATTERN,
  PLATFORM_ROLES,
  PlatformRole,
} from '@srp/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MEMBERSHIP_EVENT_KINDS, MembershipEventKind } from './membership-event.entity';

/** Something other than white space. */
const NOT_BLANK = /\S/;

class VersionedDto {
  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class OrganizationQuery {
  @ApiPropertyOptional({ description: 'Part of the name or the AGS' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  query?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ description: 'Only municipalities (Städte, Gemeinden, Verbandsgemeinden, Landkreise)' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  municipal?: 'true' | 'false';

  @ApiPropertyOptional({ description: '5-digit district key' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  district?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  membership?: MembershipStatus;

  @ApiPropertyOptional({ enum: ORGANIZATION_STATUSES, description: 'Default: active' })
  @IsOptional()
  @IsIn(ORGANIZATION_STATUSES)
  status?: OrganizationStatus;
}

export class OrganizationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind!: OrganizationKind;

  @ApiProperty({ type: String, nullable: true })
  ags!: string | null;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  officialName!: string;

  @ApiProperty({ type: String, nullable: true })
  districtKey!: string | null;

  @ApiProperty({ type: String, nullable: true })
  districtName!: string | null;

  @ApiProperty({ enum: ORGANIZATION_STATUSES })
  status!: OrganizationStatus;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  membershipStatus!: MembershipStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  membershipChangedAt!: string | null;

  @ApiProperty({ description: 'Active people of this organisation' })
  peopleCount!: number;

  @ApiProperty()
  version!: number;
}

export class MembershipEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MEMBERSHIP_EVENT_KINDS })
  kind!: MembershipEventKind;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  fromStatus!: MembershipStatus;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  toStatus!: MembershipStatus;

  @ApiProperty({ format: 'date' })
  effectiveOn!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Only for coordinators and the organisation’s contacts' })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Only for coordinators and the organisation’s contacts' })
  message!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName!: string | null;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organizationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  organizationName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  functionTitle!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when shared, or for those acting for the organisation',
  })
  email!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when shared, or for those acting for the organisation',
  })
  phone!: string | null;

  @ApiProperty()
  isContact!: boolean;

  @ApiProperty({ enum: PLATFORM_ROLES })
  role!: PlatformRole;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status!: AccountStatus;

  @ApiProperty()
  version!: number;
}

export class OrganizationPermissionsDto {
  @ApiProperty({ description: 'May edit, merge and retire it and decide its membership (coordinators)' })
  manage!: boolean;

  @ApiProperty({ description: 'May act for it: request membership, invite and manage its people' })
  contribute!: boolean;
}

export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;
}

export class OrganizationDetailDto extends OrganizationSummaryDto {
  @ApiProperty({ type: Number, nullable: true })
  population!: number | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ type: String, nullable: true })
  website!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  retiredReason!: string | null;

  @ApiProperty({ type: OrganizationRefDto, nullable: true })
  mergedInto!: OrganizationRefDto | null;

  @ApiProperty({ type: [OrganizationRefDto], description: 'Organisations merged into this one' })
  mergedFrom!: OrganizationRefDto[];

  @ApiProperty({
    type: [PersonDto],
    description: 'Active people; invited and deactivated ones only for those acting for it',
  })
  people!: PersonDto[];

  @ApiProperty({ type: [MembershipEventDto] })
  membershipHistory!: MembershipEventDto[];

  @ApiProperty({ type: OrganizationPermissionsDto })
  permissions!: OrganizationPermissionsDto;
}

export class OrganizationFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '15002000' })
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'Der Amtliche Gemeindeschlüssel (AGS) hat genau 8 Ziffern.' })
  ags?: string | null;

  @ApiPropertyOptional({ example: 'Halle (Saale)' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Namen an.' })
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '15002' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'Der Kreisschlüssel hat genau 5 Ziffern.' })
  districtKey?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  districtName?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  population?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.halle.de' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'Bitte geben Sie eine Webadresse mit https:// an.' },
  )
  @MaxLength(300)
  website?: string | null;
}

export class CreateOrganizationDto extends OrganizationFieldsDto {
  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  @ApiProperty({ example: 'Halle (Saale), Stadt' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie den amtlichen Namen an.' })
  @MaxLength(200)
  officialName!: string;
}

export class UpdateOrganizationDto extends OrganizationFieldsDto {
  @ApiPropertyOptional({ example: 'Halle (Saale), Stadt' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie den amtlichen Namen an.' })
  @MaxLength(200)
  officialName?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class RetireOrganizationDto extends VersionedDto {
  @ApiProperty({ example: 'Eingemeindet zum 01.01.2027' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Grund an.' })
  @MaxLength(500)
  reason!: string;
}

export class MergeOrganizationDto extends RetireOrganizationDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation this one becomes part of' })
  @IsUUID()
  targetId!: string;
}

export class RequestMembershipDto extends VersionedDto {
  @ApiProperty({
    description: 'Why the municipality wants to take part',
    example: 'Wir möchten in der UAG Digitaler Zwilling mitarbeiten.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class DecideMembershipDto extends VersionedDto {
  @ApiProperty({ enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'])
  decision!: 'approve' | 'decline';

  @ApiPropertyOptional({ description: 'Message to the requester (required when declining)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class ChangeMembershipDto extends VersionedDto {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  @IsIn(MEMBERSHIP_STATUSES)
  status!: MembershipStatus;

  @ApiProperty({ example: 'Pause während der Haushaltskonsolidierung' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ format: 'date', description: 'From when (default: today, Europe/Berlin)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  effectiveOn?: string;
}

export class PeopleQuery {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  query?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class InvitePersonDto {
  @ApiProperty({ example: 'max.muster@halle.de' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Max Muster' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'Bitte geben Sie einen Namen an.' })
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Sachgebiet Digitalisierung' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  functionTitle?: string;

  @ApiPropertyOptional({ description: 'Make them a contact of the organisation (coordinators only)' })
  @IsOptional()
  @IsBoolean()
  isContact?: boolean;
}

export class UpdatePersonDto extends VersionedDto {
  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';

  @ApiPropertyOptional({ description: 'Contact of the organisation (coordinators only)' })
  @IsOptional()
  @IsBoolean()
  isContact?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  functionTitle?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, {
    message: 'Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + / - ( ) an.',
  })
  phone?: string | null;
}

export class DistrictParticipationDto {
  @ApiProperty({ example: '15002' })
  key!: string;

  @ApiProperty({ example: 'Halle (Saale)' })
  name!: string;

  @ApiProperty({ description: 'Municipalities of the district in the portal (not retired)' })
  municipalityCount!: number;

  @ApiProperty({ description: 'Of them, taking part (membership active)' })
  activeCount!: number;
}

export class ImportReportDto {
  @ApiProperty()
  created!: number;

  @ApiProperty()
  updated!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  retired!: number;

  @ApiProperty()
  reactivated!: number;
}

export class ReactivateOrganizationDto extends VersionedDto {}

export class ImportPeopleDto {
  @ApiProperty({ description: 'The CSV text: header row with Name and E-Mail, optional Funktion and Telefon' })
  @IsString()
  @MinLength(1)
  @MaxLength(500_000)
  csv!: string;

  @ApiProperty({ description: 'Only check and report; invite nobody' })
  @IsBoolean()
  dryRun!: boolean;
}

export const PEOPLE_IMPORT_OUTCOMES = ['invite', 'renew', 'skip', 'error'] as const;
export type PeopleImportOutcome = (typeof PEOPLE_IMPORT_OUTCOMES)[number];

export class PeopleImportRowDto {
  @ApiProperty({ description: 'Line in the file (the header is line 1)' })
  line!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  functionTitle!: string | null;

  @ApiProperty({
    enum: PEOPLE_IMPORT_OUTCOMES,
    description:
      'invite: new invitation; renew: pending invitation sent again; skip: already has an account; error: see messages',
  })
  outcome!: PeopleImportOutcome;

  @ApiProperty({ type: [String], description: 'German explanations' })
  messages!: string[];
}

export class PeopleImportReportDto {
  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ type: [PeopleImportRowDto] })
  rows!: PeopleImportRowDto[];

  @ApiProperty({ description: 'Invitations sent (0 in a dry run)' })
  invited!: number;
}
