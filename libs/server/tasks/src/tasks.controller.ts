import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, actorOrigin, CurrentActor, RequirePermission } from '@srp/server/identity';
import { uuidOr404 } from '@srp/server/platform';
import type { Request, Response } from 'express';
import { TaskCommentsService } from './comments/task-comments.service';
import { TaskQueriesService } from './queries/task-queries.service';
import {
  AddCommentDto,
  CreateTaskDto,
  LinkTaskDto,
  ListTasksQuery,
  MoveTaskDto,
  MyTasksDto,
  TaskBoardDto,
  TaskCountsDto,
  TaskDetailDto,
  TaskPageDto,
  TaskSummaryDto,
  TaskVersionDto,
  UpdateTaskDto,
} from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly queries: TaskQueriesService,
    private readonly comments: TaskCommentsService,
  ) {}

  /** Tasks of the groups the actor may see, filtered, sorted, paged by keyset. */
  @Get('tasks')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListTasksQuery): Promise<TaskPageDto> {
    return this.queries.list(actor, query);
  }

  /** The filtered list as a CSV file (semicolons, UTF-8 with BOM; at most 10,000 rows). */
  @Get('tasks/export')
  @RequirePermission('tasks.participate')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async csv(
    @CurrentActor() actor: Actor,
    @Query() query: ListTasksQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, body } = await this.queries.csv(actor, query);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }

  /** Meine Aufgaben: everything assigned to me across groups that is not done. */
  @Get('tasks/mine')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: MyTasksDto })
  mine(@CurrentActor() actor: Actor): Promise<MyTasksDto> {
    return this.queries.mine(actor);
  }

  /** Counts for the start page: my open, overdue and due-this-week tasks. */
  @Get('tasks/counts')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskCountsDto })
  counts(@CurrentActor() actor: Actor): Promise<TaskCountsDto> {
    return this.queries.counts(actor);
  }

  /** A group's board: one column per status with its count. */
  @Get('groups/:id/board')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskBoardDto })
  @ApiNotFoundResponse({ description: 'No such group, or the actor is neither member nor coordinator' })
  board(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<TaskBoardDto> {
    return this.queries.board(actor, id);
  }

  /** Creates a task in a group (its members, leads, coordinators). */
  @Post('tasks')
  @RequirePermission('tasks.participate')
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  create(@CurrentActor() actor: Actor, @Body() body: CreateTaskDto, @Req() request: Request): Promise<TaskDetailDto> {
    return this.tasks.create(actor, body, actorOrigin(actor, request));
  }

  /** A task's page: everything about it, with comments and history. */
  @Get('tasks/:id')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  detail(@CurrentActor() actor: Actor, @Param('id', uuidOr404) id: string): Promise<TaskDetailDto> {
    return this.tasks.detail(actor, id);
  }

  /** Changes fields; assignees who are not members may change status and checklist only. */
  @Patch('tasks/:id')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: UpdateTaskDto,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.tasks.update(actor, id, body, actorOrigin(actor, request));
  }

  /** Moves a card on the board: a new status and/or a place in its column. */
  @Post('tasks/:id/move')
  @HttpCode(200)
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskSummaryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version' })
  move(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: MoveTaskDto,
    @Req() request: Request,
  ): Promise<TaskSummaryDto> {
    return this.tasks.move(actor, id, body, actorOrigin(actor, request));
  }

  /** Adds a comment; mentioned group members are recorded for notifications. */
  @Post('tasks/:id/comments')
  @RequirePermission('tasks.participate')
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: AddCommentDto,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.comments.add(actor, id, body, actorOrigin(actor, request));
  }

  /** Links a related task (both must be visible to the actor). */
  @Post('tasks/:id/links')
  @HttpCode(200)
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already linked' })
  link(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: LinkTaskDto,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.tasks.link(actor, id, body.taskId, actorOrigin(actor, request));
  }

  /** Removes the link between two tasks. */
  @Delete('tasks/:id/links/:relatedId')
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  unlink(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Param('relatedId', uuidOr404) relatedId: string,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.tasks.unlink(actor, id, relatedId, actorOrigin(actor, request));
  }

  /** Deletes a task: it is archived and can be restored for 30 days (leads, coordinators). */
  @Post('tasks/:id/archive')
  @HttpCode(200)
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version or already archived' })
  archive(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: TaskVersionDto,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.tasks.archive(actor, id, body.version, actorOrigin(actor, request));
  }

  /** Brings an archived task back (within 30 days; leads, coordinators). */
  @Post('tasks/:id/restore')
  @HttpCode(200)
  @RequirePermission('tasks.participate')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale version, not archived, or archived too long ago' })
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidOr404) id: string,
    @Body() body: TaskVersionDto,
    @Req() request: Request,
  ): Promise<TaskDetailDto> {
    return this.tasks.restore(actor, id, body.version, actorOrigin(actor, request));
  }
}
