import { EntityManager } from 'typeorm';

/**
 * Moves waiting Zusagen up, earliest first, into the places that are free now (every waiting one
 * when the meeting has no capacity). Returns the promoted account ids. The caller holds the
 * meeting row lock, which serialises answers, so two transactions never fill the same place.
 */
export async function fillFreePlaces(manager: EntityManager, meetingIds: string[]): Promise<string[]> {
  if (!meetingIds.length) return [];
  // LIMIT NULL is no limit in PostgreSQL: a meeting without capacity takes everyone waiting.
  const [rows] = (await manager.query(
    `WITH free AS (
       SELECT m.id,
              CASE WHEN m.capacity IS NULL THEN NULL
                   ELSE greatest(m.capacity - (SELECT count(*) FROM meeting_response r
                                                WHERE r.meeting_id = m.id AND r.answer = 'yes' AND NOT r.waitlisted), 0)
              END AS places
         FROM meeting m WHERE m.id = ANY($1::uuid[])
     ), chosen AS (
       SELECT w.meeting_id, w.account_id
         FROM free f
         CROSS JOIN LATERAL (SELECT r.meeting_id, r.account_id FROM meeting_response r
                              WHERE r.meeting_id = f.id AND r.waitlisted
                              ORDER BY r.responded_at, r.account_id LIMIT f.places) w
     )
     UPDATE meeting_response r SET waitlisted = false, updated_at = now()
       FROM chosen c
      WHERE r.meeting_id = c.meeting_id AND r.account_id = c.account_id
      RETURNING r.account_id AS "accountId", r.responded_at AS "respondedAt"`,
    [meetingIds],
  )) as [{ accountId: string; respondedAt: Date }[], number];
  return [...rows]
    .sort((a, b) => new Date(a.respondedAt).getTime() - new Date(b.respondedAt).getTime())
    .map((r) => r.accountId);
}
