import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Task } from './task.entity';

/** "Related to": an undirected link between two tasks, stored once with the smaller id first. */
@Entity({ name: 'task_link' })
@Check('CHK_task_link_order', `"task_id" < "related_task_id"`)
@Index('IDX_task_link_related', ['relatedTaskId'])
export class TaskLink {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @PrimaryColumn({ name: 'related_task_id', type: 'uuid' })
  relatedTaskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'related_task_id' })
  relatedTask?: Task;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
