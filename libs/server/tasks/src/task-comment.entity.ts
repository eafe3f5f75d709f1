import { Account } from '@srp/server/identity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Task } from './task.entity';

/** A comment on a task (Markdown), with the group members it mentions. */
@Entity({ name: 'task_comment' })
@Index('IDX_task_comment_task', ['taskId', 'createdAt'])
@Index('IDX_task_comment_author', ['authorId'])
export class TaskComment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Account;

  @Column({ type: 'text' })
  body!: string;

  /** Account ids of the people mentioned with "@Name". */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
