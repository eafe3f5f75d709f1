import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditOrigin, AuditService } from '@srp/server/identity';
import { DomainError } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { mayAnswerMeeting, mayManageMeeting, maySeeMeeting } from '../access/meeting-access';
import { meetingWithStanding } from '../access/meeting-standing';
import { AgendaItem } from '../entities/agenda-item.entity';
import { Meeting } from '../entities/meeting.entity';
import { assertMinutesOpen, assertVersion, invalid, visibleMeeting } from '../meeting-support';
import {
  AgendaItemInputDto,
  DecideAgendaItemDto,
  MoveAgendaItemDto,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
} from '../meetings.dto';
import { MEETING_LIMITS } from '@srp/contracts';

const AGENDA = 'die Tagesordnung';

/** The agenda: items by the organiser, proposals by invitees (call for agenda items), decisions, order. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Organisers add accepted items; invitees propose items while the call for items is open. */
  async add(actor: Actor, meetingId: string, input: AgendaItemInputDto, origin: AuditOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const { standing } = await visibleMeeting(manager, actor, meetingId, maySeeMeeting, { lock: true });
      const meeting = await manager.findOneByOrFail(Meeting, { id: meetingId });
      if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
      await assertMinutesOpen(manager, meetingId, AGENDA);
      const manage = mayManageMeeting(actor, standing);
      if (!manage) {
        if (!mayAnswerMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
        if (!meeting.callForItems || meeting.startsAt.getTime() <= Date.now()) {
          throw new DomainError('CONFLICT', 'Für diesen Termin werden keine Themen mehr gesammelt.');
        }
      }
      await this.assertRoom(manager, meetingId);
      const item = await manager.save(
        manager.create(AgendaItem, {
          meetingId,
          ...this.fields(input),
          status: manage ? 'accepted' : 'proposed',
          position: manage ? await this.endPosition(manager, meetingId) : 0,
          proposedBy: actor.accountId,
          decidedBy: manage ? actor.accountId : null,
          decidedAt: manage ? new Date() : null,
        }),
      );
      await this.bumpAgenda(manager, meetingId);
      await this.audit.record(
        origin,
        {
          action: manage ? 'agenda_item.added' : 'agenda_item.proposed',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: { agendaItemId: item.id, after: { ...input, notes: undefined } },
        },
        manager,
      );
      return item.id;
    });
  }

  /** Changes an item: organisers any, proposers their own while it waits for a decision. */
  async update(actor: Actor, itemId: string, input: UpdateAgendaItemDto, origin: AuditOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const { item, manage } = await this.itemForChange(manager, actor, itemId);
      assertVersion(item.version, input.version, 'Der Tagesordnungspunkt');
      const before = { title: item.title, presenter: item.presenter, plannedMinutes: item.plannedMinutes };
      Object.assign(item, this.fields(input));
      await manager.save(item);
      await this.bumpAgenda(manager, item.meetingId);
      await this.audit.record(
        origin,
        {
          action: 'agenda_item.updated',
          subjectType: 'meeting',
          subjectId: item.meetingId,
          details: {
            agendaItemId: itemId,
            by: manage ? 'organizer' : 'proposer',
            before,
            after: { ...input, notes: undefined },
          },
        },
        manager,
      );
      return item.meetingId;
    });
  }

  /** Accepts (appended to the agenda) or rejects (with a note for the proposer) a proposal. */
  async decide(actor: Actor, itemId: string, input: DecideAgendaItemDto, origin: AuditOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const { item, manage } = await this.itemForChange(manager, actor, itemId);
      if (!manage) throw new DomainError('FORBIDDEN');
      assertVersion(item.version, input.version, 'Der Tagesordnungspunkt');
      if (item.status !== 'proposed')
        throw new DomainError('CONFLICT', 'Über diesen Vorschlag wurde bereits entschieden.');
      item.status = input.decision === 'accept' ? 'accepted' : 'rejected';
      item.decisionNote = input.note?.trim() || null;
      item.decidedBy = actor.accountId;
      item.decidedAt = new Date();
      if (item.status === 'accepted') item.position = await this.endPosition(manager, item.meetingId);
      await manager.save(item);
      await this.bumpAgenda(manager, item.meetingId);
      await this.audit.record(
        origin,
        {
          action: input.decision === 'accept' ? 'agenda_item.accepted' : 'agenda_item.rejected',
          subjectType: 'meeting',
          subjectId: item.meetingId,
          details: { agendaItemId: itemId, note: item.decisionNote },
        },
        manager,
      );
      return item.meetingId;
    });
  }

  /** Removes an item (organisers) or withdraws a proposal (its proposer). */
  async remove(actor: Actor, itemId: string, version: number, origin: AuditOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const { item } = await this.itemForChange(manager, actor, itemId);
      assertVersion(item.version, version, 'Der Tagesordnungspunkt');
      await this.assertNotInMinutes(manager, item.meetingId, itemId, 'remove');
      await manager.delete(AgendaItem, { id: itemId });
      await this.bumpAgenda(manager, item.meetingId);
      await this.audit.record(
        origin,
        {
          action: 'agenda_item.removed',
          subjectType: 'meeting',
          subjectId: item.meetingId,
          details: { agendaItemId: itemId, before: { title: item.title, status: item.status } },
        },
        manager,
      );
      return item.meetingId;
    });
  }

  /**
   * Moves an accepted item or a proposal to another meeting the actor plans (typically the next
   * one of the series). It keeps its status: a proposal waits for the target's decision, an
   * accepted item becomes the target's last TOP. Returns the source meeting's id.
   */
  async move(actor: Actor, itemId: string, input: MoveAgendaItemDto, origin: AuditOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [ref] = (await manager.query(`SELECT meeting_id AS "meetingId" FROM agenda_item WHERE id = $1`, [
        itemId,
      ])) as { meetingId: string }[];
      if (!ref) throw new DomainError('NOT_FOUND');
      const sourceId = ref.meetingId;
      const targetId = input.targetMeetingId;
      // Both rows in id order: two moves in opposite directions must not wait for each other forever.
      const locked = new Map<string, Awaited<ReturnType<typeof meetingWithStanding>>>();
      for (const id of [...new Set([sourceId, targetId])].sort()) {
        locked.set(id, await meetingWithStanding(manager, actor, id, { lock: true }));
      }
      const source = locked.get(sourceId);
      if (!source || !maySeeMeeting(actor, source.standing)) throw new DomainError('NOT_FOUND');
      // Read again under the lock: a change committed meanwhile is seen and answered with 409.
      const item = await manager.findOneBy(AgendaItem, { id: itemId });
      if (!item) throw new DomainError('NOT_FOUND');
      if (item.meetingId !== sourceId) {
        throw new DomainError(
          'CONFLICT',
          'Der Tagesordnungspunkt wurde inzwischen auf einen anderen Termin verschoben. Bitte laden Sie neu.',
        );
      }
      if (!mayManageMeeting(actor, source.standing)) {
        // Someone else's proposal is not shown to other invitees: 404, as if it did not exist.
        const shown = item.status === 'accepted' || item.proposedBy === actor.accountId;
        throw new DomainError(shown ? 'FORBIDDEN' : 'NOT_FOUND');
      }
      assertVersion(item.version, input.version, 'Der Tagesordnungspunkt');
      if (targetId === sourceId) throw invalid('targetMeetingId', 'Der Punkt steht bereits auf diesem Termin.');
      const target = locked.get(targetId);
      // The same answer for an unknown, an invisible and a visible but not planned meeting.
      if (!target || !mayManageMeeting(actor, target.standing)) {
        throw invalid('targetMeetingId', 'Diesen Termin gibt es nicht oder Sie planen ihn nicht.');
      }
      if (item.status === 'rejected') {
        throw new DomainError('CONFLICT', 'Ein abgelehnter Vorschlag lässt sich nicht verschieben.');
      }
      if (source.meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
      if (target.meeting.status === 'cancelled') {
        throw new DomainError('CONFLICT', 'Der gewählte Termin ist abgesagt. Bitte wählen Sie einen anderen.');
      }
      if (target.meeting.startsAt.getTime() <= Date.now()) {
        throw new DomainError('CONFLICT', 'Der gewählte Termin hat bereits begonnen. Bitte wählen Sie einen anderen.');
      }
      await assertMinutesOpen(manager, sourceId, AGENDA);
      await assertMinutesOpen(manager, targetId, 'die Tagesordnung des gewählten Termins');
      await this.assertNotInMinutes(manager, sourceId, itemId, 'move');
      await this.assertRoom(manager, targetId);

      item.meetingId = targetId;
      item.position = item.status === 'accepted' ? await this.endPosition(manager, targetId) : 0;
      item.decisionNote = null;
      await manager.save(item);
      await this.bumpAgenda(manager, sourceId);
      await this.bumpAgenda(manager, targetId);
      await this.audit.record(
        origin,
        {
          action: 'agenda_item.moved',
          subjectType: 'meeting',
          subjectId: sourceId,
          details: {
            agendaItemId: itemId,
            fromMeetingId: sourceId,
            toMeetingId: targetId,
            title: item.title,
            status: item.status,
          },
        },
        manager,
      );
      return sourceId;
    });
  }

  /** Puts the accepted items in the given order (TOP 1, 2, …). */
  async reorder(actor: Actor, meetingId: string, input: ReorderAgendaDto, origin: AuditOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { standing } = await visibleMeeting(manager, actor, meetingId, maySeeMeeting, { lock: true });
      if (!mayManageMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
      const meeting = await manager.findOneByOrFail(Meeting, { id: meetingId });
      assertVersion(meeting.agendaVersion, input.agendaVersion, 'Die Tagesordnung');
      await assertMinutesOpen(manager, meetingId, AGENDA);
      const accepted = (await manager.query(
        `SELECT id FROM agenda_item WHERE meeting_id = $1 AND status = 'accepted' ORDER BY position`,
        [meetingId],
      )) as { id: string }[];
      const known = new Set(accepted.map((a) => a.id));
      if (input.itemIds.length !== known.size || input.itemIds.some((id) => !known.has(id))) {
        throw invalid('itemIds', 'Bitte geben Sie jeden Punkt der Tagesordnung genau einmal an.');
      }
      await manager.query(
        `UPDATE agenda_item SET position = o.position, updated_at = now()
           FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
          WHERE agenda_item.id = o.id AND agenda_item.meeting_id = $1`,
        [meetingId, input.itemIds],
      );
      await this.bumpAgenda(manager, meetingId);
      await this.audit.record(
        origin,
        {
          action: 'agenda.reordered',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: { before: accepted.map((a) => a.id), after: input.itemIds },
        },
        manager,
      );
    });
  }

  private fields(input: AgendaItemInputDto) {
    return {
      title: input.title.trim(),
      presenter: input.presenter?.trim() || null,
      plannedMinutes: input.plannedMinutes ?? null,
      notes: input.notes ?? '',
      links: (input.links ?? []).map((l) => ({ label: l.label.trim(), url: l.url.trim() })),
    };
  }

  /**
   * The item with its meeting locked; 404 when invisible, 403 when the actor may not change it.
   * Lock order meeting → item: the item is read again once the meeting is locked, so a change
   * committed meanwhile (same version, other decision) is seen and answered with 409.
   */
  private async itemForChange(manager: EntityManager, actor: Actor, itemId: string) {
    const [ref] = (await manager.query(`SELECT meeting_id AS "meetingId" FROM agenda_item WHERE id = $1`, [
      itemId,
    ])) as { meetingId: string }[];
    if (!ref) throw new DomainError('NOT_FOUND');
    const { standing } = await visibleMeeting(manager, actor, ref.meetingId, maySeeMeeting, { lock: true });
    const item = await manager.findOneBy(AgendaItem, { id: itemId, meetingId: ref.meetingId });
    if (!item) throw new DomainError('NOT_FOUND');
    const manage = mayManageMeeting(actor, standing);
    const ownProposal = item.status === 'proposed' && item.proposedBy === actor.accountId;
    // Someone else's proposal is not shown to other invitees: 404, as if it did not exist.
    if (!manage && item.status !== 'accepted' && item.proposedBy !== actor.accountId)
      throw new DomainError('NOT_FOUND');
    if (!manage && !ownProposal) throw new DomainError('FORBIDDEN');
    const meeting = await manager.findOneByOrFail(Meeting, { id: item.meetingId });
    if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
    await assertMinutesOpen(manager, item.meetingId, AGENDA);
    return { item, manage };
  }

  /** 409 when the meeting's agenda (items and proposals) is full. */
  private async assertRoom(manager: EntityManager, meetingId: string): Promise<void> {
    const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM agenda_item WHERE meeting_id = $1`, [
      meetingId,
    ])) as { count: number }[];
    if (count >= MEETING_LIMITS.agendaItems * 2) {
      throw new DomainError('CONFLICT', 'Die Tagesordnung hat bereits die größte mögliche Zahl an Punkten.');
    }
  }

  /**
   * 409 when the meeting's draft minutes already hold notes or entries on the item: moved away or
   * removed, they would point to a TOP that is not on this agenda, and the next autosave would fail.
   */
  private async assertNotInMinutes(
    manager: EntityManager,
    meetingId: string,
    itemId: string,
    change: 'move' | 'remove',
  ): Promise<void> {
    const [{ used }] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM minutes_entry e JOIN minutes mi ON mi.id = e.minutes_id
                       WHERE mi.meeting_id = $1 AND e.agenda_item_id = $2)
              OR EXISTS (SELECT 1 FROM minutes WHERE meeting_id = $1 AND coalesce(item_notes ->> $2::text, '') <> '')
              AS used`,
      [meetingId, itemId],
    )) as { used: boolean }[];
    if (used) {
      throw new DomainError(
        'CONFLICT',
        change === 'move'
          ? 'Zu diesem Punkt steht bereits etwas im Protokoll. Bitte entfernen Sie diese Einträge zuerst oder legen Sie den Punkt auf dem anderen Termin neu an.'
          : 'Zu diesem Punkt steht bereits etwas im Protokoll. Bitte entfernen Sie diese Einträge zuerst.',
      );
    }
  }

  private async endPosition(manager: EntityManager, meetingId: string): Promise<number> {
    const [{ max }] = (await manager.query(
      `SELECT coalesce(max(position), 0) AS max FROM agenda_item WHERE meeting_id = $1 AND status = 'accepted'`,
      [meetingId],
    )) as { max: number }[];
    return Number(max) + 1;
  }

  private async bumpAgenda(manager: EntityManager, meetingId: string): Promise<void> {
    await manager.query(`UPDATE meeting SET agenda_version = agenda_version + 1 WHERE id = $1`, [meetingId]);
  }
}
