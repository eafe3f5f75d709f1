import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditOrigin, AuditService } from '@srp/server/identity';
import { DomainError, DomainEvents } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { TaskComment } from '../task-comment.entity';
import { recordActivity, refreshSearch, TaskEventBatch } from '../task-history';
import { AddCommentDto, TaskDetailDto } from '../tasks.dto';
import { TasksService } from '../tasks.service';

/**
 * Who of the named people is really mentioned: active members of the group whose "@Name" occurs
 * in the text (a removed mention in the text drops the id the editor remembered).
 */
export function mentionedIn(body: string, candidates: Array<{ id: string; name: string }>): string[] {
  const text = body.toLocaleLowerCase('de');
  return candidates
    .filter((c) => {
      const mention = `@${c.name.toLocaleLowerCase('de')}`;
      // "@Anna" is not mentioned by "@Annabelle": the name must end at a non-letter.
      for (let at = text.indexOf(mention); at >= 0; at = text.indexOf(mention, at + 1)) {
        if (!/[\p{L}\p{N}]/u.test(text.charAt(at + mention.length))) return true;
      }
      return false;
    })
    .map((c) => c.id);
}

/** Comments on tasks with @mentions of group members. */
@Injectable()
export class TaskCommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly domainEvents: DomainEvents,
  ) {}

  async add(actor: Actor, taskId: string, input: AddCommentDto, origin: AuditOrigin): Promise<TaskDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      // Locked: a comment cannot slip in while the task is being archived.
      const task = await this.tasks.visibleTask(manager, actor, taskId, undefined, { lock: true });
      if (task.archivedAt) {
        throw new DomainError('CONFLICT', 'Die Aufgabe ist gelöscht. Stellen Sie sie zuerst wieder her.');
      }
      const candidates: Array<{ id: string; name: string }> = input.mentionIds?.length
        ? await manager.query(
            `SELECT a.id, a.name FROM group_membership m JOIN account a ON a.id = m.account_id AND a.status = 'active'
              WHERE m.group_id = $1 AND m.status = 'active' AND a.id = ANY($2::uuid[])`,
            [task.groupId, input.mentionIds],
          )
        : [];
      const mentions = mentionedIn(input.body, candidates).filter((id) => id !== actor.accountId);
      const comment = await manager.save(
        manager.create(TaskComment, { taskId, authorId: actor.accountId, body: input.body, mentions }),
      );
      // A new comment is activity ("zuletzt geändert") but changes no field: no version bump.
      await manager.query(`UPDATE task SET updated_at = now() WHERE id = $1`, [taskId]);
      await refreshSearch(manager, taskId);
      await recordActivity(manager, taskId, actor.accountId, 'commented', { commentId: comment.id });
      if (mentions.length) {
        const events = new TaskEventBatch(taskId, actor.accountId, this.domainEvents);
        events.add('task.mentioned', { commentId: comment.id, mentionedIds: mentions });
        await events.flush(manager);
      }
      await this.audit.record(
        origin,
        {
          action: 'task.commented',
          subjectType: 'task',
          subjectId: taskId,
          details: { commentId: comment.id, mentions },
        },
        manager,
      );
    });
    return this.tasks.detail(actor, taskId);
  }
}
