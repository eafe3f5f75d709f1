import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceStatus } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService } from '@srp/server/identity';
import { DomainError, FieldError } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { mayAnswerMeeting, mayManageMeeting, maySeeMeeting } from '../access/meeting-access';
import { MeetingAttendance } from '../entities/meeting-attendance.entity';
import { MeetingResponse } from '../entities/meeting-response.entity';
import { Meeting } from '../entities/meeting.entity';
import {
  assertMinutesOpen,
  assertVersion,
  invalid,
  INVITEES_CONDITION,
  peopleById,
  visibleMeeting,
} from '../meeting-support';
import { AnswerMeetingDto, AttendanceRowDto, AttendanceSheetDto, RecordAttendanceDto } from '../meetings.dto';
import { fillFreePlaces } from './waiting-list';

/** Answers to invitations (with capacity and waiting list) and recorded attendance. */
@Injectable()
export class MeetingAnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Zusage, Absage or Vielleicht; a Zusage beyond the capacity joins the waiting list. */
  async answer(actor: Actor, meetingId: string, input: AnswerMeetingDto, origin: AuditOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The meeting row lock serialises answers, so the capacity is never exceeded.
      const { standing } = await visibleMeeting(manager, actor, meetingId, maySeeMeeting, { lock: true });
      if (!mayAnswerMeeting(actor, standing)) {
        throw new DomainError('FORBIDDEN', 'Antworten können nur eingeladene Personen.');
      }
      const meeting = await manager.findOneByOrFail(Meeting, { id: meetingId });
      if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
      if (meeting.endsAt.getTime() < Date.now()) throw new DomainError('CONFLICT', 'Der Termin ist bereits vorbei.');
      const mode = meeting.format === 'hybrid' && input.answer !== 'no' ? (input.mode ?? null) : null;
      const deputyId = input.deputyId ?? null;
      if (deputyId) await this.assertDeputy(manager, actor, deputyId);
      const before = await manager.findOneBy(MeetingResponse, { meetingId, accountId: actor.accountId });
      const wasConfirmed = before?.answer === 'yes' && !before.waitlisted;
      let waitlisted = false;
      if (input.answer === 'yes' && !wasConfirmed && meeting.capacity !== null) {
        const [{ taken }] = (await manager.query(
          `SELECT count(*)::int AS taken FROM meeting_response WHERE meeting_id = $1 AND answer = 'yes' AND NOT waitlisted`,
          [meetingId],
        )) as { taken: number }[];
        waitlisted = taken >= meeting.capacity;
      }
      const keepsQueuePlace = before?.answer === 'yes' && input.answer === 'yes';
      await manager.upsert(
        MeetingResponse,
        {
          meetingId,
          accountId: actor.accountId,
          answer: input.answer,
          mode,
          deputyId,
          comment: input.comment?.trim() || null,
          waitlisted: keepsQueuePlace ? (before?.waitlisted ?? false) : waitlisted,
          respondedAt: keepsQueuePlace && before ? before.respondedAt : new Date(),
          updatedAt: new Date(),
        },
        ['meetingId', 'accountId'],
      );
      // Whoever left frees a place; places freed otherwise (e.g. before a capacity change) are taken
      // now too, in queue order, which also moves a waiting person up who answers again.
      const promoted = await fillFreePlaces(manager, [meetingId]);
      const stillWaiting =
        (keepsQueuePlace ? (before?.waitlisted ?? false) : waitlisted) && !promoted.includes(actor.accountId);
      await this.audit.record(
        origin,
        {
          action: 'meeting.answered',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: {
            before: before ? { answer: before.answer, waitlisted: before.waitlisted } : null,
            after: {
              answer: input.answer,
              mode,
              deputyId,
              waitlisted: stillWaiting,
            },
            promotedFromWaitlist: promoted.filter((accountId) => accountId !== actor.accountId),
          },
        },
        manager,
      );
    });
  }

  /** Who took part: recorded rows, or suggestions from the answers until the organiser records them. */
  async sheet(actor: Actor, meetingId: string): Promise<AttendanceSheetDto> {
    const manager = this.dataSource.manager;
    const { meeting, standing } = await visibleMeeting(manager, actor, meetingId, maySeeMeeting);
    if (!mayManageMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
    const [invitees, responses, recorded] = await Promise.all([
      manager.query(`SELECT a.id FROM account a WHERE ${INVITEES_CONDITION}`, [meetingId]) as Promise<{ id: string }[]>,
      manager.find(MeetingResponse, { where: { meetingId } }),
      manager.find(MeetingAttendance, { where: { meetingId } }),
    ]);
    const answers = new Map(responses.map((r) => [r.accountId, r]));
    const rows = new Map<string, Omit<AttendanceRowDto, 'person' | 'deputyFor'> & { deputyFor: string | null }>();
    if (recorded.length) {
      for (const r of recorded) {
        rows.set(r.accountId, {
          answer: answers.get(r.accountId)?.answer ?? null,
          status: r.status,
          mode: r.mode,
          deputyFor: r.deputyFor,
          recorded: true,
        });
      }
    }
    // Invitees and answerers not yet recorded: a suggestion from their answer.
    for (const id of new Set([...invitees.map((i) => i.id), ...responses.map((r) => r.accountId)])) {
      if (rows.has(id)) continue;
      const a = answers.get(id);
      const sendsDeputy = a?.answer === 'yes' && a.deputyId;
      const status: AttendanceStatus =
        a?.answer === 'yes' && !sendsDeputy && !a.waitlisted
          ? 'present'
          : a?.answer === 'no' || sendsDeputy
            ? 'excused'
            : 'absent';
      rows.set(id, { answer: a?.answer ?? null, status, mode: a?.mode ?? null, deputyFor: null, recorded: false });
      if (sendsDeputy && a.deputyId && !rows.has(a.deputyId)) {
        rows.set(a.deputyId, { answer: null, status: 'present', mode: a.mode, deputyFor: id, recorded: false });
      }
    }
    const people = await peopleById(manager, [...rows.keys(), ...[...rows.values()].map((r) => r.deputyFor ?? '')]);
    const list: AttendanceRowDto[] = [...rows.entries()]
      .flatMap(([id, r]) => {
        const person = people.get(id);
        return person ? [{ id, r, person }] : [];
      })
      .map(({ r, person }) => ({
        ...r,
        person,
        deputyFor: r.deputyFor ? (people.get(r.deputyFor) ?? null) : null,
      }))
      .sort((a, b) => a.person.name.localeCompare(b.person.name, 'de'));
    const presentByOrganization: Record<string, number> = {};
    for (const r of list) {
      if (r.status !== 'present') continue;
      const key = r.person.organization ?? 'ohne Organisation';
      presentByOrganization[key] = (presentByOrganization[key] ?? 0) + 1;
    }
    return { rows: list, recorded: recorded.length > 0, presentByOrganization, version: meeting.version };
  }

  /** Records attendance (the whole list at once). */
  async record(
    actor: Actor,
    meetingId: string,
    input: RecordAttendanceDto,
    origin: AuditOrigin,
  ): Promise<AttendanceSheetDto> {
    await this.dataSource.transaction(async (manager) => {
      const { meeting, standing } = await visibleMeeting(manager, actor, meetingId, maySeeMeeting, { lock: true });
      if (!mayManageMeeting(actor, standing)) throw new DomainError('FORBIDDEN');
      assertVersion(meeting.version, input.version);
      if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'Der Termin ist abgesagt.');
      if (new Date(meeting.startsAt).getTime() - Date.now() > 24 * 60 * 60 * 1000) {
        throw new DomainError('CONFLICT', 'Die Anwesenheit erfassen Sie am Tag des Termins oder danach.');
      }
      await assertMinutesOpen(manager, meetingId, 'die Anwesenheit');
      const ids = input.rows.map((r) => r.accountId);
      if (new Set(ids).size !== ids.length) throw invalid('rows', 'Jede Person darf nur einmal vorkommen.');
      const deputyFor = input.rows.flatMap((r) => (r.deputyFor ? [r.deputyFor] : []));
      const accounts = (await manager.query(
        `SELECT id, status, organization_id AS "organizationId" FROM account WHERE id = ANY($1::uuid[])`,
        [[...ids, ...deputyFor]],
      )) as { id: string; status: string; organizationId: string | null }[];
      const byId = new Map(accounts.map((a) => [a.id, a]));
      const errors = input.rows.flatMap((r, index) => {
        const account = byId.get(r.accountId);
        const found: FieldError[] = [];
        if (!account) {
          found.push(fieldError(`rows.${index}.accountId`, 'Diese Person gibt es nicht.'));
        } else if (account.status !== 'active') {
          found.push(fieldError(`rows.${index}.accountId`, 'Diese Person hat kein aktives Konto im Portal.'));
        }
        if (r.deputyFor && !byId.has(r.deputyFor)) {
          found.push(fieldError(`rows.${index}.deputyFor`, 'Die vertretene Person gibt es nicht.'));
        }
        return found;
      });
      if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
      const orgs = new Map(accounts.map((a) => [a.id, a.organizationId]));
      const before = await manager.find(MeetingAttendance, { where: { meetingId } });
      await manager.delete(MeetingAttendance, { meetingId });
      if (input.rows.length) {
        await manager.insert(
          MeetingAttendance,
          input.rows.map((r) => ({
            meetingId,
            accountId: r.accountId,
            status: r.status,
            mode: r.mode ?? null,
            deputyFor: r.deputyFor ?? null,
            organizationId: orgs.get(r.accountId) ?? null,
            recordedBy: actor.accountId,
          })),
        );
      }
      await manager.query(`UPDATE meeting SET version = version + 1, updated_at = now() WHERE id = $1`, [meetingId]);
      await this.audit.record(
        origin,
        {
          action: 'meeting.attendance_recorded',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: {
            before: { present: before.filter((r) => r.status === 'present').length, rows: before.length },
            after: { present: input.rows.filter((r) => r.status === 'present').length, rows: input.rows.length },
            changes: attendanceChanges(before, input.rows),
          },
        },
        manager,
      );
    });
    return this.sheet(actor, meetingId);
  }

  private async assertDeputy(manager: EntityManager, actor: Actor, deputyId: string): Promise<void> {
    if (deputyId === actor.accountId) throw invalid('deputyId', 'Sie können sich nicht selbst vertreten.');
    const [row] = (await manager.query(
      `SELECT organization_id AS "organizationId" FROM account WHERE id = $1 AND status = 'active'`,
      [deputyId],
    )) as { organizationId: string | null }[];
    if (!row || !actor.organizationId || row.organizationId !== actor.organizationId) {
      throw invalid('deputyId', 'Als Vertretung können Sie nur eine Person Ihrer Organisation nennen.');
    }
  }
}

const fieldError = (field: string, message: string): FieldError => ({ field, code: 'invalid', message });

/** Whose status changed (added and removed rows included, as null), for the audit. */
function attendanceChanges(
  before: { accountId: string; status: AttendanceStatus }[],
  after: { accountId: string; status: AttendanceStatus }[],
): { accountId: string; before: AttendanceStatus | null; after: AttendanceStatus | null }[] {
  const old = new Map(before.map((r) => [r.accountId, r.status]));
  const now = new Map(after.map((r) => [r.accountId, r.status]));
  return [...new Set([...old.keys(), ...now.keys()])]
    .map((accountId) => ({ accountId, before: old.get(accountId) ?? null, after: now.get(accountId) ?? null }))
    .filter((c) => c.before !== c.after);
}
