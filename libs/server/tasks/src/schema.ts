import { DatabaseSchema } from '@srp/server/platform';
import { Tasks1764220000000 } from './migrations/1764220000000-tasks';
import { TaskActivity } from './task-activity.entity';
import { TaskAssignee } from './task-assignee.entity';
import { TaskComment } from './task-comment.entity';
import { TaskEvent } from './task-event.entity';
import { TaskLink } from './task-link.entity';
import { Task } from './task.entity';

export const TASKS_SCHEMA: DatabaseSchema = {
  entities: [Task, TaskAssignee, TaskComment, TaskLink, TaskActivity, TaskEvent],
  migrations: [Tasks1764220000000],
};
