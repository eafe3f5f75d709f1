import { Account } from '@srp/server/identity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Minutes } from './minutes.entity';

/** An attendee's approval of one revision in review. */
@Entity({ name: 'minutes_approval' })
export class MinutesApproval {
  @PrimaryColumn({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @PrimaryColumn({ type: 'integer' })
  revision!: number;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @CreateDateColumn({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;
}

/** A comment on minutes in review. */
@Entity({ name: 'minutes_comment' })
@Index('IDX_minutes_comment_minutes', ['minutesId', 'createdAt'])
export class MinutesComment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Account | null;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
