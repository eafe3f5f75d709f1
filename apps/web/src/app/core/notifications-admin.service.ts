import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { notificationsAdminFailed } from '../api/generated/fn/notifications-admin/notifications-admin-failed';
import { notificationsAdminHealth } from '../api/generated/fn/notifications-admin/notifications-admin-health';
import { notificationsAdminRetry } from '../api/generated/fn/notifications-admin/notifications-admin-retry';
import { notificationsAdminRetryReminder } from '../api/generated/fn/notifications-admin/notifications-admin-retry-reminder';
import { notificationsAdminSettings } from '../api/generated/fn/notifications-admin/notifications-admin-settings';
import { notificationsAdminUpdateSettings } from '../api/generated/fn/notifications-admin/notifications-admin-update-settings';
import { CountDto } from '../api/generated/models/count-dto';
import { FailedDeliveryDto } from '../api/generated/models/failed-delivery-dto';
import { FailedDeliveryListDto } from '../api/generated/models/failed-delivery-list-dto';
import { FailedReminderDto } from '../api/generated/models/failed-reminder-dto';
import { MeetingReminderRuleDto } from '../api/generated/models/meeting-reminder-rule-dto';
import { NotificationHealthDto } from '../api/generated/models/notification-health-dto';
import { NotificationSettingsDto } from '../api/generated/models/notification-settings-dto';
import { QueueHealthDto } from '../api/generated/models/queue-health-dto';
import { ReminderSettingsDto } from '../api/generated/models/reminder-settings-dto';
import { ScheduleHealthDto } from '../api/generated/models/schedule-health-dto';
import { UpdateNotificationSettingsDto } from '../api/generated/models/update-notification-settings-dto';

export type NotificationHealth = NotificationHealthDto;
export type QueueHealth = QueueHealthDto;
export type ScheduleHealth = ScheduleHealthDto;
export type StatusCount = CountDto;
export type FailedDelivery = FailedDeliveryDto;
export type FailedDeliveryList = FailedDeliveryListDto;
export type FailedReminder = FailedReminderDto;
export type NotificationSettings = NotificationSettingsDto;
export type ReminderSettings = ReminderSettingsDto;
export type MeetingReminderRule = MeetingReminderRuleDto;
export type NotificationSettingsChange = UpdateNotificationSettingsDto;

/**
 * Verwaltung → Benachrichtigungen: the queues' health and failed e-mails (administration), and the
 * defaults of reminders and notifications (coordination and administration).
 */
@Injectable({ providedIn: 'root' })
export class NotificationsAdminService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  health(): Observable<NotificationHealth> {
    return notificationsAdminHealth(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** E-mails that failed or whose delivery is uncertain, newest first, and the reminders that failed. */
  failed(): Observable<FailedDeliveryList> {
    return notificationsAdminFailed(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** Sends a failed or uncertain e-mail again; true when it is queued (409 when it no longer needs it). */
  retry(id: string): Observable<boolean> {
    return notificationsAdminRetry(this.http, this.api.rootUrl, { id }).pipe(map((response) => response.body.queued));
  }

  /** Delivers a failed reminder again; true when it is queued (404 unknown, 409 when it is not failed). */
  retryReminder(id: string): Observable<boolean> {
    return notificationsAdminRetryReminder(this.http, this.api.rootUrl, { id }).pipe(
      map((response) => response.body.queued),
    );
  }

  settings(): Observable<NotificationSettings> {
    return notificationsAdminSettings(this.http, this.api.rootUrl).pipe(map((response) => response.body));
  }

  /** Saves the defaults; `version` is the one the change is based on (409 when stale). */
  updateSettings(change: NotificationSettingsChange): Observable<NotificationSettings> {
    return notificationsAdminUpdateSettings(this.http, this.api.rootUrl, { body: change }).pipe(
      map((response) => response.body),
    );
  }
}
