import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { tasksArchive } from '../api/generated/fn/tasks/tasks-archive';
import { tasksBoard } from '../api/generated/fn/tasks/tasks-board';
import { tasksComment } from '../api/generated/fn/tasks/tasks-comment';
import { tasksCounts } from '../api/generated/fn/tasks/tasks-counts';
import { tasksCreate } from '../api/generated/fn/tasks/tasks-create';
import { tasksCsv } from '../api/generated/fn/tasks/tasks-csv';
import { tasksDetail } from '../api/generated/fn/tasks/tasks-detail';
import { tasksLink } from '../api/generated/fn/tasks/tasks-link';
import { TasksList$Params, tasksList } from '../api/generated/fn/tasks/tasks-list';
import { tasksMine } from '../api/generated/fn/tasks/tasks-mine';
import { tasksMove } from '../api/generated/fn/tasks/tasks-move';
import { tasksRestore } from '../api/generated/fn/tasks/tasks-restore';
import { tasksUnlink } from '../api/generated/fn/tasks/tasks-unlink';
import { tasksUpdate } from '../api/generated/fn/tasks/tasks-update';
import { ChecklistItemDto } from '../api/generated/models/checklist-item-dto';
import { CreateTaskDto } from '../api/generated/models/create-task-dto';
import { MoveTaskDto } from '../api/generated/models/move-task-dto';
import { MyTasksDto } from '../api/generated/models/my-tasks-dto';
import { TaskActivityDto } from '../api/generated/models/task-activity-dto';
import { TaskBoardDto } from '../api/generated/models/task-board-dto';
import { TaskCommentDto } from '../api/generated/models/task-comment-dto';
import { TaskCountsDto } from '../api/generated/models/task-counts-dto';
import { TaskDetailDto } from '../api/generated/models/task-detail-dto';
import { TaskPageDto } from '../api/generated/models/task-page-dto';
import { TaskPersonDto } from '../api/generated/models/task-person-dto';
import { TaskSummaryDto } from '../api/generated/models/task-summary-dto';
import { UpdateTaskDto } from '../api/generated/models/update-task-dto';
import { idempotencyContext } from './idempotency.interceptor';

export type TaskSummary = TaskSummaryDto;
export type TaskDetail = TaskDetailDto;
export type TaskBoard = TaskBoardDto;
export type TaskPage = TaskPageDto;
export type MyTasks = MyTasksDto;
export type TaskCounts = TaskCountsDto;
export type TaskPerson = TaskPersonDto;
export type TaskComment = TaskCommentDto;
export type TaskActivity = TaskActivityDto;
export type ChecklistItem = ChecklistItemDto;
export type TaskStatus = TaskSummaryDto['status'];
export type TaskPriority = TaskSummaryDto['priority'];
export type NewTask = CreateTaskDto;
export type TaskChange = UpdateTaskDto;
export type TaskMove = MoveTaskDto;
/** Filters, sort and page of the task list (the api's query parameters). */
export type TaskQuery = TasksList$Params;

/** The board's columns, in order. */
export const TASK_STATUS_ORDER: readonly TaskStatus[] = ['open', 'in_progress', 'blocked', 'done'];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'Offen',
  in_progress: 'In Arbeit',
  blocked: 'Blockiert',
  done: 'Erledigt',
};

export const TASK_PRIORITY_ORDER: readonly TaskPriority[] = ['low', 'normal', 'high', 'urgent'];

export const TASK_PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Niedrig',
  normal: 'Normal',
  high: 'Hoch',
  urgent: 'Dringend',
};

/**
 * Tasks of the working groups: board, list, Meine Aufgaben, a task's page and every change to it.
 * Changes carry the `version` they are based on; a stale one is answered with 409 CONFLICT.
 */
@Injectable({ providedIn: 'root' })
export class TasksService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  board(groupId: string): Observable<TaskBoard> {
    return tasksBoard(this.http, this.api.rootUrl, { id: groupId }).pipe(map((r) => r.body));
  }

  /** One page of a filtered list; pass `nextCursor` of the previous page as `cursor`. */
  list(query: TaskQuery): Observable<TaskPage> {
    return tasksList(this.http, this.api.rootUrl, query).pipe(map((r) => r.body));
  }

  /** Where the browser downloads the filtered list as CSV (a plain link; cursor and limit are ignored). */
  csvUrl(query: TaskQuery): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '' || key === 'cursor' || key === 'limit') continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const search = params.toString();
    return `${this.api.rootUrl}${tasksCsv.PATH}${search ? `?${search}` : ''}`;
  }

  mine(): Observable<MyTasks> {
    return tasksMine(this.http, this.api.rootUrl).pipe(map((r) => r.body));
  }

  counts(): Observable<TaskCounts> {
    return tasksCounts(this.http, this.api.rootUrl).pipe(map((r) => r.body));
  }

  detail(id: string): Observable<TaskDetail> {
    return tasksDetail(this.http, this.api.rootUrl, { id }).pipe(map((r) => r.body));
  }

  /** With an `idempotencyKey`, repeating the request (double click, retry) creates the task once. */
  create(task: NewTask, idempotencyKey?: string): Observable<TaskDetail> {
    return tasksCreate(this.http, this.api.rootUrl, { body: task }, idempotencyContext(idempotencyKey)).pipe(
      map((r) => r.body),
    );
  }

  /** Changes fields; `assigneeIds` and `checklist` replace the whole list, `dueDate: null` clears it. */
  update(id: string, change: TaskChange): Observable<TaskDetail> {
    return tasksUpdate(this.http, this.api.rootUrl, { id, body: change }).pipe(map((r) => r.body));
  }

  /** Moves a card to a status and/or after another card of that column (`afterTaskId` null: to the top). */
  move(id: string, move: TaskMove): Observable<TaskSummary> {
    return tasksMove(this.http, this.api.rootUrl, { id, body: move }).pipe(map((r) => r.body));
  }

  comment(id: string, body: string, mentionIds: string[] = []): Observable<TaskDetail> {
    return tasksComment(this.http, this.api.rootUrl, {
      id,
      body: mentionIds.length ? { body, mentionIds } : { body },
    }).pipe(map((r) => r.body));
  }

  link(id: string, relatedTaskId: string): Observable<TaskDetail> {
    return tasksLink(this.http, this.api.rootUrl, { id, body: { taskId: relatedTaskId } }).pipe(map((r) => r.body));
  }

  unlink(id: string, relatedTaskId: string): Observable<TaskDetail> {
    return tasksUnlink(this.http, this.api.rootUrl, { id, relatedId: relatedTaskId }).pipe(map((r) => r.body));
  }

  /** Deletes: archived, restorable by leads and coordinators for 30 days. */
  archive(id: string, version: number): Observable<TaskDetail> {
    return tasksArchive(this.http, this.api.rootUrl, { id, body: { version } }).pipe(map((r) => r.body));
  }

  restore(id: string, version: number): Observable<TaskDetail> {
    return tasksRestore(this.http, this.api.rootUrl, { id, body: { version } }).pipe(map((r) => r.body));
  }
}
