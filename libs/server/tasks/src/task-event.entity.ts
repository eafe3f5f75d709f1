import { TASK_EVENT_KINDS, TaskEventKind } from '@srp/contracts';
import { Check, Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The tasks domain's outbox for later domains (notifications): written in the same transaction as
 * the change, read in order of `seq` and marked processed by the consumer. Payloads carry ids and
 * dates only. No foreign key to `task`, so the row outlives a purged task.
 */
@Entity({ name: 'task_event' })
@Check('CHK_task_event_kind', `"kind" IN (${inList(TASK_EVENT_KINDS)})`)
@Index('IDX_task_event_pending', ['seq'], { where: '"processed_at" IS NULL' })
export class TaskEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Commit order for consumers (a bigint sequence; strings in JS). */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: TaskEventKind;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
