import { Account } from '@srp/server/identity';
import { Reminder } from './reminder.entity';
import { NotificationKind } from '@srp/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One message in a person's notification centre; one per reminder at most (unique key). */
@Entity({ name: 'notification' })
@Index('IDX_notification_account', ['accountId', 'createdAt'])
@Index('IDX_notification_unread', ['accountId'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ name: 'reminder_id', type: 'uuid', unique: true })
  reminderId!: string;

  @ManyToOne(() => Reminder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id' })
  reminder?: Reminder;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** A path inside the portal, e.g. `/termine/<id>`. */
  @Column({ type: 'varchar', length: 500 })
  link!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
