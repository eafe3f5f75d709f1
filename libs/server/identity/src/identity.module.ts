import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccountsService } from './accounts/accounts.service';
import { SessionGuard } from './access/session.guard';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottleService } from './auth/login-throttle.service';
import { SessionService } from './sessions/session.service';
import { SecondFactorController } from './auth/second-factor.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { AccountTokensService } from './tokens/account-tokens.service';
import { TotpService } from './totp/totp.service';
import { AccountsAdminController } from './admin/accounts-admin.controller';
import { AccountsAdminService } from './admin/accounts-admin.service';

/** Accounts and the audit log, usable from the CLI and the worker (no HTTP). */
@Module({
  providers: [AccountsService, AuditService, SessionService, AccountTokensService, TotpService, InvitationsService],
  exports: [AccountsService, AuditService, SessionService, AccountTokensService, TotpService, InvitationsService],
})
export class IdentityModule {}

/** Sign-in, sessions and the global session guard: the api's HTTP side of identity. */
@Module({
  imports: [IdentityModule, PassportModule],
  controllers: [AuthController, SecondFactorController, InvitationsController, AccountsAdminController],
  providers: [
    AuthService,
    LoginThrottleService,
    LocalStrategy,
    AccountsAdminService,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
})
export class IdentityHttpModule {}
