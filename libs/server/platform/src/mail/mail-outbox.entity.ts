import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * queued → sending → sent; a temporary failure goes back to retrying, a permanent one to failed.
 * `uncertain` marks a send interrupted after the SMTP hand-over began: it is not resent silently.
 */
export const MAIL_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed', 'uncertain'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** One e-mail that must be delivered: written first, then handed to the queue by id. */
@Entity({ name: 'mail_outbox' })
@Check('CHK_mail_outbox_status', `"status" IN ('queued', 'sending', 'retrying', 'sent', 'failed', 'uncertain')`)
@Index('IDX_mail_outbox_pending', ['createdAt'], { where: `"status" IN ('queued', 'retrying')` })
@Index('IDX_mail_outbox_attention', ['updatedAt'], { where: `"status" IN ('failed', 'uncertain')` })
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  /** Makes recording idempotent: a second row with the same key is never written (e.g. `reminder:<id>`). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 160, nullable: true, unique: true })
  dedupeKey!: string | null;

  /** Extra headers, e.g. RFC 8058 List-Unsubscribe. */
  @Column({ type: 'jsonb', nullable: true })
  headers!: Record<string, string> | null;

  /** Small text attachments such as an .ics invitation. */
  @Column({ type: 'jsonb', nullable: true })
  attachments!: MailAttachment[] | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: MailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
