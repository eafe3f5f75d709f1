import { Module } from '@nestjs/common';
import { IdentityModule } from '@srp/server/identity';
import { MeetingsModule } from '@srp/server/meetings';
import { NotificationAdminService } from './admin/notification-admin.service';
import { NotificationCenterService } from './center/notification-center.service';
import { NoticeLoader } from './content/notice-loader';
import { DigestHandler } from './delivery/digest.handler';
import { NotificationPurgeHandler } from './delivery/notification-purge.handler';
import { ReminderDeliveryHandler } from './delivery/reminder-delivery.handler';
import { ReminderSweepHandler } from './delivery/reminder-sweep.handler';
import { NotificationsAdminController, NotificationsController } from './http/notifications.controller';
import { ReminderPlanner } from './planning/reminder-planner.service';
import { PreferencesService } from './settings/preferences.service';

/**
 * Planning reminders from domain changes (subscribes to DomainEvents): load it wherever domain
 * services change data — the api and the worker.
 */
@Module({
  imports: [IdentityModule],
  providers: [ReminderPlanner],
  exports: [ReminderPlanner],
})
export class NotificationsModule {}

/** The api's HTTP side: notification centre, own settings, e-mail links, admin views. */
@Module({
  imports: [NotificationsModule, IdentityModule],
  providers: [NotificationCenterService, PreferencesService, NotificationAdminService],
  controllers: [NotificationsController, NotificationsAdminController],
})
export class NotificationsHttpModule {}

/** The worker's side: sweeping, delivering, reconciling, digests. */
@Module({
  imports: [NotificationsModule, MeetingsModule],
  providers: [NoticeLoader, ReminderDeliveryHandler, ReminderSweepHandler, DigestHandler, NotificationPurgeHandler],
  exports: [ReminderDeliveryHandler, ReminderSweepHandler, DigestHandler, NotificationPurgeHandler],
})
export class NotificationsWorkerModule {}
