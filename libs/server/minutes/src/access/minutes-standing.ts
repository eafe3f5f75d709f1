import { MinutesPublishLevel } from '@srp/contracts';
import { Actor } from '@srp/server/identity';
import { MeetingAccessRow, MeetingStanding, meetingWithStanding } from '@srp/server/meetings';
import { DomainError, inParallel } from '@srp/server/platform';
import { EntityManager } from 'typeorm';
import { Minutes } from '../entities/minutes.entity';
import { MinutesState, MinutesView, minutesView } from './minutes-access';

/** A released revision without its snapshot. */
export interface ReleaseRow {
  revision: number;
  releasedAt: Date;
  releasedBy: string | null;
  changeNote: string | null;
  publishLevel: MinutesPublishLevel;
}

/** The minutes with the meeting, the actor's standing and the view they get. */
export interface LoadedMinutes {
  minutes: Minutes;
  meeting: MeetingAccessRow;
  standing: MeetingStanding;
  state: MinutesState;
  view: MinutesView;
  /** Released revisions, newest first. */
  releases: ReleaseRow[];
}

/**
 * Loads minutes (by id or by meeting) with everything an access decision needs; null when there
 * are none or the actor may not see them (both answered as 404). `lock` takes the minutes row lock
 * for a change ('update') or keeps it from changing meanwhile ('share'); the caller is in a
 * transaction then.
 */
export async function loadMinutes(
  manager: EntityManager,
  actor: Actor,
  key: { id: string } | { meetingId: string },
  lock?: 'update' | 'share',
): Promise<LoadedMinutes | null> {
  const query = manager.createQueryBuilder(Minutes, 'm');
  if ('id' in key) query.where('m.id = :id', { id: key.id });
  else query.where('m.meeting_id = :meetingId', { meetingId: key.meetingId });
  if (lock) query.setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read');
  const minutes = await query.getOne();
  if (!minutes) return null;
  const [found, releases] = await inParallel(manager, [
    () => meetingWithStanding(manager, actor, minutes.meetingId),
    () =>
      manager.query(
        `SELECT r.revision, r.released_at AS "releasedAt", a.name AS "releasedBy", r.change_note AS "changeNote",
              r.snapshot->>'publishLevel' AS "publishLevel"
         FROM minutes_revision r LEFT JOIN account a ON a.id = r.released_by
        WHERE r.minutes_id = $1 ORDER BY r.revision DESC`,
        [minutes.id],
      ) as Promise<ReleaseRow[]>,
  ]);
  if (!found) return null;
  const state: MinutesState = {
    status: minutes.status,
    releasedLevel: releases[0]?.publishLevel ?? null,
    reviewDeadline: minutes.reviewDeadline,
  };
  const view = minutesView(actor, found.standing, state);
  if (!view) return null;
  return { minutes, meeting: found.meeting, standing: found.standing, state, view, releases };
}

/** Like loadMinutes, but 404 instead of null. */
export async function visibleMinutes(
  manager: EntityManager,
  actor: Actor,
  key: { id: string } | { meetingId: string },
  lock?: 'update' | 'share',
): Promise<LoadedMinutes> {
  const loaded = await loadMinutes(manager, actor, key, lock);
  if (!loaded) throw new DomainError('NOT_FOUND');
  return loaded;
}
