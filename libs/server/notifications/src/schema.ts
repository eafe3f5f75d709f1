import { DatabaseSchema } from '@srp/server/platform';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationSettings } from './entities/notification-settings.entity';
import { Notification } from './entities/notification.entity';
import { Reminder } from './entities/reminder.entity';
import { Notifications1764250000000 } from './migrations/1764250000000-notifications';

export const NOTIFICATIONS_SCHEMA: DatabaseSchema = {
  entities: [Reminder, Notification, NotificationPreference, NotificationSettings],
  migrations: [Notifications1764250000000],
};
