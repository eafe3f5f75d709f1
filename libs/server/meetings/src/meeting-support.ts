import { createHash, randomBytes } from 'node:crypto';
import { Actor } from '@srp/server/identity';
import { DomainError } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { MeetingStanding } from './access/meeting-access';
import { MeetingAccessRow, meetingWithStanding } from './access/meeting-standing';
import { MeetingGroupRefDto, MeetingPersonDto } from './meetings.dto';

/** A 400 with one field error. */
export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', undefined, [{ field, code: 'invalid', message }]);

/** The stable calendar UID of a meeting. */
export const meetingUid = (meetingId: string) => `${meetingId}@smartregion-portal`;

/** A random URL token and the SHA-256 the database keeps. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The meeting and the actor's standing, or 404 when it does not exist or the actor may not see it. */
export async function visibleMeeting(
  manager: EntityManager,
  actor: Actor,
  meetingId: string,
  maySee: (actor: Actor, s: MeetingStanding) => boolean,
  options: { lock?: boolean } = {},
): Promise<{ meeting: MeetingAccessRow; standing: MeetingStanding }> {
  const found = await meetingWithStanding(manager, actor, meetingId, options);
  if (!found || !maySee(actor, found.standing)) throw new DomainError('NOT_FOUND');
  return found;
}

/** 409 with the current version when the client's is stale. */
export function assertVersion(current: number, given: number, what = 'Der Termin'): void {
  if (current !== given) {
    throw new DomainError(
      'CONFLICT',
      `${what} wurde inzwischen von jemand anderem geändert. Bitte laden Sie neu und wiederholen Sie Ihre Änderung.`,
      { currentVersion: current },
    );
  }
}

/** People by id with their organisation's name, in one query. */
export async function peopleById(
  manager: EntityManager,
  ids: Iterable<string>,
): Promise<Map<string, MeetingPersonDto>> {
  const list = [...new Set([...ids].filter(Boolean))];
  if (!list.length) return new Map();
  const rows = (await manager.query(
    `SELECT a.id, a.name, o.display_name AS organization
       FROM account a LEFT JOIN organization o ON o.id = a.organization_id
      WHERE a.id = ANY($1::uuid[])`,
    [list],
  )) as MeetingPersonDto[];
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, organization: r.organization ?? null }]));
}

/** Groups by id (short name and name), in one query. */
export async function groupsById(
  manager: EntityManager,
  ids: Iterable<string>,
): Promise<Map<string, MeetingGroupRefDto>> {
  const list = [...new Set([...ids].filter(Boolean))];
  if (!list.length) return new Map();
  const rows = (await manager.query(
    `SELECT id, short_name AS "shortName", name FROM working_group WHERE id = ANY($1::uuid[])`,
    [list],
  )) as MeetingGroupRefDto[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Address and room as one line. */
export function placeOf(m: { format: string; address: string | null; room: string | null }): string | null {
  if (m.format === 'online') return null;
  const parts = [m.address, m.room].filter((p): p is string => !!p?.trim());
  return parts.length ? parts.join(', ') : null;
}

/**
 * SQL (on alias `a`) for the active people a meeting invites: everyone, invited groups' active
 * members, people by name. `$1` is the meeting id.
 */
export const INVITEES_CONDITION = `a.status = 'active' AND (
  (SELECT invite_all FROM meeting WHERE id = $1)
  OR a.id IN (SELECT account_id FROM meeting_person_invitation WHERE meeting_id = $1)
  OR a.id IN (SELECT gm.account_id FROM meeting_group_invitation gi
                JOIN group_membership gm ON gm.group_id = gi.group_id AND gm.status = 'active'
               WHERE gi.meeting_id = $1))`;

/**
 * 409 while the meeting's minutes are in review or released: their text names the attendance and
 * the agenda, and a change would silently alter what the attendees approve or approved. Reads the
 * minutes table by plain SQL (the minutes lib builds on this one, not the other way round) and
 * holds a share lock, so the minutes cannot be submitted meanwhile. `what` completes the sentence,
 * e.g. 'die Anwesenheit'.
 */
export async function assertMinutesOpen(manager: EntityManager, meetingId: string, what: string): Promise<void> {
  const [minutes] = (await manager.query(`SELECT status FROM minutes WHERE meeting_id = $1 FOR SHARE`, [
    meetingId,
  ])) as { status: string }[];
  if (minutes && minutes.status !== 'draft') {
    throw new DomainError(
      'CONFLICT',
      `Das Protokoll ist bereits in Abstimmung oder freigegeben; ${what} ändern Sie über eine neue Fassung des Protokolls.`,
      { minutesStatus: minutes.status },
    );
  }
}

/** The ids of the active people a meeting invites (see INVITEES_CONDITION). */
export async function activeInvitees(manager: EntityManager, meetingId: string): Promise<string[]> {
  const rows = (await manager.query(`SELECT a.id FROM account a WHERE ${INVITEES_CONDITION}`, [meetingId])) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

/** Meetings I am invited to, organise, or whose host group I belong to (my calendar, my feed). */
export function mineCondition(param: string): string {
  return `(m.invite_all OR m.organizer_id = ${param}
    OR EXISTS (SELECT 1 FROM meeting_person_invitation pi WHERE pi.meeting_id = m.id AND pi.account_id = ${param})
    OR EXISTS (SELECT 1 FROM meeting_group_invitation gi
                 JOIN group_membership gm ON gm.group_id = gi.group_id AND gm.account_id = ${param} AND gm.status = 'active'
                WHERE gi.meeting_id = m.id)
    OR EXISTS (SELECT 1 FROM group_membership hm
                WHERE hm.group_id = m.host_group_id AND hm.account_id = ${param} AND hm.status = 'active'))`;
}
