import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@srp/server/platform';
import type { Request } from 'express';
import { AllowPendingSecondFactor, RequirePermission } from '../access/require-permission.decorator';
import { AuditService } from '../audit/audit.service';
import { Actor, SessionService } from '../sessions/session.service';
import { TotpService } from '../totp/totp.service';
import { RecoveryCodesDto, SecondFactorCodeDto, SecondFactorSetupDto } from './auth.dto';
import { CurrentActor } from './current-actor.decorator';
import { LoginThrottleService } from './login-throttle.service';
import { requestOrigin } from './request-origin';

@ApiTags('auth')
@Controller('auth/second-factor')
export class SecondFactorController {
  constructor(
    private readonly totp: TotpService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /** Starts setting up an authenticator app: a new secret and its QR code. */
  @Post('setup')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: SecondFactorSetupDto })
  setup(@CurrentActor() actor: Actor): Promise<SecondFactorSetupDto> {
    return this.totp.startSetup(actor.accountId);
  }

  /** Confirms the setup with a first code; answers the recovery codes once. */
  @Post('enable')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: RecoveryCodesDto })
  async enable(
    @CurrentActor() actor: Actor,
    @Body() body: SecondFactorCodeDto,
    @Req() request: Request,
  ): Promise<RecoveryCodesDto> {
    await this.guardAttempts(actor, request);
    const recoveryCodes = await this.totp
      .enable(actor.accountId, body.code, { actorId: actor.accountId, ...requestOrigin(request) })
      .catch((error: unknown) => this.countFailure(actor, request, error));
    return { recoveryCodes };
  }

  /** Completes a sign-in with the code from the app (or a recovery code). */
  @Post('verify')
  @HttpCode(204)
  @AllowPendingSecondFactor()
  @RequirePermission('self.manage')
  @ApiNoContentResponse()
  async verify(
    @CurrentActor() actor: Actor,
    @Body() body: SecondFactorCodeDto,
    @Req() request: Request,
  ): Promise<void> {
    if (!actor.secondFactorPending) throw new DomainError('CONFLICT', 'Diese Anmeldung ist bereits bestätigt.');
    await this.guardAttempts(actor, request);
    const origin = { actorId: actor.accountId, ...requestOrigin(request) };
    const kind = await this.totp.verify(actor.accountId, body.code).catch(async (error: unknown) => {
      await this.audit.record(origin, {
        action: 'auth.second_factor_failed',
        subjectType: 'session',
        subjectId: actor.sessionId,
      });
      return this.countFailure(actor, request, error);
    });
    await this.sessions.completeSecondFactor(actor.sessionId);
    await this.audit.record(origin, {
      action: 'auth.second_factor_passed',
      subjectType: 'session',
      subjectId: actor.sessionId,
      details: { method: kind },
    });
  }

  private async guardAttempts(actor: Actor, request: Request): Promise<void> {
    const wait = await this.throttle.retryAfter(`second-factor:${actor.accountId}`, request.ip ?? null);
    if (wait > 0) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Zu viele falsche Codes. Bitte warten Sie einige Minuten.', {
        retryAfterSeconds: wait,
      });
    }
  }

  private async countFailure(actor: Actor, request: Request, error: unknown): Promise<never> {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      await this.throttle.recordFailure(`second-factor:${actor.accountId}`, request.ip ?? null);
    }
    throw error;
  }
}
