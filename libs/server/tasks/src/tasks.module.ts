import { Module } from '@nestjs/common';
import { GroupsModule } from '@srp/server/groups';
import { IdentityModule } from '@srp/server/identity';
import { TaskCommentsService } from './comments/task-comments.service';
import { TaskPurgeHandler } from './purge/task-purge.handler';
import { TaskQueriesService } from './queries/task-queries.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Tasks without HTTP (later domains create tasks, e.g. from released minutes). */
@Module({
  imports: [IdentityModule, GroupsModule],
  providers: [TasksService, TaskQueriesService, TaskCommentsService],
  exports: [TasksService, TaskQueriesService, TaskCommentsService],
})
export class TasksModule {}

/** The api's HTTP side of tasks. */
@Module({
  imports: [TasksModule],
  controllers: [TasksController],
})
export class TasksHttpModule {}

/** The worker's side of tasks: housekeeping jobs. */
@Module({
  imports: [IdentityModule],
  providers: [TaskPurgeHandler],
  exports: [TaskPurgeHandler],
})
export class TasksWorkerModule {}
