import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, actorOrigin, CurrentActor, RequirePermission, requestOrigin } from '@srp/server/identity';
import { Public, uuidOr404 } from '@srp/server/platform';
import type { Request, Response } from 'express';
import { NotificationAdminService } from '../admin/notification-admin.service';
import { NotificationCenterService } from '../center/notification-center.service';
import { PreferencesService } from '../settings/preferences.service';
import {
  FailedDeliveryListDto,
  MarkedReadDto,
  NotificationHealthDto,
  NotificationListQuery,
  NotificationPageDto,
  NotificationSettingsDto,
  PreferencesDto,
  RetryResultDto,
  UnreadCountDto,
  UnsubscribeDto,
  UnsubscribeViewDto,
  UpdateNotificationSettingsDto,
  UpdatePreferencesDto,
} from './notifications.dto';

/** The signed-in person's notification centre and own settings. */
@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    private readonly center: NotificationCenterService,
    private readonly preferences: PreferencesService,
  ) {}

  /** Newest first, keyset paging; `unread=true` for unread only. */
  @Get('notifications')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiBadRequestResponse()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQuery): Promise<NotificationPageDto> {
    return this.center.list(actor.accountId, { ...query, unread: query.unread === 'true' });
  }

  /**
   * The bell's number, for polling: answers 304 when `If-None-Match` carries the current ETag
   * (nothing new, nothing read), so a poll every few seconds costs almost nothing.
   */
  @Get('notifications/unread-count')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  async unreadCount(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnreadCountDto | undefined> {
    const count = await this.center.unread(actor.accountId);
    const etag = `W/"n-${count.count}-${count.latestAt ? Date.parse(count.latestAt) : 0}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (request.get('if-none-match') === etag) {
      response.status(304);
      return undefined;
    }
    return count;
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: MarkedReadDto })
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkedReadDto> {
    return this.center.markAllRead(actor.accountId);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiNotFoundResponse()
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<MarkedReadDto> {
    return this.center.markRead(actor.accountId, id);
  }

  /** Every kind with the channel that applies, the default and whether it can be switched. */
  @Get('notification-preferences')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: PreferencesDto })
  getPreferences(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.preferences.get(actor.accountId);
  }

  @Put('notification-preferences')
  @RequirePermission('self.manage')
  @ApiOkResponse({ type: PreferencesDto })
  @ApiBadRequestResponse()
  updatePreferences(
    @CurrentActor() actor: Actor,
    @Body() body: UpdatePreferencesDto,
    @Req() request: Request,
  ): Promise<PreferencesDto> {
    return this.preferences.update(actor.accountId, body.choices, actorOrigin(actor, request));
  }

  /** What an e-mail's "switch this off" link changes (no sign-in: the signed token is the key). */
  @Get('unsubscribe/:token')
  @Public()
  @ApiOkResponse({ type: UnsubscribeViewDto })
  @ApiNotFoundResponse()
  viewToken(@Param('token') token: string): Promise<UnsubscribeViewDto> {
    return this.preferences.viewToken(token);
  }

  /**
   * Changes that one kind: `{ channel }` from the portal's page, or the RFC 8058 one-click POST of
   * a mail client (form body `List-Unsubscribe=One-Click`: e-mails stop, the portal still shows it).
   */
  @Post('unsubscribe/:token')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: UnsubscribeViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Invitations and cancellations cannot be switched off' })
  applyToken(
    @Param('token') token: string,
    @Body() body: UnsubscribeDto,
    @Req() request: Request,
  ): Promise<UnsubscribeViewDto> {
    return this.preferences.applyToken(token, body.channel, requestOrigin(request));
  }
}

/** Admins: queue health and failed deliveries; coordination: the defaults. */
@ApiTags('notifications-admin')
@Controller()
export class NotificationsAdminController {
  constructor(private readonly admin: NotificationAdminService) {}

  @Get('admin/notifications/health')
  @RequirePermission('notifications.admin')
  @ApiOkResponse({ type: NotificationHealthDto })
  health(): Promise<NotificationHealthDto> {
    return this.admin.health();
  }

  @Get('admin/notifications/failed')
  @RequirePermission('notifications.admin')
  @ApiOkResponse({ type: FailedDeliveryListDto })
  failed(): Promise<FailedDeliveryListDto> {
    return this.admin.failedDeliveries();
  }

  /** Sends a failed (or uncertain: may arrive twice) e-mail again. */
  @Post('admin/mail/:id/retry')
  @HttpCode(200)
  @RequirePermission('notifications.admin')
  @ApiOkResponse({ type: RetryResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The e-mail is not failed or uncertain' })
  retry(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Req() request: Request,
  ): Promise<RetryResultDto> {
    return this.admin.retry(id, actorOrigin(actor, request));
  }

  /** Delivers a reminder again that ran out of attempts. */
  @Post('admin/reminders/:id/retry')
  @HttpCode(200)
  @RequirePermission('notifications.admin')
  @ApiOkResponse({ type: RetryResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The reminder is not failed' })
  retryReminder(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Req() request: Request,
  ): Promise<RetryResultDto> {
    return this.admin.retryReminder(id, actorOrigin(actor, request));
  }

  @Get('notification-settings')
  @RequirePermission('notifications.configure')
  @ApiOkResponse({ type: NotificationSettingsDto })
  settings(): Promise<NotificationSettingsDto> {
    return this.admin.settings();
  }

  @Put('notification-settings')
  @RequirePermission('notifications.configure')
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiBadRequestResponse()
  @ApiConflictResponse({ description: 'Stale version' })
  updateSettings(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateNotificationSettingsDto,
    @Req() request: Request,
  ): Promise<NotificationSettingsDto> {
    return this.admin.updateSettings(body, actorOrigin(actor, request));
  }
}
