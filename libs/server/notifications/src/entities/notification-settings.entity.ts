import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ReminderSettings } from '../settings/reminder-settings';

/** The coordinators' defaults (one row): default channel per kind and reminder times. */
@Entity({ name: 'notification_settings' })
@Check('CHK_notification_settings_single', '"id" = 1')
export class NotificationSettings {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'jsonb' })
  settings!: ReminderSettings;

  @VersionColumn()
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
