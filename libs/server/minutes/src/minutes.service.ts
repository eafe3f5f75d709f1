import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MinutesEntryKind, MinutesStatus } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService } from '@srp/server/identity';
import { mayManageMeeting, maySeeMeeting, meetingWithStanding } from '@srp/server/meetings';
import { DomainError, FieldError, inParallel, DomainEvents } from '@srp/server/platform';
import { mayEditTasks, TasksService } from '@srp/server/tasks';
import { DataSource, EntityManager } from 'typeorm';
import { mayManageMinutes, reviewClosed } from './access/minutes-access';
import { LoadedMinutes, visibleMinutes } from './access/minutes-standing';
import { loadContent, storedEntries } from './document/load-content';
import { MinutesSnapshot } from './document/minutes-content';
import { entryChanged, mergeEntries, normaliseItemNotes, reviewDeadlineError } from './editing/entry-input';
import { Minutes } from './entities/minutes.entity';
import { MinutesReader } from './minutes-reader.service';
import { AddMinutesCommentDto, MinutesDto, ReviseMinutesDto, SaveMinutesDto, SubmitMinutesDto } from './minutes.dto';
import { actionItemDescription, actionItemLabel, actionItemTitle } from './release/action-item-task';
import { berlinDay, germanDay } from './support/berlin-day';

/** How the status reads in a sentence ("Das Protokoll ist …"). */
const STATUS_PHRASES: Record<MinutesStatus, string> = {
  draft: 'ein Entwurf',
  in_review: 'in Abstimmung',
  released: 'freigegeben',
};

const MANAGERS_ONLY =
  'Das Protokoll schreiben und verantworten die Organisatorin oder der Organisator der Sitzung, ' +
  'die Sprecherinnen und Sprecher der ausrichtenden Gruppe und die Koordination.';

/** An action item as far as creating its task is concerned; its index names the field in errors. */
interface PendingActionItem {
  kind: MinutesEntryKind;
  taskId: string | null;
  groupId: string | null;
  assigneeIds: string[];
}

/** Minutes: create, autosave the draft, review (submit, reopen, approve, comment), release, revise. */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly reader: MinutesReader,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** Starts the minutes of a meeting (its managers; not for a cancelled meeting; one per meeting). */
  async create(actor: Actor, meetingId: string, origin: AuditOrigin): Promise<MinutesDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const found = await meetingWithStanding(manager, actor, meetingId);
      if (!found || !maySeeMeeting(actor, found.standing)) throw new DomainError('NOT_FOUND');
      if (!mayManageMeeting(actor, found.standing)) throw new DomainError('FORBIDDEN', MANAGERS_ONLY);
      if (found.meeting.status === 'cancelled') {
        throw new DomainError('CONFLICT', 'Die Sitzung ist abgesagt; für sie wird kein Protokoll geschrieben.');
      }
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO minutes (meeting_id, updated_by, version) VALUES ($1, $2, 1)
         ON CONFLICT (meeting_id) DO NOTHING RETURNING id`,
        [meetingId, actor.accountId],
      );
      if (!rows.length) throw new DomainError('CONFLICT', 'Für diese Sitzung gibt es bereits ein Protokoll.');
      await this.audit.record(
        origin,
        { action: 'minutes.created', subjectType: 'minutes', subjectId: rows[0].id, details: { meetingId } },
        manager,
      );
      return rows[0].id;
    });
    return this.reader.detail(actor, id);
  }

  /**
   * Saves the whole draft (the editor's autosave): notes, publish level and every entry in order.
   * A save that changes nothing leaves the version alone.
   */
  async save(actor: Actor, id: string, input: SaveMinutesDto, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const { minutes } = await this.lockForManager(manager, actor, id);
      this.assertStatus(minutes, 'draft', 'und kann nicht bearbeitet werden.');
      this.assertVersion(minutes, input.version);

      const agendaRows: Array<{ id: string }> = await manager.query(
        `SELECT id FROM agenda_item WHERE meeting_id = $1`,
        [minutes.meetingId],
      );
      const agendaIds = new Set(agendaRows.map((r) => r.id));
      const itemNotes = normaliseItemNotes(input.itemNotes);
      const errors: FieldError[] = Object.keys(itemNotes)
        .filter((key) => !agendaIds.has(key))
        .map((key) => ({
          field: `itemNotes.${key}`,
          code: 'invalid',
          message: 'Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.',
        }));
      const stored = await storedEntries(manager, minutes.id);
      const merged = mergeEntries(input.entries, stored, agendaIds, randomUUID);
      errors.push(
        ...merged.errors,
        ...(await this.actionItemErrors(manager, actor, merged.entries, false, { allowMissingGroup: true })),
      );
      if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
      const withTask = merged.removed.filter((e) => e.taskId);
      if (withTask.length) {
        throw new DomainError(
          'CONFLICT',
          `Aus ${withTask.length === 1 ? 'diesem Eintrag wurde' : 'diesen Einträgen wurden'} bereits Aufgaben angelegt; ` +
            `${withTask.length === 1 ? 'er bleibt' : 'sie bleiben'} im Protokoll: ${withTask.map((e) => `„${shorten(e.text)}“`).join(', ')}.`,
          { entryIds: withTask.map((e) => e.id) },
        );
      }

      const before = new Map(stored.map((e) => [e.id, e]));
      const written = merged.entries.filter((e) => {
        const previous = before.get(e.id);
        return !previous || entryChanged(previous, e);
      });
      const changed = [
        ...(input.generalNotes !== minutes.generalNotes ? ['generalNotes'] : []),
        ...(JSON.stringify(itemNotes) !== JSON.stringify(normaliseItemNotes(minutes.itemNotes)) ? ['itemNotes'] : []),
        ...(input.publishLevel !== minutes.publishLevel ? ['publishLevel'] : []),
        ...(written.length || merged.removed.length ? ['entries'] : []),
      ];
      if (!changed.length) return;

      if (merged.removed.length) {
        await manager.query(`DELETE FROM minutes_entry WHERE minutes_id = $1 AND id = ANY($2::uuid[])`, [
          minutes.id,
          merged.removed.map((e) => e.id),
        ]);
      }
      if (written.length) {
        await manager.query(
          `INSERT INTO minutes_entry (id, minutes_id, agenda_item_id, position, kind, text, confidential,
                                      assignee_ids, due_date, group_id)
           SELECT x.id, $1, x.agenda_item_id, x.position, x.kind, x.text, x.confidential, x.assignee_ids, x.due_date, x.group_id
             FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, agenda_item_id uuid, position double precision, kind text,
                  text text, confidential boolean, assignee_ids uuid[], due_date date, group_id uuid)
           ON CONFLICT (id) DO UPDATE SET agenda_item_id = EXCLUDED.agenda_item_id, position = EXCLUDED.position,
                  kind = EXCLUDED.kind, text = EXCLUDED.text, confidential = EXCLUDED.confidential,
                  assignee_ids = EXCLUDED.assignee_ids, due_date = EXCLUDED.due_date, group_id = EXCLUDED.group_id,
                  updated_at = now()
            WHERE minutes_entry.minutes_id = $1`,
          [
            minutes.id,
            JSON.stringify(
              written.map((e) => ({
                id: e.id,
                agenda_item_id: e.agendaItemId,
                position: e.position,
                kind: e.kind,
                text: e.text,
                confidential: e.confidential,
                assignee_ids: e.assigneeIds,
                due_date: e.dueDate,
                group_id: e.groupId,
              })),
            ),
          ],
        );
      }
      await manager.query(
        `UPDATE minutes SET general_notes = $2, item_notes = $3::jsonb, publish_level = $4, updated_by = $5,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [minutes.id, input.generalNotes, JSON.stringify(itemNotes), input.publishLevel, actor.accountId],
      );
      // The text itself stays out of the audit log (autosave writes often): which parts changed, and how much.
      await this.audit.record(
        origin,
        {
          action: 'minutes.saved',
          subjectType: 'minutes',
          subjectId: minutes.id,
          details: {
            changed,
            entryCount: merged.entries.length,
            entriesAdded: written.filter((e) => !before.has(e.id)).length,
            entriesChanged: written.filter((e) => before.has(e.id)).length,
            entriesRemoved: merged.removed.length,
            ...(changed.includes('publishLevel') ? { publishLevel: input.publishLevel } : {}),
            version: minutes.version + 1,
          },
        },
        manager,
      );
    });
    return this.reader.detail(actor, id);
  }

  /** Sends the draft to review with a deadline; action items are checked now, not on release. */
  async submit(actor: Actor, id: string, input: SubmitMinutesDto, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const { minutes } = await this.lockForManager(manager, actor, id);
      this.assertStatus(minutes, 'draft', 'und kann nicht zur Abstimmung gegeben werden.');
      this.assertVersion(minutes, input.version);
      const deadlineError = reviewDeadlineError(input.reviewDeadline, berlinDay(new Date()));
      const errors = deadlineError ? [deadlineError] : [];
      errors.push(...(await this.actionItemErrors(manager, actor, await storedEntries(manager, minutes.id), false)));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
      await this.persistStatus(manager, actor, minutes, {
        status: 'in_review',
        review_deadline: input.reviewDeadline,
        submitted_at: new Date(),
      });
      await this.record(manager, origin, minutes, 'minutes.submitted', {
        revision: minutes.revision,
        reviewDeadline: input.reviewDeadline,
      });
    });
    return this.reader.detail(actor, id);
  }

  /**
   * Takes the minutes back from review into the draft. The approvals given so far are removed:
   * they were for a text that is about to change.
   */
  async reopen(actor: Actor, id: string, version: number, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const { minutes } = await this.lockForManager(manager, actor, id);
      this.assertStatus(minutes, 'in_review', '; zurückholen lässt sich nur ein Protokoll in Abstimmung.');
      this.assertVersion(minutes, version);
      const [, removed] = await manager.query(`DELETE FROM minutes_approval WHERE minutes_id = $1 AND revision = $2`, [
        minutes.id,
        minutes.revision,
      ]);
      await this.persistStatus(manager, actor, minutes, { status: 'draft', review_deadline: null, submitted_at: null });
      await this.record(manager, origin, minutes, 'minutes.reopened', {
        revision: minutes.revision,
        approvalsRemoved: Number(removed ?? 0),
      });
    });
    return this.reader.detail(actor, id);
  }

  /** An attendee approves the revision in review (once, until the deadline). */
  async approve(actor: Actor, id: string, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await visibleMinutes(manager, actor, { id }, 'share');
      const { minutes } = loaded;
      if (minutes.status !== 'in_review') {
        throw new DomainError(
          'CONFLICT',
          `Das Protokoll ist ${STATUS_PHRASES[minutes.status]}; zustimmen lässt sich nur einem Protokoll in Abstimmung.`,
          { status: minutes.status },
        );
      }
      if (!loaded.standing.attended) {
        throw new DomainError('FORBIDDEN', 'Zustimmen können die Teilnehmenden der Sitzung.');
      }
      if (reviewClosed(loaded.state, berlinDay(new Date()))) {
        throw new DomainError(
          'CONFLICT',
          `Die Frist zur Abstimmung ist am ${germanDay(minutes.reviewDeadline ?? '')} abgelaufen.`,
        );
      }
      const rows = await manager.query(
        `INSERT INTO minutes_approval (minutes_id, revision, account_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING account_id`,
        [minutes.id, minutes.revision, actor.accountId],
      );
      if (!rows.length) throw new DomainError('CONFLICT', 'Sie haben dieser Fassung bereits zugestimmt.');
      await this.record(manager, origin, minutes, 'minutes.approved', { revision: minutes.revision });
    });
    return this.reader.detail(actor, id);
  }

  /** A comment on the draft (its writers) or on the minutes in review (writers and attendees). */
  async comment(actor: Actor, id: string, input: AddMinutesCommentDto, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await visibleMinutes(manager, actor, { id }, 'share');
      const { minutes, standing } = loaded;
      if (minutes.status === 'released') {
        throw new DomainError('CONFLICT', 'Ein freigegebenes Protokoll wird nicht mehr kommentiert.', {
          status: minutes.status,
        });
      }
      const manage = mayManageMinutes(actor, standing);
      const allowed = loaded.view === 'working' && (manage || (minutes.status === 'in_review' && standing.attended));
      if (!allowed) {
        throw new DomainError(
          'FORBIDDEN',
          'Kommentieren können die Teilnehmenden, solange das Protokoll in Abstimmung ist.',
        );
      }
      const [row] = await manager.query(
        `INSERT INTO minutes_comment (minutes_id, revision, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
        [minutes.id, minutes.revision, actor.accountId, input.body],
      );
      await this.record(manager, origin, minutes, 'minutes.commented', {
        commentId: row.id,
        revision: minutes.revision,
      });
    });
    return this.reader.detail(actor, id);
  }

  /**
   * Releases the minutes, all in one transaction: every action item without a task becomes one in
   * its group (linked both ways), the revision's text is frozen, and the decision register gets
   * this revision's decisions instead of the previous one's.
   */
  async release(actor: Actor, id: string, version: number, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const { minutes } = await this.lockForManager(manager, actor, id);
      this.assertStatus(minutes, 'in_review', '; freigeben lässt sich nur ein Protokoll in Abstimmung.');
      this.assertVersion(minutes, version);
      const content = await loadContent(manager, minutes);
      const pending = content.entries.map((e) => ({
        kind: e.kind,
        taskId: e.taskId,
        groupId: e.group?.id ?? null,
        assigneeIds: e.assignees.map((a) => a.id),
      }));
      const errors = await this.actionItemErrors(manager, actor, pending, true);
      if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);

      const meetingDay = berlinDay(new Date(content.meeting.startsAt));
      const numbers = new Map(content.items.map((item) => [item.id, item.number]));
      const created: Array<{ entryId: string; taskId: string }> = [];
      for (const entry of content.entries) {
        if (entry.kind !== 'action_item' || entry.taskId || !entry.group) continue;
        const source = {
          meetingId: content.meeting.id,
          meetingTitle: content.meeting.title,
          meetingDay,
          itemNumber: (entry.agendaItemId && numbers.get(entry.agendaItemId)) || null,
          text: entry.text,
          confidential: entry.confidential,
        };
        const task = await this.tasks.create(
          actor,
          {
            groupId: entry.group.id,
            title: actionItemTitle(entry.text),
            description: actionItemDescription(source),
            assigneeIds: entry.assignees.map((a) => a.id),
            dueDate: entry.dueDate,
          },
          origin,
          { origin: { kind: 'minutes_action_item', id: entry.id, label: actionItemLabel(source) }, manager },
        );
        entry.taskId = task.id;
        created.push({ entryId: entry.id, taskId: task.id });
      }
      if (created.length) {
        await manager.query(
          `UPDATE minutes_entry e SET task_id = x.task_id, updated_at = now()
             FROM jsonb_to_recordset($2::jsonb) AS x(entry_id uuid, task_id uuid)
            WHERE e.id = x.entry_id AND e.minutes_id = $1`,
          [minutes.id, JSON.stringify(created.map((c) => ({ entry_id: c.entryId, task_id: c.taskId })))],
        );
      }

      const releasedAt = new Date();
      const [releaser] = await manager.query(`SELECT id, name FROM account WHERE id = $1`, [actor.accountId]);
      const changeNote = minutes.pendingChangeNote;
      const snapshot: MinutesSnapshot = {
        format: 1,
        ...content,
        revision: minutes.revision,
        releasedAt: releasedAt.toISOString(),
        releasedBy: releaser ? { id: releaser.id, name: releaser.name } : null,
        changeNote,
      };
      await manager.query(
        `INSERT INTO minutes_revision (minutes_id, revision, snapshot, change_note, released_at, released_by)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
        [minutes.id, minutes.revision, JSON.stringify(snapshot), changeNote, releasedAt, actor.accountId],
      );
      const titles = new Map(content.items.map((item) => [item.id, item.title]));
      const decisions = content.entries
        .filter((e) => e.kind === 'decision')
        .map((e) => ({
          entry_id: e.id,
          agenda_item_title: (e.agendaItemId && titles.get(e.agendaItemId)) || null,
          text: e.text,
          confidential: e.confidential,
        }));
      await manager.query(`DELETE FROM decision WHERE minutes_id = $1`, [minutes.id]);
      if (decisions.length) {
        await manager.query(
          `INSERT INTO decision (minutes_id, meeting_id, entry_id, revision, group_id, agenda_item_title, text,
                                 confidential, decided_on, publish_level)
           SELECT $1, $2, x.entry_id, $3, $4, x.agenda_item_title, x.text, x.confidential, $5::date, $6
             FROM jsonb_to_recordset($7::jsonb) AS x(entry_id uuid, agenda_item_title text, text text, confidential boolean)`,
          [
            minutes.id,
            minutes.meetingId,
            minutes.revision,
            content.meeting.hostGroup?.id ?? null,
            meetingDay,
            minutes.publishLevel,
            JSON.stringify(decisions),
          ],
        );
      }
      await this.persistStatus(manager, actor, minutes, {
        status: 'released',
        released_at: releasedAt,
        released_by: actor.accountId,
        pending_change_note: null,
      });
      await this.record(manager, origin, minutes, 'minutes.released', {
        revision: minutes.revision,
        taskIds: created.map((c) => c.taskId),
        decisionCount: decisions.length,
        publishLevel: minutes.publishLevel,
      });
    });
    return this.reader.detail(actor, id);
  }

  /**
   * Opens the next revision of released minutes as a draft. The released text stays as it is
   * (exports, decision register) until the new revision is released.
   */
  async revise(actor: Actor, id: string, input: ReviseMinutesDto, origin: AuditOrigin): Promise<MinutesDto> {
    await this.dataSource.transaction(async (manager) => {
      const { minutes } = await this.lockForManager(manager, actor, id);
      this.assertStatus(minutes, 'released', '; überarbeiten lässt sich nur ein freigegebenes Protokoll.');
      this.assertVersion(minutes, input.version);
      const revision = minutes.revision + 1;
      await this.persistStatus(manager, actor, minutes, {
        status: 'draft',
        revision,
        review_deadline: null,
        submitted_at: null,
        pending_change_note: input.changeNote.trim(),
      });
      await this.record(manager, origin, minutes, 'minutes.revised', {
        revision,
        changeNote: input.changeNote.trim(),
      });
    });
    return this.reader.detail(actor, id);
  }

  /** The minutes, locked for a change by one of their managers (404 unseen, 403 not a manager). */
  private async lockForManager(manager: EntityManager, actor: Actor, id: string): Promise<LoadedMinutes> {
    const loaded = await visibleMinutes(manager, actor, { id }, 'update');
    if (!mayManageMinutes(actor, loaded.standing)) throw new DomainError('FORBIDDEN', MANAGERS_ONLY);
    return loaded;
  }

  private assertStatus(minutes: Minutes, wanted: MinutesStatus, rest: string): void {
    if (minutes.status !== wanted) {
      const separator = rest.startsWith(';') ? '' : ' ';
      throw new DomainError('CONFLICT', `Das Protokoll ist ${STATUS_PHRASES[minutes.status]}${separator}${rest}`, {
        status: minutes.status,
      });
    }
  }

  private assertVersion(minutes: Minutes, version: number): void {
    if (minutes.version !== version) {
      throw new DomainError(
        'CONFLICT',
        'Das Protokoll wurde inzwischen von jemand anderem geändert. Bitte laden Sie es neu.',
        { currentVersion: minutes.version },
      );
    }
  }

  /** Writes status columns and raises the version (optimistic locking). */
  private async persistStatus(
    manager: EntityManager,
    actor: Actor,
    minutes: Minutes,
    columns: Record<string, unknown>,
  ): Promise<void> {
    const names = Object.keys(columns);
    await manager.query(
      `UPDATE minutes SET ${names.map((name, i) => `${name} = $${i + 3}`).join(', ')},
              updated_by = $2, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [minutes.id, actor.accountId, ...Object.values(columns)],
    );
  }

  private async record(
    manager: EntityManager,
    origin: AuditOrigin,
    minutes: Minutes,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(origin, { action, subjectType: 'minutes', subjectId: minutes.id, details }, manager);
    // Reminders follow the review: who must approve, who was reminded, who hears of the release.
    const actorId = origin.actorId ?? '';
    if (action === 'minutes.approved') {
      await this.domainEvents.emit(manager, { type: action, minutesId: minutes.id, accountId: actorId });
    } else if (action === 'minutes.submitted' || action === 'minutes.reopened' || action === 'minutes.released') {
      await this.domainEvents.emit(manager, { type: action, minutesId: minutes.id, actorId });
    }
  }

  /**
   * Checks the action items that still need their task, against the database: the group exists
   * and is active, the assignees are active members of it, and (on release) the actor may create
   * tasks there. Field errors name the entry by its index (`entries.2.groupId`).
   */
  private async actionItemErrors(
    manager: EntityManager,
    actor: Actor,
    entries: PendingActionItem[],
    checkActor: boolean,
    options: { allowMissingGroup?: boolean } = {},
  ): Promise<FieldError[]> {
    const pending = entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.kind === 'action_item' && !entry.taskId);
    if (!pending.length) return [];
    const groupIds = [...new Set(pending.flatMap(({ entry }) => (entry.groupId ? [entry.groupId] : [])))];
    const accountIds = [...new Set([...pending.flatMap(({ entry }) => entry.assigneeIds), actor.accountId])];
    const [groups, members] = await inParallel(manager, [
      () =>
        manager.query(`SELECT id, status, short_name FROM working_group WHERE id = ANY($1::uuid[])`, [
          groupIds,
        ]) as Promise<Array<{ id: string; status: string; short_name: string }>>,
      () =>
        manager.query(
          `SELECT m.group_id, m.account_id FROM group_membership m
           JOIN account a ON a.id = m.account_id AND a.status = 'active'
          WHERE m.group_id = ANY($1::uuid[]) AND m.status = 'active' AND m.account_id = ANY($2::uuid[])`,
          [groupIds, accountIds],
        ) as Promise<Array<{ group_id: string; account_id: string }>>,
    ]);
    const byId = new Map(groups.map((g) => [g.id, g]));
    const membership = new Set(members.map((m) => `${m.group_id}:${m.account_id}`));
    const errors: FieldError[] = [];
    for (const { entry, index } of pending) {
      const error = (field: string, message: string) =>
        errors.push({ field: `entries.${index}.${field}`, code: 'invalid', message });
      if (!entry.groupId && options.allowMissingGroup) continue;
      const group = entry.groupId ? byId.get(entry.groupId) : undefined;
      if (!group) {
        error('groupId', 'Bitte wählen Sie die Arbeitsgruppe, in der die Aufgabe angelegt wird.');
        continue;
      }
      if (group.status !== 'active') {
        error(
          'groupId',
          `Die Arbeitsgruppe „${group.short_name}“ ist archiviert; dort sind keine neuen Aufgaben möglich.`,
        );
        continue;
      }
      if (entry.assigneeIds.some((accountId) => !membership.has(`${group.id}:${accountId}`))) {
        error('assigneeIds', `Zuständig sein können nur aktive Mitglieder der Arbeitsgruppe „${group.short_name}“.`);
      }
      const groupRole = membership.has(`${group.id}:${actor.accountId}`) ? 'member' : null;
      if (checkActor && !mayEditTasks(actor, { groupRole })) {
        error(
          'groupId',
          `In der Arbeitsgruppe „${group.short_name}“ legen deren Mitglieder und die Koordination Aufgaben an. ` +
            'Bitten Sie die Koordination, das Protokoll freizugeben.',
        );
      }
    }
    return errors;
  }
}

/** The start of an entry's text for a message. */
function shorten(text: string): string {
  const line = text.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
