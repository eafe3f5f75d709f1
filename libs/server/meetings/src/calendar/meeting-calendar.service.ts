import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MEETING_KINDS, MeetingKind, RsvpAnswer } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import { AppConfig, DomainError, renderMarkdown } from '@srp/server/platform';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { maySeeMeeting } from '../access/meeting-access';
import { CalendarFeed } from '../entities/calendar-feed.entity';
import { MeetingGuest } from '../entities/meeting-guest.entity';
import { buildCalendar, icsFileName, IcsEvent, IcsPartstat } from '../ical';
import { hashToken, meetingUid, mineCondition, newToken, placeOf, visibleMeeting } from '../meeting-support';
import { CalendarFeedDto, GuestMeetingDto } from '../meetings.dto';

const KIND_LABELS: Record<MeetingKind, string> = {
  monatsrunde: 'Monatsrunde',
  uag_sitzung: 'UAG-Sitzung',
  workshop: 'Workshop',
  messe: 'Messe/Kongress',
  sonstiges: 'Sonstiges',
};

const PARTSTAT: Record<RsvpAnswer, IcsPartstat> = { yes: 'ACCEPTED', no: 'DECLINED', maybe: 'TENTATIVE' };

/** Feeds reach this far back and ahead. */
const FEED_PAST_DAYS = 90;
const FEED_FUTURE_DAYS = 400;
/** Feeds note their use at most this often (a calendar polls every few minutes). */
const FEED_TOUCH_MS = 60 * 60 * 1000;

interface CalendarRow {
  id: string;
  kind: MeetingKind;
  title: string;
  description: string;
  format: string;
  onlineUrl: string | null;
  address: string | null;
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'cancelled';
  icsSequence: number;
  createdAt: Date;
  updatedAt: Date;
  groupShortName: string | null;
  /** Only in a single meeting's file: feeds carry no participants. */
  organizerName?: string | null;
  organizerEmail?: string | null;
}

const CALENDAR_COLUMNS = `m.id, m.kind, m.title, m.description, m.format, m.online_url AS "onlineUrl", m.address, m.room,
  m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.status, m.ics_sequence AS "icsSequence",
  m.created_at AS "createdAt", m.updated_at AS "updatedAt", g.short_name AS "groupShortName"`;

/** iCalendar files of meetings, private subscription feeds, and the guests' access by link. */
/** A personal .ics for an e-mail, with its iTIP method (the attachment's content type names it too). */
export interface PersonalCalendarFile {
  filename: string;
  body: string;
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

@Injectable()
export class MeetingCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** One meeting as an invitation (REQUEST) or, once cancelled, a cancellation (CANCEL) for the actor. */
  async meetingFile(actor: Actor, meetingId: string): Promise<{ body: string; meeting: CalendarRow }> {
    const manager = this.dataSource.manager;
    await visibleMeeting(manager, actor, meetingId, maySeeMeeting);
    const meeting = await this.calendarRow(manager, meetingId);
    const [me] = (await manager.query(
      `SELECT a.name, a.email, r.answer
         FROM account a
         LEFT JOIN meeting_response r ON r.meeting_id = $2 AND r.account_id = a.id
        WHERE a.id = $1`,
      [actor.accountId, meetingId],
    )) as { name: string; email: string; answer: RsvpAnswer | null }[];
    const event = this.event(meeting);
    event.organizer = organizerOf(meeting);
    if (me)
      event.attendees = [
        { name: me.name, email: me.email, partstat: me.answer ? PARTSTAT[me.answer] : 'NEEDS-ACTION' },
      ];
    return { body: buildCalendar({ method: this.method(meeting), events: [event] }), meeting };
  }

  /**
   * The .ics a notification e-mail carries for one person about one meeting (an iTIP REQUEST, or
   * CANCEL once cancelled) or several meetings of a series (one PUBLISH file to import). No access
   * check: the caller (the notifications domain) sends it to people the meetings invite.
   */
  async personalFile(
    manager: EntityManager,
    meetingIds: string[],
    person: { id: string; name: string; email: string },
  ): Promise<PersonalCalendarFile | null> {
    const rows = await this.personalRows(manager, meetingIds, person.id);
    const first = rows[0];
    if (!first) return null;
    const events = rows.map((m) => this.personalEvent(m, person));
    const method = rows.length === 1 ? this.method(first) : 'PUBLISH';
    return {
      filename: icsFileName(first.title, new Date(first.startsAt)),
      body: buildCalendar({ method, events }),
      method,
    };
  }

  /**
   * One iTIP CANCEL per meeting (iTIP allows one UID per message; a PUBLISH of cancelled events
   * does not remove them from a calendar): for cancelled meetings, or with `uninvite` for someone
   * taken off meetings that go on (no STATUS, the title unchanged: their calendar only). A meeting
   * without organiser gets a PUBLISH of its current state instead, as its invitation was one.
   */
  async personalCancellations(
    manager: EntityManager,
    meetingIds: string[],
    person: { id: string; name: string; email: string },
    options: { uninvite?: boolean } = {},
  ): Promise<PersonalCalendarFile[]> {
    const rows = await this.personalRows(manager, meetingIds, person.id);
    return rows
      .filter((m) => m.organizerEmail || !options.uninvite)
      .map((m) => {
        const method = m.organizerEmail ? ('CANCEL' as const) : ('PUBLISH' as const);
        const event = { ...this.personalEvent(m, person), uninvite: options.uninvite };
        return {
          filename: icsFileName(m.title, new Date(m.startsAt)),
          body: buildCalendar({ method, events: [event] }),
          method,
        };
      });
  }

  private personalEvent(
    m: CalendarRow & { answer: RsvpAnswer | null },
    person: { name: string; email: string },
  ): IcsEvent {
    const event = this.event(m);
    event.organizer = organizerOf(m);
    event.attendees = [
      { name: person.name, email: person.email, partstat: m.answer ? PARTSTAT[m.answer] : 'NEEDS-ACTION' },
    ];
    return event;
  }

  private async personalRows(
    manager: EntityManager,
    meetingIds: string[],
    personId: string,
  ): Promise<Array<CalendarRow & { answer: RsvpAnswer | null }>> {
    return (await manager.query(
      `SELECT ${CALENDAR_COLUMNS}, o.name AS "organizerName", o.email AS "organizerEmail", r.answer
         FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id
         LEFT JOIN account o ON o.id = m.organizer_id
         LEFT JOIN meeting_response r ON r.meeting_id = m.id AND r.account_id = $2
        WHERE m.id = ANY($1::uuid[]) ORDER BY m.starts_at`,
      [meetingIds, personId],
    )) as Array<CalendarRow & { answer: RsvpAnswer | null }>;
  }

  /** The actor's feed: whether it exists, and the groups its address also opens. */
  async feed(actor: Actor): Promise<CalendarFeedDto> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, {
      accountId: actor.accountId,
      revokedAt: IsNull(),
    });
    return this.feedDto(actor, feed, null);
  }

  /** Creates a new private address (revoking the old one); the address is shown only in this answer. */
  async renewFeed(actor: Actor, origin: AuditOrigin): Promise<CalendarFeedDto> {
    const { feed, token } = await this.dataSource.transaction(async (manager) => {
      const revoked = await this.revoke(manager, actor.accountId);
      const { token, hash } = newToken();
      const feed = await manager.save(manager.create(CalendarFeed, { accountId: actor.accountId, tokenHash: hash }));
      await this.audit.record(
        origin,
        { action: 'calendar_feed.created', subjectType: 'account', subjectId: actor.accountId, details: { revoked } },
        manager,
      );
      return { feed, token };
    });
    return this.feedDto(actor, feed, `${this.config.PUBLIC_URL}/api/calendar/feeds/${token}.ics`);
  }

  /** Revokes the private address: calendars subscribed to it get 404 from now on. */
  async revokeFeed(actor: Actor, origin: AuditOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.revoke(manager, actor.accountId);
      if (!revoked) throw new DomainError('NOT_FOUND');
      await this.audit.record(
        origin,
        { action: 'calendar_feed.revoked', subjectType: 'account', subjectId: actor.accountId, details: {} },
        manager,
      );
    });
  }

  /** The feed behind a token: the owner's meetings, or (with `groupId`) a group's; 404 for anything else. */
  async feedFile(token: string, groupId: string | null): Promise<string> {
    const manager = this.dataSource.manager;
    const [owner] = (await manager.query(
      `SELECT f.id AS "feedId", f.last_used_at AS "lastUsedAt", a.id, a.role
         FROM calendar_feed f JOIN account a ON a.id = f.account_id AND a.status = 'active'
        WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [hashToken(token)],
    )) as { feedId: string; lastUsedAt: Date | null; id: string; role: Actor['role'] }[];
    if (!owner) throw new DomainError('NOT_FOUND');
    // $3 is the owner for their own feed, or the group for a group feed (every parameter must be used).
    const params: unknown[] = [FEED_PAST_DAYS, FEED_FUTURE_DAYS, owner.id];
    let where = mineCondition('$3');
    let name = 'SmartRegion: Meine Termine';
    if (groupId) {
      const [group] = (await manager.query(
        `SELECT g.short_name AS "shortName",
                EXISTS (SELECT 1 FROM group_membership gm WHERE gm.group_id = g.id AND gm.account_id = $2 AND gm.status = 'active') AS member
           FROM working_group g WHERE g.id = $1`,
        [groupId, owner.id],
      )) as { shortName: string; member: boolean }[];
      const coordination = owner.role === 'coordinator' || owner.role === 'admin';
      if (!group || (!group.member && !coordination)) throw new DomainError('NOT_FOUND');
      params[2] = groupId;
      where = `(m.host_group_id = $3 OR EXISTS (SELECT 1 FROM meeting_group_invitation gi WHERE gi.meeting_id = m.id AND gi.group_id = $3))`;
      name = `SmartRegion: ${group.shortName}`;
    }
    const rows = (await manager.query(
      `SELECT ${CALENDAR_COLUMNS} FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id
        WHERE m.starts_at > now() - make_interval(days => $1) AND m.starts_at < now() + make_interval(days => $2)
          AND ${where}
        ORDER BY m.starts_at LIMIT 2000`,
      params,
    )) as CalendarRow[];
    if (!owner.lastUsedAt || Date.now() - new Date(owner.lastUsedAt).getTime() > FEED_TOUCH_MS) {
      await manager.query(`UPDATE calendar_feed SET last_used_at = now() WHERE id = $1`, [owner.feedId]);
    }
    // No attendees, no organiser: feeds carry no participants' names.
    return buildCalendar({ method: 'PUBLISH', name, events: rows.map((r) => this.event(r)) });
  }

  /** What a guest sees through their link. */
  async guestView(token: string): Promise<GuestMeetingDto> {
    const manager = this.dataSource.manager;
    const guest = await this.guestByToken(manager, token);
    const meeting = await this.calendarRow(manager, guest.meetingId);
    const agenda = (await manager.query(
      `SELECT title FROM agenda_item WHERE meeting_id = $1 AND status = 'accepted' ORDER BY position`,
      [guest.meetingId],
    )) as { title: string }[];
    return {
      guestName: guest.name,
      answer: guest.answer,
      kind: meeting.kind,
      title: meeting.title,
      descriptionHtml: renderMarkdown(meeting.description),
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      format: meeting.format as GuestMeetingDto['format'],
      status: meeting.status,
      onlineUrl: meeting.status === 'scheduled' ? meeting.onlineUrl : null,
      place: placeOf(meeting),
      agenda: agenda.map((a) => a.title),
    };
  }

  /** A guest answers; audited with the guest as the subject. */
  async guestAnswer(token: string, answer: RsvpAnswer, origin: AuditOrigin): Promise<GuestMeetingDto> {
    await this.dataSource.transaction(async (manager) => {
      const guest = await this.guestByToken(manager, token);
      const meeting = await this.calendarRow(manager, guest.meetingId);
      if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
      if (meeting.endsAt.getTime() < Date.now()) throw new DomainError('CONFLICT', 'Der Termin ist bereits vorbei.');
      await manager.update(MeetingGuest, { id: guest.id }, { answer, answeredAt: new Date() });
      await this.audit.record(
        origin,
        {
          action: 'meeting.guest_answered',
          subjectType: 'meeting',
          subjectId: guest.meetingId,
          details: { guestId: guest.id, before: { answer: guest.answer }, after: { answer } },
        },
        manager,
      );
    });
    return this.guestView(token);
  }

  /** The guest's calendar file (with the guest as attendee). */
  async guestFile(token: string): Promise<{ body: string; meeting: CalendarRow }> {
    const manager = this.dataSource.manager;
    const guest = await this.guestByToken(manager, token);
    const meeting = await this.calendarRow(manager, guest.meetingId);
    const event = this.event(meeting, `${this.config.PUBLIC_URL}/gast/${token}`);
    event.organizer = organizerOf(meeting);
    event.attendees = [
      { name: guest.name, email: guest.email, partstat: guest.answer ? PARTSTAT[guest.answer] : 'NEEDS-ACTION' },
    ];
    return { body: buildCalendar({ method: this.method(meeting), events: [event] }), meeting };
  }

  // -------------------------------------------------------------------------------------------

  /**
   * REQUEST and CANCEL need an ORGANIZER (RFC 5546); a meeting without one (the account was
   * deleted) is published instead, which calendars import without a reply button.
   */
  private method(m: CalendarRow): 'REQUEST' | 'CANCEL' | 'PUBLISH' {
    if (!m.organizerEmail) return 'PUBLISH';
    return m.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  }

  private event(m: CalendarRow, pageUrl = `${this.config.PUBLIC_URL}/termine/${m.id}`): IcsEvent {
    const description = [m.description.trim()].filter(Boolean).join('\n\n');
    return {
      uid: meetingUid(m.id),
      sequence: m.icsSequence,
      status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      startsAt: new Date(m.startsAt),
      endsAt: new Date(m.endsAt),
      title: m.status === 'cancelled' ? `Abgesagt: ${m.title}` : m.title,
      description: description || undefined,
      location: placeOf(m) ?? undefined,
      url: pageUrl,
      joinUrl: m.format !== 'in_person' ? (m.onlineUrl ?? undefined) : undefined,
      lastModified: new Date(m.updatedAt),
      created: new Date(m.createdAt),
      categories: [KIND_LABELS[m.kind] ?? MEETING_KINDS[0], ...(m.groupShortName ? [m.groupShortName] : [])],
    };
  }

  private async calendarRow(manager: EntityManager, meetingId: string): Promise<CalendarRow> {
    const [row] = (await manager.query(
      `SELECT ${CALENDAR_COLUMNS}, o.name AS "organizerName", o.email AS "organizerEmail"
         FROM meeting m LEFT JOIN working_group g ON g.id = m.host_group_id
         LEFT JOIN account o ON o.id = m.organizer_id WHERE m.id = $1`,
      [meetingId],
    )) as CalendarRow[];
    if (!row) throw new DomainError('NOT_FOUND');
    return row;
  }

  private async guestByToken(manager: EntityManager, token: string): Promise<MeetingGuest> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError('NOT_FOUND');
    const guest = await manager.findOneBy(MeetingGuest, { tokenHash: hashToken(token) });
    if (!guest) throw new DomainError('NOT_FOUND');
    return guest;
  }

  private async revoke(manager: EntityManager, accountId: string): Promise<boolean> {
    const result = await manager.update(CalendarFeed, { accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  private async feedDto(actor: Actor, feed: CalendarFeed | null, url: string | null): Promise<CalendarFeedDto> {
    const groups = (await this.dataSource.query(
      isCoordination(actor)
        ? `SELECT id, short_name AS "shortName", name FROM working_group WHERE status = 'active' ORDER BY number NULLS LAST, name`
        : `SELECT g.id, g.short_name AS "shortName", g.name FROM working_group g
             JOIN group_membership gm ON gm.group_id = g.id AND gm.account_id = $1 AND gm.status = 'active'
            WHERE g.status = 'active' ORDER BY g.number NULLS LAST, g.name`,
      isCoordination(actor) ? [] : [actor.accountId],
    )) as CalendarFeedDto['groups'];
    return {
      active: !!feed,
      createdAt: feed?.createdAt.toISOString() ?? null,
      lastUsedAt: feed?.lastUsedAt ? new Date(feed.lastUsedAt).toISOString() : null,
      url,
      groups,
    };
  }
}

/** The meeting's organiser for a single meeting's file, if there is one. */
function organizerOf(m: CalendarRow): IcsEvent['organizer'] {
  return m.organizerEmail ? { name: m.organizerName ?? '', email: m.organizerEmail } : undefined;
}
