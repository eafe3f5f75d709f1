import { Body, Controller, Get, Param, Patch, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { uuidOr404 } from '@srp/server/platform';
import type { Request } from 'express';
import { RequirePermission } from '../access/require-permission.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requestOrigin } from '../auth/request-origin';
import { Actor } from '../sessions/session.service';
import { AccountListQuery, AccountSummaryDto, AuditPageDto, AuditQuery, UpdateAccountDto } from './admin.dto';
import { AccountsAdminService } from './accounts-admin.service';

@ApiTags('administration')
@Controller()
export class AccountsAdminController {
  constructor(private readonly admin: AccountsAdminService) {}

  /** The people with accounts, filtered by name/e-mail, role and status. */
  @Get('accounts')
  @RequirePermission('accounts.read')
  @ApiOkResponse({ type: [AccountSummaryDto] })
  list(@Query() query: AccountListQuery): Promise<AccountSummaryDto[]> {
    return this.admin.list(query);
  }

  /** Changes a person's role or (de)activates them; deactivation ends their sessions. */
  @Patch('accounts/:id')
  @RequirePermission('accounts.manage')
  @ApiOkResponse({ type: AccountSummaryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version, own account, or a pending invitation' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateAccountDto,
    @Req() request: Request,
  ): Promise<AccountSummaryDto> {
    return this.admin.update(actor, id, body, { actorId: actor.accountId, ...requestOrigin(request) });
  }

  /** The audit log, newest first, 50 per page. */
  @Get('audit')
  @RequirePermission('audit.read')
  @ApiOkResponse({ type: AuditPageDto })
  auditLog(@Query() query: AuditQuery): Promise<AuditPageDto> {
    return this.admin.auditLog(query);
  }
}
