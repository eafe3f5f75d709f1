import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@srp/server/platform';
import type { Request } from 'express';
import { RequirePermission } from '../access/require-permission.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requestOrigin } from '../auth/request-origin';
import { Actor } from '../sessions/session.service';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationDto,
  RequestPasswordResetDto,
  ResetPasswordDto,
} from './invitations.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Invites a person by e-mail (coordinators: members only). Renews a pending invitation. */
  @Post('invitations')
  @RequirePermission('accounts.invite')
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  async invite(
    @CurrentActor() actor: Actor,
    @Body() body: CreateInvitationDto,
    @Req() request: Request,
  ): Promise<InvitationCreatedDto> {
    const { accountId, expiresAt } = await this.invitations.invite(actor, body, {
      actorId: actor.accountId,
      ...requestOrigin(request),
    });
    return { accountId, expiresAt };
  }

  /** Who an invitation link is for; TOKEN_INVALID (404) when forged, expired or used. */
  @Public()
  @Get('invitations/:token')
  @ApiOkResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ description: 'TOKEN_INVALID' })
  describe(@Param('token') token: string): Promise<InvitationDto> {
    return this.invitations.describeInvitation(token);
  }

  /** Sets the password and accepts the privacy notice; then the person signs in. */
  @Public()
  @Post('invitations/:token/accept')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'TOKEN_INVALID' })
  accept(@Param('token') token: string, @Body() body: AcceptInvitationDto, @Req() request: Request): Promise<void> {
    return this.invitations.acceptInvitation(token, body.password, requestOrigin(request));
  }

  /** Requests a password reset link; the same answer whether the address is known or not. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse()
  async requestReset(@Body() body: RequestPasswordResetDto, @Req() request: Request): Promise<void> {
    await this.invitations.requestPasswordReset(body.email, requestOrigin(request));
  }

  /** 204 when a reset link is still valid, TOKEN_INVALID (404) otherwise. */
  @Public()
  @Get('password-reset/:token')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'TOKEN_INVALID' })
  checkReset(@Param('token') token: string): Promise<void> {
    return this.invitations.checkResetToken(token);
  }

  /** Sets a new password with a reset link; every session ends. */
  @Public()
  @Post('password-reset/:token')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'TOKEN_INVALID' })
  reset(@Param('token') token: string, @Body() body: ResetPasswordDto, @Req() request: Request): Promise<void> {
    return this.invitations.resetPassword(token, body.password, requestOrigin(request));
  }
}
