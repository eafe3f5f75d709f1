import { Actor, isCoordination } from '@srp/server/identity';

/** What the actor is to one meeting. */
export interface MeetingStanding {
  /** Named organiser of the meeting. */
  isOrganizer: boolean;
  /** Role in the meeting's host group (active membership). */
  hostGroupRole: 'lead' | 'member' | null;
  /** Invited: everyone, through a group, or by name. */
  invited: boolean;
  /** Recorded as present (also as a deputy). */
  attended: boolean;
}

/** Sees the meeting and its agenda: invitees, the host group, the organiser, coordination. */
export function maySeeMeeting(actor: Actor, s: MeetingStanding): boolean {
  return isCoordination(actor) || s.isOrganizer || s.hostGroupRole !== null || s.invited || s.attended;
}

/** Edits, moves, cancels the meeting, decides agenda proposals, records attendance, writes minutes. */
export function mayManageMeeting(actor: Actor, s: Pick<MeetingStanding, 'isOrganizer' | 'hostGroupRole'>): boolean {
  return isCoordination(actor) || s.isOrganizer || s.hostGroupRole === 'lead';
}

/** Answers the invitation and proposes agenda items: invitees and the host group's members. */
export function mayAnswerMeeting(_actor: Actor, s: MeetingStanding): boolean {
  return s.invited || s.hostGroupRole !== null;
}

/** Creates meetings: coordination for any, a group's leads for their group's meetings. */
export function mayCreateMeeting(actor: Actor, hostGroupRole: 'lead' | 'member' | null): boolean {
  return isCoordination(actor) || hostGroupRole === 'lead';
}
