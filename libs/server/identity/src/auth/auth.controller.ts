import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DomainError, Public, uuidOr404 } from '@srp/server/platform';
import type { Request, Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { AllowPendingSecondFactor, RequirePermission } from '../access/require-permission.decorator';
import { AuditService } from '../audit/audit.service';
import { Actor, SessionService } from '../sessions/session.service';
import {
  UpdateMeDto,
  ChangePasswordDto,
  LoginDto,
  MeDto,
  PasswordChangedDto,
  RevokedCountDto,
  SessionDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { LocalLoginGuard } from './local-login.guard';
import { requestOrigin } from './request-origin';

function toMe(account: Account, secondFactorPending: boolean): MeDto {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    status: account.status,
    secondFactorEnabled: account.totpEnabledAt !== null,
    secondFactorPending,
    organizationId: account.organizationId,
    isContact: account.isContact,
    functionTitle: account.functionTitle,
    phone: account.phone,
    showEmail: account.showEmail,
    showPhone: account.showPhone,
    version: account.version,
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Signs in with e-mail and password; sets the session cookie (a new session every time). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS: unknown e-mail or wrong password (same answer)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or address' })
  async login(
    @Req() request: Request & { user: Account },
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeDto> {
    const { token, session } = await this.auth.openSession(request.user, requestOrigin(request));
    response.cookie(this.sessions.cookieName, token, this.sessions.cookieOptions(session.expiresAt));
    return toMe(request.user, session.secondFactorPending);
  }

  /** Ends this session. */
  @AllowPendingSecondFactor()
  @Post('logout')
  @HttpCode(204)
  @RequirePermission('self.manage')
  @ApiNoContentResponse()
  async logout(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.revoke(actor.accountId, actor.sessionId, 'logout');
    await this.audit.record(
      { actorId: actor.accountId, ...requestOrigin(request) },
      { action: 'auth.logout', subjectType: 'session', subjectId: actor.sessionId },
    );
    response.clearCookie(this.sessions.cookieName, this.sessions.cookieOptions());
  }

  /** The signed-in person (also while the second factor is pending). */
  @AllowPendingSecondFactor()
  @Get('me')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return toMe(
      await this.dataSource.getRepository(Account).findOneByOrFail({ id: actor.accountId }),
      actor.secondFactorPending,
    );
  }

  /** My active sessions (browsers where I am signed in). */
  @Get('sessions')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: [SessionDto] })
  async listSessions(@CurrentActor() actor: Actor): Promise<SessionDto[]> {
    const now = Date.now();
    return (await this.sessions.listActive(actor.accountId))
      .filter((s) => s.expiresAt.getTime() > now)
      .map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
        current: s.id === actor.sessionId,
      }));
  }

  /** Ends one of my sessions (e.g. a forgotten browser). */
  @Delete('sessions/:id')
  @HttpCode(204)
  @RequirePermission('self.manage')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No active session of mine with this id' })
  async endSession(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Req() request: Request,
  ): Promise<void> {
    if (!(await this.sessions.revoke(actor.accountId, id, 'ended_by_owner'))) throw new DomainError('NOT_FOUND');
    await this.audit.record(
      { actorId: actor.accountId, ...requestOrigin(request) },
      { action: 'auth.session_ended', subjectType: 'session', subjectId: id },
    );
  }

  /** Logs out everywhere else: ends all my sessions but this one. */
  @Post('sessions/revoke-others')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: RevokedCountDto })
  async endOtherSessions(@CurrentActor() actor: Actor, @Req() request: Request): Promise<RevokedCountDto> {
    const revoked = await this.sessions.revokeAll(actor.accountId, 'logout_everywhere', actor.sessionId);
    await this.audit.record(
      { actorId: actor.accountId, ...requestOrigin(request) },
      { action: 'auth.logout_everywhere', details: { revoked } },
    );
    return { revoked };
  }

  /** Changes my password; my other sessions end, this one stays. */
  @Post('password')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: PasswordChangedDto })
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<PasswordChangedDto> {
    return this.accounts.changePassword(actor.accountId, actor.sessionId, body.currentPassword, body.newPassword, {
      actorId: actor.accountId,
      ...requestOrigin(request),
    });
  }

  /** Changes my name, function, phone and what others may see (409 when the profile changed meanwhile). */
  @Patch('me')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: MeDto })
  @ApiConflictResponse({ description: 'Stale version' })
  async updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto, @Req() request: Request): Promise<MeDto> {
    const { version, ...change } = body;
    const account = await this.accounts.updateProfile(actor.accountId, change, version, {
      actorId: actor.accountId,
      ...requestOrigin(request),
    });
    return toMe(account, actor.secondFactorPending);
  }
}
