import { EntityManager } from 'typeorm';
import { completeSettings, ReminderSettings } from './reminder-settings';

/** The coordinators' defaults as stored (one row), completed with the built-in defaults. */
export async function loadSettings(manager: EntityManager): Promise<{ settings: ReminderSettings; version: number }> {
  const [row] = (await manager.query(`SELECT settings, version FROM notification_settings WHERE id = 1`)) as Array<{
    settings: Partial<ReminderSettings>;
    version: number;
  }>;
  return { settings: completeSettings(row?.settings), version: row?.version ?? 0 };
}
