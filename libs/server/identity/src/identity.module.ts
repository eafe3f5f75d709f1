import { Module } from '@nestjs/common';
import { AccountsService } from './accounts/accounts.service';
import { AuditService } from './audit/audit.service';

/** Accounts, sessions, sign-in, permissions and the audit log. */
@Module({
  providers: [AccountsService, AuditService],
  exports: [AccountsService, AuditService],
})
export class IdentityModule {}
