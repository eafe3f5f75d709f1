import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded change or security event: who, what, when, from where, before/after. */
@Entity({ name: 'audit_event' })
@Index('IDX_audit_event_occurred', ['occurredAt'])
@Index('IDX_audit_event_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_event_action', ['action', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The account that acted; null for anonymous events (e.g. a failed sign-in). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  /** Before/after values or other context; never a password, token or secret. */
  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
