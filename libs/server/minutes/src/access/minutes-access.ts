import { MinutesPublishLevel, MinutesStatus } from '@srp/contracts';
import { Actor } from '@srp/server/identity';
import { mayManageMeeting, maySeeMeeting, MeetingStanding } from '@srp/server/meetings';

/** What an access decision needs to know about the minutes. */
export interface MinutesState {
  status: MinutesStatus;
  /** Publish level of the latest released revision; null before the first release. */
  releasedLevel: MinutesPublishLevel | null;
  /** Last day of the review (Europe/Berlin, inclusive), YYYY-MM-DD. */
  reviewDeadline: string | null;
}

/**
 * Which text a reader gets: the working copy (live tables), the latest released revision (its
 * frozen snapshot, while a newer revision is prepared), or nothing (404).
 */
export type MinutesView = 'working' | 'released' | null;

/** Writes, submits, reopens, releases and revises the minutes: whoever manages the meeting. */
export function mayManageMinutes(actor: Actor, s: MeetingStanding): boolean {
  return mayManageMeeting(actor, s);
}

/** Reads a released revision: everyone signed in ('initiative') or whoever may see the meeting ('group'). */
export function mayReadReleased(actor: Actor, s: MeetingStanding, level: MinutesPublishLevel): boolean {
  return level === 'initiative' || maySeeMeeting(actor, s) || mayManageMeeting(actor, s);
}

/** The view an actor gets of the minutes (null: they are invisible, answered as 404). */
export function minutesView(actor: Actor, s: MeetingStanding, state: MinutesState): MinutesView {
  if (mayManageMinutes(actor, s)) return 'working';
  if (state.status === 'in_review' && s.attended) return 'working';
  const readsReleased = state.releasedLevel !== null && mayReadReleased(actor, s, state.releasedLevel);
  if (!readsReleased) return null;
  return state.status === 'released' ? 'working' : 'released';
}

/** Confidential entries: managers, and attendees while the minutes are in review. */
export function maySeeConfidential(actor: Actor, s: MeetingStanding, state: MinutesState, view: MinutesView): boolean {
  return mayManageMinutes(actor, s) || (view === 'working' && state.status === 'in_review' && s.attended);
}

/** Whether the review deadline has passed on `today` (both YYYY-MM-DD, Europe/Berlin). */
export function reviewClosed(state: MinutesState, today: string): boolean {
  return state.reviewDeadline !== null && today > state.reviewDeadline;
}

/** What the UI may offer; the service checks the same rules again on every change. */
export interface MinutesPermissions {
  edit: boolean;
  submit: boolean;
  reopen: boolean;
  approve: boolean;
  release: boolean;
  revise: boolean;
  comment: boolean;
  export: boolean;
  exportConfidential: boolean;
}

/** The permissions of one actor on the minutes as shown in `view`. */
export function minutesPermissions(
  actor: Actor,
  s: MeetingStanding,
  state: MinutesState,
  view: MinutesView,
  context: { approvedByMe: boolean; today: string },
): MinutesPermissions {
  const manage = mayManageMinutes(actor, s);
  const working = view === 'working';
  const { status } = state;
  const released = state.releasedLevel !== null;
  return {
    edit: working && manage && status === 'draft',
    submit: working && manage && status === 'draft',
    reopen: working && manage && status === 'in_review',
    approve:
      working && status === 'in_review' && s.attended && !context.approvedByMe && !reviewClosed(state, context.today),
    release: working && manage && status === 'in_review',
    revise: working && manage && status === 'released',
    comment: working && (status === 'in_review' ? manage || s.attended : status === 'draft' && manage),
    export: view !== null && released,
    exportConfidential: manage && released,
  };
}
