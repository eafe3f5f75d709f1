import { MINUTES_ENTRY_KINDS, MinutesEntryKind } from '@srp/contracts';
import { WorkingGroup } from '@srp/server/groups';
import { Task } from '@srp/server/tasks';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Minutes } from './minutes.entity';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A typed entry of the minutes under an agenda item (or none: general): Information, Beschluss,
 * Aufgabe. An action item becomes a task in `groupId` on release (`taskId` links back; the task's
 * origin points here). Ids stay the same across revisions.
 */
@Entity({ name: 'minutes_entry' })
@Check('CHK_minutes_entry_kind', `"kind" IN (${inList(MINUTES_ENTRY_KINDS)})`)
@Index('IDX_minutes_entry_minutes', ['minutesId', 'position'])
@Index('IDX_minutes_entry_task', ['taskId'], { where: '"task_id" IS NOT NULL' })
export class MinutesEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  /** The agenda item it belongs to; null for entries outside the agenda. */
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @Column({ type: 'double precision', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: MinutesEntryKind;

  @Column({ type: 'text' })
  text!: string;

  /** Left out of exports unless asked for. */
  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({ name: 'assignee_ids', type: 'uuid', array: true, default: () => "'{}'" })
  assigneeIds!: string[];

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** Action items: the group the task is created in. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => WorkingGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @ManyToOne(() => Task, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_id' })
  task?: Task | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
