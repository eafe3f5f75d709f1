import { Account } from '@srp/server/identity';
import { NOTIFICATION_KINDS, NotificationKind } from '@srp/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * planned → queued (claimed by the sweep, a delivery job exists) → done | skipped (quiet rule,
 * switched off, nobody to tell); `cancelled` when the domain change that planned it was undone.
 */
export const REMINDER_STATUSES = ['planned', 'queued', 'done', 'skipped', 'cancelled', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_SUBJECTS = ['meeting', 'task', 'minutes', 'organization', 'group', 'person'] as const;
export type ReminderSubject = (typeof REMINDER_SUBJECTS)[number];

/**
 * Something that must reach someone at a time: written by the domain change that causes it (in
 * its transaction), delivered by the worker. A row without `account_id` fans out when due to the
 * people it concerns at that moment (a meeting's invitees who have not declined).
 */
@Entity({ name: 'reminder' })
@Check('CHK_reminder_kind', `"kind" IN (${inList(NOTIFICATION_KINDS)})`)
@Check('CHK_reminder_status', `"status" IN (${inList(REMINDER_STATUSES)})`)
@Check('CHK_reminder_subject', `"subject_type" IN (${inList(REMINDER_SUBJECTS)})`)
@Index('IDX_reminder_due', ['dueAt'], { where: `"status" = 'planned'` })
@Index('IDX_reminder_queued', ['queuedAt'], { where: `"status" = 'queued'` })
@Index('IDX_reminder_subject', ['subjectType', 'subjectId'], { where: `"status" = 'planned'` })
@Index('UQ_reminder_batch', ['batchKey'], { unique: true, where: `"status" = 'planned'` })
@Index('UQ_reminder_dedupe', ['dedupeKey'], { unique: true })
@Index('IDX_reminder_processed', ['processedAt'], { where: `"processed_at" IS NOT NULL` })
@Index('IDX_reminder_pending_fanout', ['kind', 'subjectId'], {
  where: `"account_id" IS NULL AND "status" IN ('planned', 'queued')`,
})
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  /** The person; null for a row that fans out when due. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: ReminderSubject;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  status!: ReminderStatus;

  /** What makes the row unique (kind, subject, person, planned instant): planning twice writes it once. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  /** Rows with the same batch key collect while planned (several task changes in 2 minutes → one message). */
  @Column({ name: 'batch_key', type: 'varchar', length: 160, nullable: true })
  batchKey!: string | null;

  /** Ids and facts the delivery needs (the meeting's planned start, changed fields, batched items). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  /** How it ended: the channel used, or why it stayed quiet. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  outcome!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
