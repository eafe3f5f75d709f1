import { TASK_ACTIVITY_KINDS, TaskActivityKind } from '@srp/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Task } from './task.entity';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** One entry of a task's history as its page shows it ("Anna Beispiel hat den Status geändert …"). */
@Entity({ name: 'task_activity' })
@Check('CHK_task_activity_kind', `"kind" IN (${inList(TASK_ACTIVITY_KINDS)})`)
@Index('IDX_task_activity_task', ['taskId', 'createdAt'])
export class TaskActivity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: TaskActivityKind;

  /** Before/after values of what changed (names of fields, ids of people). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  /** clock_timestamp(): entries of one transaction keep their order (now() is the same for all). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
