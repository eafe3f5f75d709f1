import { Account } from '@srp/server/identity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A person's private iCal subscription. The URL carries a random token (only its SHA-256 is
 * stored); renewing revokes the old URL. The same token opens the feeds of the person's groups.
 */
@Entity({ name: 'calendar_feed' })
@Unique('UQ_calendar_feed_token', ['tokenHash'])
@Index('UQ_calendar_feed_account_active', ['accountId'], { unique: true, where: '"revoked_at" IS NULL' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
