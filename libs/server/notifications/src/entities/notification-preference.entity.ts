import { Account } from '@srp/server/identity';
import { NOTIFICATION_CHANNELS, NotificationChannel, NotificationKind } from '@srp/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person's choice for one kind; without a row the coordinators' default applies. */
@Entity({ name: 'notification_preference' })
@Check('CHK_notification_preference_channel', `"channel" IN (${NOTIFICATION_CHANNELS.map((c) => `'${c}'`).join(', ')})`)
export class NotificationPreference {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 8 })
  channel!: NotificationChannel;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
