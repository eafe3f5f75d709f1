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

/** Accounts and the audit log, usable from the CLI and the worker (no HTTP). */
@Module({
  providers: [AccountsService, AuditService, SessionService],
  exports: [AccountsService, AuditService, SessionService],
})
export class IdentityModule {}

/** Sign-in, sessions and the global session guard: the api's HTTP side of identity. */
@Module({
  imports: [IdentityModule, PassportModule],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottleService, LocalStrategy, { provide: APP_GUARD, useClass: SessionGuard }],
})
export class IdentityHttpModule {}
