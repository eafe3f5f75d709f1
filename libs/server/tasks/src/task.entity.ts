import { TASK_ORIGIN_KINDS, TASK_STATUSES, TaskOriginKind, TaskStatus } from '@srp/contracts';
import { WorkingGroup } from '@srp/server/groups';
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
  VersionColumn,
} from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** One checklist entry, kept on the task row (versioned with it). */
export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
}

/**
 * A piece of work in a group. Archived (deleted) tasks keep their row for 30 days and are left out
 * of every list. The expression indexes for lists sorted by due date live in the migration
 * (`synchronize: false` tells the drift check they are not the entity's to compare).
 */
@Entity({ name: 'task' })
@Check('CHK_task_status', `"status" IN (${inList(TASK_STATUSES)})`)
@Check('CHK_task_priority', `"priority" BETWEEN 1 AND 4`)
@Check('CHK_task_origin_kind', `"origin_kind" IS NULL OR "origin_kind" IN (${inList(TASK_ORIGIN_KINDS)})`)
@Check('CHK_task_blocked_reason', `"status" <> 'blocked' OR "blocked_reason" IS NOT NULL`)
@Index('IDX_task_board', ['groupId', 'status', 'rank'], { where: '"archived_at" IS NULL' })
@Index('IDX_task_group_updated', ['groupId', 'updatedAt', 'id'], { where: '"archived_at" IS NULL' })
@Index('IDX_task_group_created', ['groupId', 'createdAt', 'id'], { where: '"archived_at" IS NULL' })
@Index('IDX_task_group_done', ['groupId', 'completedAt', 'id'], {
  where: `"status" = 'done' AND "archived_at" IS NULL`,
})
@Index('IDX_task_group_labels', { synchronize: false })
@Index('IDX_task_group_archived', ['groupId', 'archivedAt'], { where: '"archived_at" IS NOT NULL' })
@Index('IDX_task_group_due', { synchronize: false })
@Index('IDX_task_group_priority', { synchronize: false })
@Index('IDX_task_search', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Markdown, rendered sanitised. */
  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: TaskStatus;

  /** Why the task is blocked; required while the status is "blocked". */
  @Column({ name: 'blocked_reason', type: 'varchar', length: 1000, nullable: true })
  blockedReason!: string | null;

  /** 1 low, 2 normal, 3 high, 4 urgent (see TASK_PRIORITIES). */
  @Column({ type: 'smallint', default: 2 })
  priority!: number;

  /** A calendar date (Europe/Berlin), 'YYYY-MM-DD'. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  labels!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  checklist!: ChecklistItem[];

  /** Order within the board column; a new card goes to the end. */
  @Column({ type: 'double precision', default: 0 })
  rank!: number;

  @Column({ name: 'origin_kind', type: 'varchar', length: 32, nullable: true })
  originKind!: TaskOriginKind | null;

  @Column({ name: 'origin_id', type: 'uuid', nullable: true })
  originId!: string | null;

  /** What to show for the origin link, e.g. "Protokoll Monatsrunde 12.11.2026, TOP 3". */
  @Column({ name: 'origin_label', type: 'varchar', length: 300, nullable: true })
  originLabel!: string | null;

  /** Weighted German text of title (A), description (B) and comments (C), rebuilt on every write. */
  @Column({ type: 'tsvector', select: false, nullable: true })
  search!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'archived_by', type: 'uuid', nullable: true })
  archivedBy!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
