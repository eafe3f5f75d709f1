import { MembershipStatus } from '@srp/contracts';
import { Actor, isCoordination } from '@srp/server/identity';

/** Coordinators for every organisation; contacts (kommunale Ansprechpersonen) for their own. */
export function actsForOrganization(actor: Actor, organizationId: string): boolean {
  return isCoordination(actor) || (actor.isContact && actor.organizationId === organizationId);
}

/**
 * Who sees an organisation's private side: membership reasons and messages, invited and deactivated
 * people, contact details the people did not share. The same circle that acts for it.
 */
export const seesPrivateOf = actsForOrganization;

/**
 * Membership changes, by whom. Coordinators move a municipality between any two states except into
 * "requested" (that is a request); contacts request, pause, resume and end their own membership.
 */
export function membershipChangeAllowed(
  from: MembershipStatus,
  to: MembershipStatus,
  by: 'coordination' | 'contact',
): boolean {
  if (from === to || to === 'none' || to === 'requested') return false;
  if (by === 'coordination') return from !== 'requested';
  const contactMoves: Partial<Record<MembershipStatus, MembershipStatus[]>> = {
    none: ['interested'],
    interested: ['ended'],
    active: ['paused', 'ended'],
    paused: ['active', 'ended'],
  };
  return contactMoves[from]?.includes(to) ?? false;
}

/** A membership may be requested when the municipality is not (or no longer) taking part. */
export function membershipRequestAllowed(from: MembershipStatus): boolean {
  return from === 'none' || from === 'interested' || from === 'ended';
}
