import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkMeetingReminderRules, MeetingKind } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import {
  AppConfig,
  DomainError,
  DomainEvents,
  MailAttachment,
  MailOutboxService,
  MailTemplateName,
  renderMarkdown,
} from '@srp/server/platform';
import { MeetingCalendarService, PersonalCalendarFile } from '../calendar/meeting-calendar.service';
import { DataSource, EntityManager, In } from 'typeorm';
import { mayAnswerMeeting, mayCreateMeeting, mayManageMeeting, maySeeMeeting } from '../access/meeting-access';
import { visibleMeetingsCondition } from '../access/meeting-standing';
import { AgendaItem } from '../entities/agenda-item.entity';
import { MeetingGuest } from '../entities/meeting-guest.entity';
import { MeetingGroupInvitation, MeetingPersonInvitation } from '../entities/meeting-invitation.entity';
import { AgendaTemplateItem, MeetingSeries } from '../entities/meeting-series.entity';
import { Meeting } from '../entities/meeting.entity';
import {
  activeInvitees,
  assertVersion,
  groupsById,
  mineCondition,
  hashToken,
  invalid,
  INVITEES_CONDITION,
  newToken,
  peopleById,
  placeOf,
  visibleMeeting,
} from '../meeting-support';
import {
  AgendaItemDto,
  CancelMeetingDto,
  CreateMeetingDto,
  ListMeetingsQuery,
  MeetingDetailDto,
  MeetingFieldsDto,
  MeetingListDto,
  MeetingSummaryDto,
  SeriesRemindersStateDto,
  UpdateMeetingDto,
  UpdateSeriesRemindersDto,
} from '../meetings.dto';
import { addDays, berlinInstant, berlinParts, describeRule, occurrences, validateRule } from '../recurrence';
import { fillFreePlaces } from '../answers/waiting-list';
import { meetingTimes, ruleFrom } from './meeting-planner';

/** Fields a calendar shows: a change raises the SEQUENCE. */
const CALENDAR_FIELDS = ['kind', 'title', 'description', 'format', 'onlineUrl', 'address', 'room'] as const;

/** The meeting's own fields a "this and following" edit copies to later occurrences. */
const SHARED_FIELDS = [...CALENDAR_FIELDS, 'capacity', 'organizerId', 'inviteAll', 'callForItems'] as const;

export interface GuestLink {
  email: string;
  token: string;
}

/** Meetings and series: plan, change, move, cancel, list, read one. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly domainEvents: DomainEvents,
    private readonly mail: MailOutboxService,
    private readonly calendar: MeetingCalendarService,
    private readonly config: AppConfig,
  ) {}

  /** Creates a meeting, or a series with all its occurrences when `recurrence` is given. */
  async create(
    actor: Actor,
    input: CreateMeetingDto,
    origin: AuditOrigin,
  ): Promise<{ meeting: MeetingDetailDto; guestLinks: GuestLink[] }> {
    const times = meetingTimes(input);
    const guestMails: string[] = [];
    const { id, guestLinks } = await this.dataSource.transaction(async (manager) => {
      const hostRole = input.hostGroupId ? await this.hostGroupRole(manager, actor, input.hostGroupId) : null;
      if (!mayCreateMeeting(actor, hostRole)) {
        throw new DomainError(
          'FORBIDDEN',
          input.hostGroupId
            ? 'Termine einer Arbeitsgruppe planen ihre Sprecher*innen und die Koordination.'
            : 'Initiativweite Termine plant die Koordination.',
        );
      }
      await this.assertInvitees(manager, input);
      const organizerId = input.organizerId ?? actor.accountId;
      await this.assertActivePerson(manager, organizerId, 'organizerId');
      const agendaTemplate: AgendaTemplateItem[] = (input.agenda ?? []).map((i) => ({
        title: i.title.trim(),
        plannedMinutes: i.plannedMinutes ?? null,
        presenter: i.presenter?.trim() || null,
      }));
      const base = {
        kind: input.kind,
        title: input.title.trim(),
        description: input.description ?? '',
        format: input.format,
        onlineUrl: input.onlineUrl?.trim() || null,
        address: input.address?.trim() || null,
        room: input.room?.trim() || null,
        capacity: input.capacity ?? null,
        hostGroupId: input.hostGroupId ?? null,
        organizerId,
        inviteAll: input.inviteAll ?? false,
      };
      this.assertFormat(base);
      let seriesId: string | null = null;
      let dates: { date: string | null; startsAt: Date; endsAt: Date }[] = [{ date: null, ...times }];
      if (input.recurrence) {
        const rule = ruleFrom(input.recurrence, { ...input, ...times });
        const series = await manager.save(
          manager.create(MeetingSeries, {
            ...base,
            rule,
            invitedGroupIds: input.invitedGroupIds ?? [],
            invitedPersonIds: input.invitedPersonIds ?? [],
            agendaTemplate,
          }),
        );
        seriesId = series.id;
        dates = occurrences(rule);
      }
      const meetings = dates.map((d) =>
        manager.create(Meeting, {
          ...base,
          seriesId,
          occurrenceDate: d.date,
          startsAt: d.startsAt,
          endsAt: d.endsAt,
          callForItems: input.callForItems ?? true,
          createdBy: actor.accountId,
        }),
      );
      const saved = await manager.save(meetings, { chunk: 50 });
      const ids = saved.map((m) => m.id);
      await this.insertInvitations(manager, ids, input.invitedGroupIds ?? [], input.invitedPersonIds ?? []);
      if (agendaTemplate.length) {
        await manager.insert(
          AgendaItem,
          ids.flatMap((meetingId) =>
            agendaTemplate.map((t, index) => ({
              meetingId,
              position: index + 1,
              title: t.title,
              presenter: t.presenter,
              plannedMinutes: t.plannedMinutes,
              status: 'accepted' as const,
              proposedBy: actor.accountId,
            })),
          ),
        );
      }
      const { links } = await this.replaceGuests(manager, actor, ids[0], input.guests ?? []);
      guestMails.push(...(await this.recordGuestInvitations(manager, actor, ids[0], links)));
      await this.audit.record(
        origin,
        {
          action: seriesId ? 'meeting.series_created' : 'meeting.created',
          subjectType: seriesId ? 'meeting_series' : 'meeting',
          subjectId: seriesId ?? ids[0],
          details: {
            after: { ...input, description: undefined, guests: input.guests?.map((g) => g.email) },
            meetingIds: ids,
          },
        },
        manager,
      );
      await this.domainEvents.emit(manager, {
        type: 'meeting.created',
        meetingIds: ids,
        seriesId,
        actorId: actor.accountId,
      });
      return { id: ids[0], guestLinks: links };
    });
    // In parallel: with Redis down each dispatch waits for its timeout (the reconciler sends later).
    await Promise.all(guestMails.map((outboxId) => this.mail.dispatch(outboxId)));
    return { meeting: await this.detail(actor, id), guestLinks };
  }

  /** Changes a meeting; for a series meeting `scope: 'following'` also changes the later ones. */
  async update(
    actor: Actor,
    id: string,
    input: UpdateMeetingDto,
    origin: AuditOrigin,
  ): Promise<{ meeting: MeetingDetailDto; guestLinks: GuestLink[] }> {
    const guestMails: string[] = [];
    const guestLinks = await this.dataSource.transaction(async (manager) => {
      const { standing } = await visibleMeeting(manager, actor, id, maySeeMeeting, { lock: true });
      if (!mayManageMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
      const meeting = await manager.findOneByOrFail(Meeting, { id });
      assertVersion(meeting.version, input.version);
      if (meeting.status === 'cancelled') {
        throw new DomainError('CONFLICT', 'Der Termin ist abgesagt und kann nicht mehr geändert werden.');
      }
      const scope = input.scope ?? 'this';
      if (scope === 'following' && !meeting.seriesId) {
        throw invalid('scope', 'Nur Termine einer Serie lassen sich mit den folgenden zusammen ändern.');
      }
      if (scope === 'following') await this.assertManagesSeries(manager, actor, meeting.seriesId ?? '');
      await this.assertInvitees(manager, input);
      if (input.organizerId) await this.assertActivePerson(manager, input.organizerId, 'organizerId');
      const before = { ...meeting };

      const changes = this.applyFields(meeting, input);
      const local = berlinParts(meeting.startsAt);
      const localEnd = berlinParts(meeting.endsAt);
      const timeTouched =
        (input.date !== undefined && input.date !== local.date) ||
        (input.startTime !== undefined && input.startTime !== local.time) ||
        (input.endTime !== undefined && input.endTime !== localEnd.time) ||
        (input.endDate !== undefined && (input.endDate ?? local.date) !== localEnd.date);
      if (timeTouched) {
        if (scope === 'following' && input.date !== undefined && input.date !== local.date) {
          throw invalid('date', 'Das Datum ändern Sie nur für diesen einen Termin.');
        }
        const date = input.date ?? local.date;
        const endDate = input.endDate === undefined ? localEnd.date : (input.endDate ?? date);
        // The series' rule knows one start time and a duration: its occurrences end on their own day.
        if (scope === 'following' && endDate !== date) {
          throw invalid('endDate', 'Serien bestehen aus eintägigen Terminen.');
        }
        const times = meetingTimes({
          date,
          startTime: input.startTime ?? local.time,
          endTime: input.endTime ?? localEnd.time,
          endDate,
        });
        if (
          times.startsAt.getTime() !== meeting.startsAt.getTime() ||
          times.endsAt.getTime() !== meeting.endsAt.getTime()
        ) {
          meeting.startsAt = times.startsAt;
          meeting.endsAt = times.endsAt;
          changes.push('startsAt', 'endsAt');
          if (meeting.seriesId && scope === 'this') meeting.detached = true;
        }
      }
      this.assertFormat(meeting);
      const calendarChanged = changes.some(
        (c) => (CALENDAR_FIELDS as readonly string[]).includes(c) || c === 'startsAt',
      );
      const invitationsTouched = !!(input.invitedGroupIds || input.invitedPersonIds || changes.includes('inviteAll'));
      // Also when the invitation list changes: a CANCEL to someone taken off, and a later REQUEST if
      // they are invited again, must be ordered after what they got before (RFC 5546).
      if (calendarChanged || invitationsTouched || input.guests) meeting.icsSequence += 1;
      const inviteesBefore = invitationsTouched ? await activeInvitees(manager, id) : [];
      await manager.save(meeting);
      if (input.invitedGroupIds || input.invitedPersonIds) {
        await this.replaceInvitations(manager, [id], input.invitedGroupIds, input.invitedPersonIds);
        changes.push('invitations');
      }
      const { links, removed } = input.guests
        ? await this.replaceGuests(manager, actor, id, input.guests)
        : { links: [], removed: [] };
      guestMails.push(...(await this.recordGuestInvitations(manager, actor, id, links)));
      guestMails.push(...(await this.recordGuestRemovals(manager, actor, meeting, removed)));

      let following: string[] = [];
      if (scope === 'following' && meeting.seriesId) {
        following = await this.applyToFollowing(
          manager,
          meeting,
          input,
          changes,
          local.time !== berlinParts(meeting.startsAt).time || timeTouched,
        );
      }
      await this.domainEvents.emit(manager, {
        type: 'meeting.updated',
        meetingIds: [id, ...following],
        actorId: actor.accountId,
        fields: changes,
        ...(invitationsTouched ? { inviteesBefore: { [id]: inviteesBefore } } : {}),
      });
      const promoted = changes.includes('capacity')
        ? await fillFreePlaces(manager, scope === 'following' ? [id, ...following] : [id])
        : [];
      await this.audit.record(
        origin,
        {
          action: 'meeting.updated',
          subjectType: 'meeting',
          subjectId: id,
          details: {
            scope,
            fields: changes,
            before: pickFields(before, changes),
            after: pickFields(meeting, changes),
            followingMeetingIds: following,
            ...(promoted.length ? { promotedFromWaitlist: promoted } : {}),
          },
        },
        manager,
      );
      return links;
    });
    // In parallel: with Redis down each dispatch waits for its timeout (the reconciler sends later).
    await Promise.all(guestMails.map((outboxId) => this.mail.dispatch(outboxId)));
    return { meeting: await this.detail(actor, id), guestLinks };
  }

  /** Cancels a meeting (and, with `scope: 'following'`, the series from here on). */
  async cancel(actor: Actor, id: string, input: CancelMeetingDto, origin: AuditOrigin): Promise<MeetingDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const { standing } = await visibleMeeting(manager, actor, id, maySeeMeeting, { lock: true });
      if (!mayManageMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
      const meeting = await manager.findOneByOrFail(Meeting, { id });
      assertVersion(meeting.version, input.version);
      if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist bereits abgesagt.');
      const scope = input.scope ?? 'this';
      if (scope === 'following' && !meeting.seriesId) {
        throw invalid('scope', 'Nur Termine einer Serie lassen sich mit den folgenden zusammen absagen.');
      }
      if (scope === 'following') await this.assertManagesSeries(manager, actor, meeting.seriesId ?? '');
      const reason = input.reason?.trim() || null;
      const ids = [id];
      if (scope === 'following' && meeting.seriesId) {
        const rows = (await manager.query(
          `SELECT id FROM meeting WHERE series_id = $1 AND starts_at > $2 AND status = 'scheduled' ORDER BY starts_at FOR UPDATE`,
          [meeting.seriesId, meeting.startsAt],
        )) as { id: string }[];
        ids.push(...rows.map((r) => r.id));
        // The series ends the day before this occurrence: no new occurrences after it. From its
        // first occurrence on, that day lies before the start (an invalid rule): every occurrence
        // is cancelled then, and the rule stays as it was.
        const series = await manager.findOneByOrFail(MeetingSeries, { id: meeting.seriesId });
        const until = addDays(meeting.occurrenceDate ?? berlinParts(meeting.startsAt).date, -1);
        if (until >= series.rule.startDate) {
          series.rule = { ...series.rule, until, count: null };
          await manager.save(series);
        }
      }
      await manager.query(
        `UPDATE meeting SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(),
                ics_sequence = ics_sequence + 1, version = version + 1, updated_at = now()
          WHERE id = ANY($1::uuid[])`,
        [ids, reason],
      );
      await this.domainEvents.emit(manager, {
        type: 'meeting.cancelled',
        meetingIds: ids,
        actorId: actor.accountId,
        reason,
      });
      await this.audit.record(
        origin,
        {
          action: 'meeting.cancelled',
          subjectType: 'meeting',
          subjectId: id,
          details: { scope, reason, meetingIds: ids },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /** The meetings of a period the actor may see (or is invited to), for the calendar. */
  async list(actor: Actor, query: ListMeetingsQuery): Promise<MeetingListDto> {
    if (query.to < query.from) throw invalid('to', 'Das Ende des Zeitraums liegt vor dem Anfang.');
    if (addDays(query.from, 400) < query.to) throw invalid('to', 'Der Zeitraum umfasst höchstens 400 Tage.');
    const params: unknown[] = [
      actor.accountId,
      berlinInstant(query.from, '00:00'),
      berlinInstant(addDays(query.to, 1), '00:00'),
    ];
    const where = [`m.starts_at < $3`, `m.ends_at > $2`];
    where.push(query.mine ? mineCondition('$1') : visibleMeetingsCondition('$1', isCoordination(actor)));
    if (query.groupIds?.length) {
      params.push(query.groupIds);
      where.push(
        `(m.host_group_id = ANY($${params.length}::uuid[]) OR EXISTS (SELECT 1 FROM meeting_group_invitation gi WHERE gi.meeting_id = m.id AND gi.group_id = ANY($${params.length}::uuid[])))`,
      );
    }
    if (query.kinds?.length) {
      params.push(query.kinds);
      where.push(`m.kind = ANY($${params.length}::text[])`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id
        WHERE ${where.join(' AND ')} ORDER BY m.starts_at, m.id LIMIT 2000`,
      params,
    )) as SummaryRow[];
    return { items: rows.map(toSummary) };
  }

  /** A meeting's page: details, agenda, answers and what the actor may do. */
  async detail(actor: Actor, id: string): Promise<MeetingDetailDto> {
    const manager = this.dataSource.manager;
    const { standing } = await visibleMeeting(manager, actor, id, maySeeMeeting);
    const manage = mayManageMeeting(actor, standing);
    const [row] = (await manager.query(
      `SELECT ${SUMMARY_COLUMNS}, m.description, m.online_url AS "onlineUrl", m.address, m.room, m.capacity,
              m.organizer_id AS "organizerId", m.cancel_reason AS "cancelReason", m.invite_all AS "inviteAll",
              m.call_for_items AS "callForItems", m.agenda_version AS "agendaVersion", m.ics_sequence AS "icsSequence",
              m.version, m.occurrence_date AS "occurrenceDate"
         FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id WHERE m.id = $2`,
      [actor.accountId, id],
    )) as Array<SummaryRow & DetailRow>;
    const [groupInvites, personInvites, guests, items, responses, counts, series] = await Promise.all([
      manager.find(MeetingGroupInvitation, { where: { meetingId: id } }),
      manager.find(MeetingPersonInvitation, { where: { meetingId: id } }),
      manage ? manager.find(MeetingGuest, { where: { meetingId: id }, order: { name: 'ASC' } }) : Promise.resolve([]),
      manager.find(AgendaItem, { where: { meetingId: id }, order: { position: 'ASC', createdAt: 'ASC' } }),
      manager.query(
        `SELECT r.account_id AS "accountId", r.answer, r.mode, r.deputy_id AS "deputyId", r.comment, r.waitlisted,
                r.responded_at AS "respondedAt"
           FROM meeting_response r WHERE r.meeting_id = $1 ORDER BY r.responded_at`,
        [id],
      ) as Promise<ResponseRow[]>,
      manager.query(`SELECT count(*)::int AS invited FROM account a WHERE ${INVITEES_CONDITION}`, [id]) as Promise<
        { invited: number }[]
      >,
      row.seriesId ? this.seriesInfo(manager, actor, row.seriesId, row.startsAt) : Promise.resolve(null),
    ]);
    const visibleItems = items.filter((i) => i.status === 'accepted' || manage || i.proposedBy === actor.accountId);
    const people = await peopleById(manager, [
      row.organizerId ?? '',
      ...personInvites.map((p) => p.accountId),
      ...visibleItems.map((i) => i.proposedBy ?? ''),
      ...responses.flatMap((r) => [r.accountId, r.deputyId ?? '']),
    ]);
    const groups = await groupsById(
      manager,
      groupInvites.map((g) => g.groupId),
    );
    let number = 0;
    const agenda: AgendaItemDto[] = visibleItems
      .sort((a, b) => statusOrder(a.status) - statusOrder(b.status) || a.position - b.position)
      .map((i) => ({
        id: i.id,
        number: i.status === 'accepted' ? ++number : null,
        title: i.title,
        presenter: i.presenter,
        plannedMinutes: i.plannedMinutes,
        notes: i.notes,
        notesHtml: renderMarkdown(i.notes),
        links: i.links,
        status: i.status,
        proposedBy: i.proposedBy ? (people.get(i.proposedBy) ?? null) : null,
        decisionNote: i.decisionNote,
        version: i.version,
        editable: manage || (i.status === 'proposed' && i.proposedBy === actor.accountId),
      }));
    const mine = responses.find((r) => r.accountId === actor.accountId) ?? null;
    const waitlist = responses.filter((r) => r.waitlisted);
    const answered = new Set(responses.map((r) => r.accountId));
    const started = new Date(row.startsAt).getTime() <= Date.now();
    const answer = mayAnswerMeeting(actor, standing) && row.status === 'scheduled';
    return {
      ...toSummary(row),
      description: row.description,
      descriptionHtml: renderMarkdown(row.description),
      onlineUrl: row.onlineUrl,
      address: row.address,
      room: row.room,
      capacity: row.capacity,
      organizer: row.organizerId ? (people.get(row.organizerId) ?? null) : null,
      cancelReason: row.cancelReason,
      inviteAll: row.inviteAll,
      invitedGroups: groupInvites.map((g) => groups.get(g.groupId)).filter((g) => !!g),
      invitedPeople: personInvites.map((p) => people.get(p.accountId)).filter((p) => !!p),
      guests: guests.map((g) => ({ id: g.id, name: g.name, email: g.email, answer: g.answer })),
      callForItems: row.callForItems,
      series,
      agenda,
      plannedMinutes: agenda
        .filter((i) => i.status === 'accepted')
        .reduce((sum, i) => sum + (i.plannedMinutes ?? 0), 0),
      agendaVersion: row.agendaVersion,
      myResponse: mine
        ? {
            answer: mine.answer,
            mode: mine.mode,
            deputy: mine.deputyId ? (people.get(mine.deputyId) ?? null) : null,
            comment: mine.comment,
            waitlisted: mine.waitlisted,
            waitlistPosition: mine.waitlisted ? waitlist.findIndex((r) => r.accountId === actor.accountId) + 1 : null,
          }
        : null,
      answers: {
        yes: responses.filter((r) => r.answer === 'yes' && !r.waitlisted).length,
        no: responses.filter((r) => r.answer === 'no').length,
        maybe: responses.filter((r) => r.answer === 'maybe').length,
        waitlisted: waitlist.length,
        invited: counts[0]?.invited ?? 0,
        open: Math.max(0, (counts[0]?.invited ?? 0) - answered.size),
      },
      responses: responses
        .flatMap((r) => {
          const person = people.get(r.accountId);
          return person ? [{ r, person }] : [];
        })
        .map(({ r, person }) => ({
          person,
          answer: r.answer,
          mode: r.mode,
          deputy: r.deputyId ? (people.get(r.deputyId) ?? null) : null,
          waitlisted: r.waitlisted,
        })),
      permissions: {
        manage,
        answer,
        propose: answer && row.callForItems && !started,
      },
      icsSequence: row.icsSequence,
      version: row.version,
    };
  }

  // -------------------------------------------------------------------------------------------

  private async seriesInfo(manager: EntityManager, actor: Actor, seriesId: string, startsAt: string) {
    const series = await manager.findOneBy(MeetingSeries, { id: seriesId });
    if (!series) return null;
    const coordination = isCoordination(actor);
    const visible = visibleMeetingsCondition('$3', coordination);
    // Coordination's condition is TRUE and uses no $3; PostgreSQL refuses a parameter it does not use.
    const params = coordination ? [seriesId, startsAt] : [seriesId, startsAt, actor.accountId];
    const [prev] = (await manager.query(
      `SELECT m.id FROM meeting m WHERE m.series_id = $1 AND m.starts_at < $2 AND ${visible} ORDER BY m.starts_at DESC LIMIT 1`,
      params,
    )) as { id: string }[];
    const [next] = (await manager.query(
      `SELECT m.id FROM meeting m WHERE m.series_id = $1 AND m.starts_at > $2 AND ${visible} ORDER BY m.starts_at LIMIT 1`,
      params,
    )) as { id: string }[];
    return {
      id: series.id,
      description: describeSafely(series.rule),
      previousMeetingId: prev?.id ?? null,
      nextMeetingId: next?.id ?? null,
      reminders: seriesReminders(series),
    };
  }

  /**
   * Sets a series' own reminder times (null: the coordinators' defaults) for those who manage the
   * series; the reminders of its future meetings are re-planned in the same transaction.
   */
  async setSeriesReminders(
    actor: Actor,
    seriesId: string,
    input: UpdateSeriesRemindersDto,
    origin: AuditOrigin,
  ): Promise<SeriesRemindersStateDto> {
    const problems = input.meetingReminders ? checkMeetingReminderRules(input.meetingReminders) : [];
    if (problems.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        undefined,
        problems.map((p) => ({ field: p.field, code: 'invalid', message: p.message })),
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const series = await manager.findOne(MeetingSeries, {
        where: { id: seriesId },
        lock: { mode: 'pessimistic_write' },
      });
      // The series is as visible as its meetings: 404 when the actor sees none of them.
      const [visible] = series
        ? ((await manager.query(`SELECT m.id FROM meeting m WHERE m.series_id = $1 ORDER BY m.starts_at LIMIT 1`, [
            seriesId,
          ])) as { id: string }[])
        : [];
      if (!series || !visible) throw new DomainError('NOT_FOUND');
      await visibleMeeting(manager, actor, visible.id, maySeeMeeting);
      await this.assertManagesSeries(manager, actor, seriesId);
      assertVersion(series.version, input.version, 'Die Serie');
      const before = seriesReminders(series);
      const override: Record<string, unknown> = {};
      if (input.meetingReminders) {
        override['meetingReminders'] = input.meetingReminders.map((r) =>
          r.type === 'hours_before' ? { type: r.type, hours: r.hours } : { type: r.type, time: r.time },
        );
      }
      if (input.agendaCallDaysBefore != null) override['agendaCallDaysBefore'] = input.agendaCallDaysBefore;
      series.reminderSettings = override;
      const saved = await manager.save(series);
      await this.audit.record(
        origin,
        {
          action: 'meeting_series.reminders_changed',
          subjectType: 'meeting_series',
          subjectId: seriesId,
          details: { before, after: seriesReminders(saved) },
        },
        manager,
      );
      await this.domainEvents.emit(manager, {
        type: 'meeting_series.reminders_changed',
        seriesId,
        actorId: actor.accountId,
      });
      return { ...seriesReminders(saved), version: saved.version };
    });
  }

  /** Copies the shared fields and the new local times to the later scheduled occurrences. */
  private async applyToFollowing(
    manager: EntityManager,
    meeting: Meeting,
    input: UpdateMeetingDto,
    changes: string[],
    timeChanged: boolean,
  ): Promise<string[]> {
    const later = await manager
      .createQueryBuilder(Meeting, 'm')
      .setLock('pessimistic_write')
      .where('m.series_id = :seriesId AND m.starts_at > :startsAt AND m.status = :status', {
        seriesId: meeting.seriesId,
        startsAt: meeting.startsAt,
        status: 'scheduled',
      })
      .orderBy('m.starts_at')
      .getMany();
    const shared = SHARED_FIELDS.filter((f) => changes.includes(f));
    const start = berlinParts(meeting.startsAt).time;
    const duration = meeting.endsAt.getTime() - meeting.startsAt.getTime();
    // The series' defaults follow, so its description stays true for the meetings to come.
    const series = await manager.findOneByOrFail(MeetingSeries, { id: meeting.seriesId ?? '' });
    if (timeChanged) {
      series.rule = { ...series.rule, startTime: start, durationMinutes: Math.round(duration / 60_000) };
      // Checked before anything is saved: an invalid rule would break every page of the series.
      const errors = validateRule(series.rule);
      if (errors.length) throw invalid('endTime', errors.join(' '));
    }
    for (const m of later) {
      for (const f of shared) (m as unknown as Record<string, unknown>)[f] = meeting[f];
      let moved = false;
      // A detached occurrence was moved on its own on purpose: it keeps its time.
      if (timeChanged && !m.detached) {
        const startsAt = berlinInstant(berlinParts(m.startsAt).date, start);
        if (startsAt.getTime() !== m.startsAt.getTime() || m.endsAt.getTime() - m.startsAt.getTime() !== duration) {
          m.startsAt = startsAt;
          m.endsAt = new Date(startsAt.getTime() + duration);
          moved = true;
        }
      }
      if (moved || shared.some((f) => (CALENDAR_FIELDS as readonly string[]).includes(f))) m.icsSequence += 1;
    }
    if (later.length) await manager.save(later, { chunk: 50 });
    const ids = later.map((m) => m.id);
    if (ids.length && (input.invitedGroupIds || input.invitedPersonIds)) {
      await this.replaceInvitations(manager, ids, input.invitedGroupIds, input.invitedPersonIds);
    }
    for (const f of shared) (series as unknown as Record<string, unknown>)[f] = meeting[f];
    if (input.invitedGroupIds) series.invitedGroupIds = input.invitedGroupIds;
    if (input.invitedPersonIds) series.invitedPersonIds = input.invitedPersonIds;
    await manager.save(series);
    return ids;
  }

  /** Writes the given fields onto the meeting; returns the names that changed. */
  private applyFields(meeting: Meeting, input: UpdateMeetingDto): string[] {
    const changed: string[] = [];
    const set = <K extends keyof Meeting>(key: K, value: Meeting[K] | undefined) => {
      if (value === undefined || value === meeting[key]) return;
      meeting[key] = value;
      changed.push(key);
    };
    set('kind', input.kind as MeetingKind | undefined);
    set('title', input.title?.trim());
    set('description', input.description);
    set('format', input.format);
    set('onlineUrl', input.onlineUrl === undefined ? undefined : input.onlineUrl?.trim() || null);
    set('address', input.address === undefined ? undefined : input.address?.trim() || null);
    set('room', input.room === undefined ? undefined : input.room?.trim() || null);
    set('capacity', input.capacity);
    set('organizerId', input.organizerId ?? undefined);
    set('inviteAll', input.inviteAll);
    set('callForItems', input.callForItems);
    return changed;
  }

  /** 403 unless the actor manages the series itself: its organiser, a lead of its host group, coordination. */
  private async assertManagesSeries(manager: EntityManager, actor: Actor, seriesId: string): Promise<void> {
    const series = await manager.findOneByOrFail(MeetingSeries, { id: seriesId });
    const [membership] = series.hostGroupId
      ? ((await manager.query(
          `SELECT role FROM group_membership WHERE group_id = $1 AND account_id = $2 AND status = 'active'`,
          [series.hostGroupId, actor.accountId],
        )) as { role: 'lead' | 'member' }[])
      : [];
    const standing = { isOrganizer: series.organizerId === actor.accountId, hostGroupRole: membership?.role ?? null };
    if (!mayManageMeeting(actor, standing)) {
      throw new DomainError(
        'FORBIDDEN',
        'Die ganze Serie ändern oder absagen können ihre Organisatorin oder ihr Organisator, ' +
          'die Sprecher*innen der ausrichtenden Gruppe und die Koordination.',
      );
    }
  }

  private assertFormat(m: { format: string; onlineUrl: string | null; address: string | null }): void {
    if (m.format !== 'in_person' && !m.onlineUrl) {
      throw invalid('onlineUrl', 'Bitte geben Sie den Link zur Online-Teilnahme an.');
    }
    if (m.format !== 'online' && !m.address) {
      throw invalid('address', 'Bitte geben Sie den Ort an.');
    }
  }

  private async hostGroupRole(
    manager: EntityManager,
    actor: Actor,
    groupId: string,
  ): Promise<'lead' | 'member' | null> {
    const [group] = (await manager.query(
      `SELECT g.status, gm.role FROM working_group g
         LEFT JOIN group_membership gm ON gm.group_id = g.id AND gm.account_id = $2 AND gm.status = 'active'
        WHERE g.id = $1`,
      [groupId, actor.accountId],
    )) as { status: string; role: 'lead' | 'member' | null }[];
    if (!group) throw invalid('hostGroupId', 'Diese Arbeitsgruppe gibt es nicht.');
    if (group.status !== 'active') throw invalid('hostGroupId', 'Die Arbeitsgruppe ist archiviert.');
    return group.role;
  }

  private async assertActivePerson(manager: EntityManager, accountId: string, field: string): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM account WHERE id = $1 AND status = 'active'`, [accountId]);
    if (!row) throw invalid(field, 'Diese Person hat kein aktives Konto im Portal.');
  }

  private async assertInvitees(manager: EntityManager, input: MeetingFieldsDto): Promise<void> {
    if (input.invitedGroupIds?.length) {
      const rows = (await manager.query(
        `SELECT id FROM working_group WHERE id = ANY($1::uuid[]) AND status = 'active'`,
        [input.invitedGroupIds],
      )) as { id: string }[];
      if (rows.length !== input.invitedGroupIds.length) {
        throw invalid('invitedGroupIds', 'Mindestens eine der Arbeitsgruppen gibt es nicht (mehr).');
      }
    }
    if (input.invitedPersonIds?.length) {
      const rows = (await manager.query(`SELECT id FROM account WHERE id = ANY($1::uuid[]) AND status = 'active'`, [
        input.invitedPersonIds,
      ])) as { id: string }[];
      if (rows.length !== input.invitedPersonIds.length) {
        throw invalid('invitedPersonIds', 'Mindestens eine der Personen hat kein aktives Konto.');
      }
    }
    if (input.guests?.length) {
      const emails = input.guests.map((g) => g.email.trim().toLowerCase());
      if (new Set(emails).size !== emails.length) {
        throw invalid('guests', 'Jede Gast-Adresse darf nur einmal vorkommen.');
      }
    }
  }

  private async insertInvitations(
    manager: EntityManager,
    meetingIds: string[],
    groupIds: string[],
    personIds: string[],
  ): Promise<void> {
    if (groupIds.length) {
      await manager.insert(
        MeetingGroupInvitation,
        meetingIds.flatMap((meetingId) => groupIds.map((groupId) => ({ meetingId, groupId }))),
      );
    }
    if (personIds.length) {
      await manager.insert(
        MeetingPersonInvitation,
        meetingIds.flatMap((meetingId) => personIds.map((accountId) => ({ meetingId, accountId }))),
      );
    }
  }

  private async replaceInvitations(
    manager: EntityManager,
    meetingIds: string[],
    groupIds: string[] | undefined,
    personIds: string[] | undefined,
  ): Promise<void> {
    if (groupIds) {
      await manager.delete(MeetingGroupInvitation, { meetingId: In(meetingIds) });
      await this.insertInvitations(manager, meetingIds, groupIds, []);
    }
    if (personIds) {
      await manager.delete(MeetingPersonInvitation, { meetingId: In(meetingIds) });
      await this.insertInvitations(manager, meetingIds, [], personIds);
    }
  }

  /**
   * E-mails each new guest their personal link with the meeting's .ics, in the transaction that
   * created the link (the token exists in plain text only now). Returns the outbox ids to dispatch.
   */
  private async recordGuestInvitations(
    manager: EntityManager,
    actor: Actor,
    meetingId: string,
    links: GuestLink[],
  ): Promise<string[]> {
    if (!links.length) return [];
    const meeting = await manager.findOneByOrFail(Meeting, { id: meetingId });
    const people = await peopleById(manager, [actor.accountId, meeting.organizerId ?? '']);
    const guests = await manager.find(MeetingGuest, { where: { meetingId } });
    const portal = this.config.PUBLIC_URL.replace(/\/$/, '');
    const ids: string[] = [];
    for (const link of links) {
      const guest = guests.find((g) => g.email === link.email);
      if (!guest) continue;
      const file = await this.calendar.personalFile(manager, [meetingId], {
        id: guest.id,
        name: guest.name,
        email: guest.email,
      });
      const row = await this.mail.record(
        {
          to: guest.email,
          template: MailTemplateName.MeetingGuestInvitation,
          params: {
            name: guest.name,
            meetingTitle: meeting.title,
            startsAt: meeting.startsAt.toISOString(),
            endsAt: meeting.endsAt.toISOString(),
            place: placeOf(meeting),
            onlineUrl: meeting.format === 'in_person' ? null : meeting.onlineUrl,
            organizer: meeting.organizerId ? (people.get(meeting.organizerId)?.name ?? null) : null,
            invitedBy: people.get(actor.accountId)?.name ?? 'Die Koordination',
            link: `${portal}/gast/${link.token}`,
          },
          attachments: file ? [icsAttachment(file)] : [],
        },
        manager,
      );
      ids.push(row.id);
    }
    return ids;
  }

  /**
   * Tells guests taken off the list of a meeting still to come, with a CANCEL .ics for their
   * calendar (people get the same through the notifications domain). Returns the outbox ids.
   */
  private async recordGuestRemovals(
    manager: EntityManager,
    actor: Actor,
    meeting: Meeting,
    removed: MeetingGuest[],
  ): Promise<string[]> {
    if (!removed.length || meeting.status !== 'scheduled' || meeting.endsAt.getTime() <= Date.now()) return [];
    const people = await peopleById(manager, [actor.accountId]);
    const ids: string[] = [];
    for (const guest of removed) {
      const files = await this.calendar.personalCancellations(
        manager,
        [meeting.id],
        { id: guest.id, name: guest.name, email: guest.email },
        { uninvite: true },
      );
      const row = await this.mail.record(
        {
          to: guest.email,
          template: MailTemplateName.MeetingGuestRemoved,
          params: {
            name: guest.name,
            meetingTitle: meeting.title,
            startsAt: meeting.startsAt.toISOString(),
            endsAt: meeting.endsAt.toISOString(),
            removedBy: people.get(actor.accountId)?.name ?? 'die Koordination',
          },
          attachments: files.map(icsAttachment),
        },
        manager,
      );
      ids.push(row.id);
    }
    return ids;
  }

  /** Makes the meeting's guest list the given one: new guests get a link (returned once). */
  private async replaceGuests(
    manager: EntityManager,
    actor: Actor,
    meetingId: string,
    guests: { name: string; email: string }[],
  ): Promise<{ links: GuestLink[]; removed: MeetingGuest[] }> {
    const current = await manager.find(MeetingGuest, { where: { meetingId } });
    const wanted = new Map(guests.map((g) => [g.email.trim().toLowerCase(), g.name.trim()]));
    const gone = current.filter((g) => !wanted.has(g.email));
    if (gone.length) await manager.delete(MeetingGuest, { id: In(gone.map((g) => g.id)) });
    const links: GuestLink[] = [];
    for (const [email, name] of wanted) {
      const existing = current.find((g) => g.email === email);
      if (existing) {
        if (existing.name !== name) await manager.update(MeetingGuest, { id: existing.id }, { name });
        continue;
      }
      const { token, hash } = newToken();
      await manager.insert(MeetingGuest, { meetingId, email, name, tokenHash: hash, invitedBy: actor.accountId });
      links.push({ email, token });
    }
    return { links, removed: gone };
  }
}

/** The .ics as an e-mail attachment; the content type names the file's own iTIP method (RFC 6047). */
function icsAttachment(file: PersonalCalendarFile): MailAttachment {
  return {
    filename: file.filename,
    contentType: `text/calendar; charset=utf-8; method=${file.method}`,
    content: file.body,
  };
}

/** A series' own reminder times as the api shows them (null: the defaults apply). */
function seriesReminders(series: MeetingSeries): SeriesRemindersStateDto {
  const own = (series.reminderSettings ?? {}) as {
    meetingReminders?: SeriesRemindersStateDto['meetingReminders'];
    agendaCallDaysBefore?: number;
  };
  return {
    meetingReminders: own.meetingReminders ?? null,
    agendaCallDaysBefore: own.agendaCallDaysBefore ?? null,
    version: series.version,
  };
}

/** The rule in words; '' for a rule that cannot be described, so the series' pages still load. */
function describeSafely(rule: MeetingSeries['rule']): string {
  try {
    return describeRule(rule);
  } catch {
    return '';
  }
}

/** Token → guest row, for the guest routes. */
export const guestTokenHash = hashToken;

const statusOrder = (s: string) => (s === 'accepted' ? 0 : s === 'proposed' ? 1 : 2);

function pickFields(source: object, fields: string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => f in record && f !== 'description').map((f) => [f, record[f]]));
}

/** Summary columns; `$1` must be the actor's id (for the own answer). */
export const SUMMARY_COLUMNS = `m.id, m.kind, m.title, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.format, m.status,
  m.address, m.room, m.series_id AS "seriesId",
  g.id AS "groupId", g.short_name AS "groupShortName", g.name AS "groupName",
  (SELECT r.answer FROM meeting_response r WHERE r.meeting_id = m.id AND r.account_id = $1) AS "myAnswer",
  (SELECT count(*)::int FROM meeting_response r WHERE r.meeting_id = m.id AND r.answer = 'yes' AND NOT r.waitlisted) AS "yesCount"`;

export interface SummaryRow {
  id: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  format: MeetingSummaryDto['format'];
  status: MeetingSummaryDto['status'];
  address: string | null;
  room: string | null;
  seriesId: string | null;
  groupId: string | null;
  groupShortName: string | null;
  groupName: string | null;
  myAnswer: MeetingSummaryDto['myAnswer'];
  yesCount: number;
}

interface DetailRow {
  description: string;
  onlineUrl: string | null;
  address: string | null;
  room: string | null;
  capacity: number | null;
  organizerId: string | null;
  cancelReason: string | null;
  inviteAll: boolean;
  callForItems: boolean;
  agendaVersion: number;
  icsSequence: number;
  version: number;
  occurrenceDate: string | null;
}

interface ResponseRow {
  accountId: string;
  answer: 'yes' | 'no' | 'maybe';
  mode: 'on_site' | 'online' | null;
  deputyId: string | null;
  comment: string | null;
  waitlisted: boolean;
  respondedAt: Date;
}

/** A summary row as the api returns it. */
export function toSummary(row: SummaryRow): MeetingSummaryDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    startsAt: new Date(row.startsAt).toISOString(),
    endsAt: new Date(row.endsAt).toISOString(),
    format: row.format,
    status: row.status,
    place: placeOf(row),
    hostGroup: row.groupId ? { id: row.groupId, shortName: row.groupShortName ?? '', name: row.groupName ?? '' } : null,
    seriesId: row.seriesId,
    myAnswer: row.myAnswer ?? null,
    yesCount: row.yesCount,
  };
}
