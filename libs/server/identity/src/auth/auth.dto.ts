import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, AccountStatus, PHONE_PATTERN, PLATFORM_ROLES, PlatformRole } from '@srp/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'erika.muster@halle.de' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

/** The signed-in person, as the web app sees them. */
export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: PLATFORM_ROLES })
  role!: PlatformRole;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status!: AccountStatus;

  @ApiProperty({ description: 'A second factor (authenticator app) is set up' })
  secondFactorEnabled!: boolean;

  @ApiProperty({ description: 'Signed in with the password; the second factor is still to be entered' })
  secondFactorPending!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The organisation the person belongs to' })
  organizationId!: string | null;

  @ApiProperty({ description: 'Kommunale Ansprechperson of the organisation' })
  isContact!: boolean;

  @ApiProperty({ type: String, nullable: true })
  functionTitle!: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ description: 'Others in the initiative may see the e-mail address' })
  showEmail!: boolean;

  @ApiProperty({ description: 'Others in the initiative may see the phone number' })
  showPhone!: boolean;

  @ApiProperty({ description: 'Send it back when changing the profile (optimistic locking)' })
  version!: number;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Dr. Erika Muster' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Digitalisierungsbeauftragte' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  functionTitle?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+49 345 221-0' })
  @IsOptional()
  @Matches(PHONE_PATTERN, {
    message: 'Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + / - ( ) an.',
  })
  phone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  showEmail?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  showPhone?: boolean;

  @ApiProperty({ description: 'The version the change is based on' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class SecondFactorCodeDto {
  @ApiProperty({ description: 'Six digits from the authenticator app, or a recovery code' })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}

export class SecondFactorSetupDto {
  @ApiProperty({ description: 'The secret for manual entry (base32)' })
  secret!: string;

  @ApiProperty()
  otpauthUri!: string;

  @ApiProperty({ description: 'QR code of the otpauth URI as a PNG data URL (for an <img>)' })
  qrCodeDataUrl!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once; each code works once' })
  recoveryCodes!: string[];
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt!: string;

  @ApiProperty({ nullable: true, type: String })
  userAgent!: string | null;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ description: 'The session this request belongs to' })
  current!: boolean;
}

export class RevokedCountDto {
  @ApiProperty()
  revoked!: number;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: 'At least 8 characters; common or breached passwords are refused' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class PasswordChangedDto {
  @ApiProperty({ description: 'How many other sessions were ended' })
  endedSessions!: number;
}
