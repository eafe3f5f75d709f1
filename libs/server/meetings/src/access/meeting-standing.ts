import { Actor } from '@srp/server/identity';
import { EntityManager } from 'typeorm';
import { MeetingStanding } from './meeting-access';

/** The meeting row an access decision needs. */
export interface MeetingAccessRow {
  id: string;
  seriesId: string | null;
  hostGroupId: string | null;
  organizerId: string | null;
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  version: number;
}

/**
 * Loads a meeting with the actor's standing in one query; null when there is no such meeting.
 * `lock` takes the row lock for a change (the caller is in a transaction).
 */
export async function meetingWithStanding(
  manager: EntityManager,
  actor: Actor,
  meetingId: string,
  options: { lock?: boolean } = {},
): Promise<{ meeting: MeetingAccessRow; standing: MeetingStanding } | null> {
  const rows = (await manager.query(
    `SELECT m.id, m.series_id AS "seriesId", m.host_group_id AS "hostGroupId", m.organizer_id AS "organizerId",
            m.status, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.version,
            (SELECT gm.role FROM group_membership gm
              WHERE gm.group_id = m.host_group_id AND gm.account_id = $2 AND gm.status = 'active') AS "hostGroupRole",
            (m.invite_all
              OR EXISTS (SELECT 1 FROM meeting_person_invitation pi WHERE pi.meeting_id = m.id AND pi.account_id = $2)
              OR EXISTS (SELECT 1 FROM meeting_group_invitation gi
                           JOIN group_membership gm ON gm.group_id = gi.group_id AND gm.account_id = $2 AND gm.status = 'active'
                          WHERE gi.meeting_id = m.id)) AS invited,
            EXISTS (SELECT 1 FROM meeting_attendance a
                     WHERE a.meeting_id = m.id AND a.account_id = $2 AND a.status = 'present') AS attended
       FROM meeting m WHERE m.id = $1 ${options.lock ? 'FOR UPDATE OF m' : ''}`,
    [meetingId, actor.accountId],
  )) as Array<MeetingAccessRow & { hostGroupRole: 'lead' | 'member' | null; invited: boolean; attended: boolean }>;
  const row = rows[0];
  if (!row) return null;
  const { hostGroupRole, invited, attended, ...meeting } = row;
  return {
    meeting,
    standing: { isOrganizer: meeting.organizerId === actor.accountId, hostGroupRole, invited, attended },
  };
}

/**
 * SQL condition (on alias `m`) for the meetings an actor may see; `$n` is the actor's account id.
 * Used by the calendar, feeds and lists so they agree with `maySeeMeeting`.
 */
export function visibleMeetingsCondition(param: string, coordination: boolean): string {
  if (coordination) return 'TRUE';
  return `(m.invite_all OR m.organizer_id = ${param}
    OR EXISTS (SELECT 1 FROM meeting_person_invitation pi WHERE pi.meeting_id = m.id AND pi.account_id = ${param})
    OR EXISTS (SELECT 1 FROM meeting_group_invitation gi
                 JOIN group_membership gm ON gm.group_id = gi.group_id AND gm.account_id = ${param} AND gm.status = 'active'
                WHERE gi.meeting_id = m.id)
    OR EXISTS (SELECT 1 FROM group_membership hm
                WHERE hm.group_id = m.host_group_id AND hm.account_id = ${param} AND hm.status = 'active')
    OR EXISTS (SELECT 1 FROM meeting_attendance ma
                WHERE ma.meeting_id = m.id AND ma.account_id = ${param} AND ma.status = 'present'))`;
}
