import { ApiProperty } from '@nestjs/swagger';
import { PLATFORM_ROLES, PlatformRole } from '@srp/contracts';
import { Equals, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateInvitationDto {
  @ApiProperty({ example: 'max.muster@dessau-rosslau.de' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Max Muster' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: PLATFORM_ROLES })
  @IsIn(PLATFORM_ROLES)
  role!: PlatformRole;
}

export class InvitationCreatedDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class InvitationDto {
  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ description: 'The person has read and accepts the privacy notice' })
  @IsBoolean()
  @Equals(true, { message: 'acceptPrivacy must be true' })
  acceptPrivacy!: boolean;
}

export class RequestPasswordResetDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
