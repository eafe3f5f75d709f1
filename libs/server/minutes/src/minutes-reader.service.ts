import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskStatus } from '@srp/contracts';
import { Actor } from '@srp/server/identity';
import { maySeeMeeting, meetingWithStanding } from '@srp/server/meetings';
import { AppConfig, DomainError, inParallel, renderMarkdown } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { mayManageMinutes, mayReadReleased, maySeeConfidential, minutesPermissions } from './access/minutes-access';
import { LoadedMinutes, loadMinutes, visibleMinutes } from './access/minutes-standing';
import { loadContent } from './document/load-content';
import { ContentEntry, entriesByItem, MinutesContent, MinutesSnapshot } from './document/minutes-content';
import { toMinutesDocument } from './document/to-minutes-document';
import { minutesToMarkdown, minutesToPdf } from './export';
import { MinutesApprovalDto, MinutesCommentDto, MinutesDto, MinutesEntryDto, OpenPointDto } from './minutes.dto';
import { minutesPath } from './release/action-item-task';
import { berlinDay } from './support/berlin-day';
import { fileSlug } from './support/file-slug';

/** Today's calendar date in Europe/Berlin, in SQL. */
const BERLIN_TODAY = `(now() AT TIME ZONE 'Europe/Berlin')::date`;

/** A downloadable export. */
export interface MinutesExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Read side of the minutes: the minutes as the actor may see them, exports, open points. */
@Injectable()
export class MinutesReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The minutes of a meeting (404 when there are none or the actor may not see them). */
  async byMeeting(actor: Actor, meetingId: string): Promise<MinutesDto> {
    const manager = this.dataSource.manager;
    return this.toDto(manager, actor, await visibleMinutes(manager, actor, { meetingId }));
  }

  /** The minutes by their id. */
  async detail(actor: Actor, id: string): Promise<MinutesDto> {
    const manager = this.dataSource.manager;
    return this.toDto(manager, actor, await visibleMinutes(manager, actor, { id }));
  }

  /** The released revision's frozen content. */
  async snapshot(manager: EntityManager, minutesId: string, revision: number): Promise<MinutesSnapshot> {
    const [row] = await manager.query(`SELECT snapshot FROM minutes_revision WHERE minutes_id = $1 AND revision = $2`, [
      minutesId,
      revision,
    ]);
    if (!row) throw new DomainError('NOT_FOUND');
    return row.snapshot as MinutesSnapshot;
  }

  /** The latest released revision as PDF or Markdown; confidential entries for managers only. */
  async export(actor: Actor, id: string, format: 'pdf' | 'md', confidential: boolean): Promise<MinutesExportFile> {
    const manager = this.dataSource.manager;
    const loaded = await visibleMinutes(manager, actor, { id });
    const latest = loaded.releases[0];
    if (!latest || !mayReadReleased(actor, loaded.standing, latest.publishLevel)) {
      throw new DomainError('NOT_FOUND');
    }
    if (confidential && !mayManageMinutes(actor, loaded.standing)) {
      throw new DomainError(
        'FORBIDDEN',
        'Mit vertraulichen Einträgen exportieren nur die Verantwortlichen der Sitzung und die Koordination.',
      );
    }
    const snapshot = await this.snapshot(manager, id, latest.revision);
    const tasks = await this.taskStatuses(manager, snapshot.entries);
    const doneTaskIds = new Set([...tasks].filter(([, status]) => status === 'done').map(([taskId]) => taskId));
    const doc = toMinutesDocument(snapshot, {
      pageUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}${minutesPath(snapshot.meeting.id)}`,
      doneTaskIds,
    });
    const options = { includeConfidential: confidential };
    const name = `protokoll-${fileSlug(snapshot.meeting.title)}-${berlinDay(new Date(snapshot.meeting.startsAt))}-fassung-${snapshot.revision}`;
    return format === 'pdf'
      ? { filename: `${name}.pdf`, contentType: 'application/pdf', body: await minutesToPdf(doc, options) }
      : {
          filename: `${name}.md`,
          contentType: 'text/markdown; charset=utf-8',
          body: Buffer.from(minutesToMarkdown(doc, options), 'utf8'),
        };
  }

  /**
   * "Offene Punkte aus der letzten Sitzung": the action items of the previous minutes of the series,
   * i.e. of the latest earlier meeting with released minutes, whose task is not done. The text is
   * the released revision's (a newer revision in draft stays with its writers); the task's state,
   * assignees and group are live. Confidential items only for those who manage that earlier
   * meeting's minutes.
   */
  async openPoints(actor: Actor, meetingId: string): Promise<OpenPointDto[]> {
    const manager = this.dataSource.manager;
    const found = await meetingWithStanding(manager, actor, meetingId);
    if (!found || !maySeeMeeting(actor, found.standing)) throw new DomainError('NOT_FOUND');
    if (!found.meeting.seriesId) return [];
    const [previous] = (await manager.query(
      `SELECT mt.id FROM meeting mt
         JOIN minutes mi ON mi.meeting_id = mt.id
        WHERE mt.series_id = $1 AND mt.status <> 'cancelled' AND mt.id <> $3
          AND (mt.starts_at, mt.id) < ($2::timestamptz, $3::uuid)
          AND EXISTS (SELECT 1 FROM minutes_revision r WHERE r.minutes_id = mi.id)
        ORDER BY mt.starts_at DESC, mt.id DESC LIMIT 1`,
      [found.meeting.seriesId, found.meeting.startsAt, meetingId],
    )) as { id: string }[];
    if (!previous) return [];
    const minutes = await loadMinutes(manager, actor, { meetingId: previous.id });
    const latest = minutes?.releases[0];
    if (!minutes || !latest || !mayReadReleased(actor, minutes.standing, latest.publishLevel)) return [];
    const snapshot = await this.snapshot(manager, minutes.minutes.id, latest.revision);
    const confidential = maySeeConfidential(actor, minutes.standing, minutes.state, 'released');
    const items = snapshot.entries.filter(
      (e) => e.kind === 'action_item' && e.taskId && (confidential || !e.confidential),
    );
    if (!items.length) return [];
    const tasks: Array<Record<string, unknown>> = await manager.query(
      `SELECT t.id, t.title, t.status, t.due_date::text AS due_date,
              (t.due_date IS NOT NULL AND t.due_date < ${BERLIN_TODAY}) AS overdue,
              g.id AS group_id, g.short_name,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name, a.id)
                          FROM task_assignee ta JOIN account a ON a.id = ta.account_id
                         WHERE ta.task_id = t.id), '[]'::json) AS assignees
         FROM task t JOIN working_group g ON g.id = t.group_id
        WHERE t.id = ANY($1::uuid[]) AND t.archived_at IS NULL AND t.status <> 'done'`,
      [items.map((e) => e.taskId)],
    );
    const byTask = new Map(tasks.map((t) => [t['id'] as string, t]));
    const titles = new Map(snapshot.items.map((i) => [i.id, i.title]));
    return items.flatMap((e) => {
      const t = byTask.get(e.taskId ?? '');
      if (!t) return [];
      return [
        {
          entryId: e.id,
          text: e.text,
          agendaItemTitle: (e.agendaItemId && titles.get(e.agendaItemId)) || null,
          meeting: { id: snapshot.meeting.id, title: snapshot.meeting.title },
          task: { id: t['id'] as string, title: t['title'] as string, status: t['status'] as TaskStatus },
          assignees: t['assignees'] as Array<{ id: string; name: string }>,
          dueDate: t['due_date'] as string | null,
          overdue: t['overdue'] as boolean,
          group: { id: t['group_id'] as string, shortName: t['short_name'] as string },
        },
      ];
    });
  }

  /** The minutes as the actor may see them: the working copy or the latest released revision. */
  async toDto(manager: EntityManager, actor: Actor, loaded: LoadedMinutes): Promise<MinutesDto> {
    const { minutes, standing, state, view, releases } = loaded;
    const released = view === 'released';
    // Released minutes are frozen for everyone, writers included: attendance, agenda and entries
    // come from the revision's snapshot, never from the live tables that may change afterwards.
    const frozen = released || minutes.status === 'released';
    const content: MinutesContent | MinutesSnapshot = frozen
      ? await this.snapshot(manager, minutes.id, releases[0].revision)
      : await loadContent(manager, minutes);
    const revision = released ? (content as MinutesSnapshot).revision : minutes.revision;
    // Review comments are the attendees' and writers' working discussion, not part of the text.
    const seesComments = !released && (mayManageMinutes(actor, standing) || standing.attended);
    const changeNote = !released && minutes.status !== 'released' ? minutes.pendingChangeNote : null;
    const [tasks, approvals, comments] = await inParallel(manager, [
      () => this.taskStatuses(manager, content.entries),
      () =>
        manager.query(
          `SELECT a.account_id AS id, p.name, a.approved_at FROM minutes_approval a JOIN account p ON p.id = a.account_id
          WHERE a.minutes_id = $1 AND a.revision = $2 ORDER BY a.approved_at, p.name`,
          [minutes.id, revision],
        ) as Promise<Array<{ id: string; name: string; approved_at: Date }>>,
      () =>
        seesComments
          ? (manager.query(
              `SELECT c.id, c.body, c.revision, c.created_at, a.id AS author_id, a.name AS author_name
               FROM minutes_comment c LEFT JOIN account a ON a.id = c.author_id
              WHERE c.minutes_id = $1 ORDER BY c.created_at, c.id`,
              [minutes.id],
            ) as Promise<Array<Record<string, unknown>>>)
          : Promise.resolve([] as Array<Record<string, unknown>>),
    ]);
    const approvalDtos: MinutesApprovalDto[] = approvals.map((a) => ({
      person: { id: a.id, name: a.name },
      approvedAt: a.approved_at.toISOString(),
    }));
    const showConfidential = maySeeConfidential(actor, standing, state, view);
    const entry = (e: ContentEntry): MinutesEntryDto => {
      const status = e.taskId ? tasks.get(e.taskId) : undefined;
      return {
        id: e.id,
        kind: e.kind,
        text: e.text,
        textHtml: renderMarkdown(e.text),
        confidential: e.confidential,
        assignees: e.assignees,
        dueDate: e.dueDate,
        group: e.group,
        task: e.taskId && status ? { id: e.taskId, status, done: status === 'done' } : null,
      };
    };
    const visible = { ...content, entries: content.entries.filter((e) => showConfidential || !e.confidential) };
    const { byItem, outside } = entriesByItem(visible);
    const meeting = content.meeting;
    const commentDtos: MinutesCommentDto[] = comments.map((c) => ({
      id: c['id'] as string,
      author: c['author_id'] ? { id: c['author_id'] as string, name: c['author_name'] as string } : null,
      body: c['body'] as string,
      bodyHtml: renderMarkdown(c['body'] as string),
      revision: c['revision'] as number,
      createdAt: (c['created_at'] as Date).toISOString(),
    }));
    return {
      id: minutes.id,
      meetingId: minutes.meetingId,
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kind: meeting.kind,
        status: meeting.status,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        hostGroup: meeting.hostGroup,
      },
      status: released ? 'released' : minutes.status,
      revision,
      revisionInProgress: minutes.status !== 'released' && releases.length > 0,
      version: minutes.version,
      publishLevel: content.publishLevel,
      reviewDeadline: released ? null : minutes.reviewDeadline,
      pendingChangeNote: changeNote,
      generalNotes: content.generalNotes,
      generalNotesHtml: renderMarkdown(content.generalNotes),
      items: content.items.map((item) => ({
        id: item.id,
        number: item.number,
        title: item.title,
        presenter: item.presenter,
        notes: item.notes,
        notesHtml: renderMarkdown(item.notes),
        entries: (byItem.get(item.id) ?? []).map(entry),
      })),
      entries: outside.map(entry),
      attendance: content.attendance,
      approvals: approvalDtos,
      expectedApprovers: content.attendance.filter((a) => a.status === 'present').length,
      comments: commentDtos,
      revisions: releases.map((r) => ({
        revision: r.revision,
        releasedAt: r.releasedAt.toISOString(),
        releasedBy: r.releasedBy,
        changeNote: r.changeNote,
      })),
      permissions: minutesPermissions(actor, standing, state, view, {
        approvedByMe: approvals.some((a) => a.id === actor.accountId),
        today: berlinDay(new Date()),
      }),
    };
  }

  /** Current status of the entries' tasks (one query); deleted tasks are missing. */
  private async taskStatuses(manager: EntityManager, entries: ContentEntry[]): Promise<Map<string, TaskStatus>> {
    const ids = [...new Set(entries.flatMap((e) => (e.taskId ? [e.taskId] : [])))];
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; status: TaskStatus }> = await manager.query(
      `SELECT id, status FROM task WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }
}
