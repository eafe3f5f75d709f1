import { MembershipStatus, MUNICIPAL_KINDS, OrganizationKind } from '@srp/contracts';
import { Actor, isCoordination } from '@srp/server/identity';

/** The actor's own standing in one group. */
export interface GroupStanding {
  role: 'lead' | 'member' | null;
  status: 'requested' | 'active' | null;
}

/** Leads (active) and coordinators manage a group's members and decide join requests. */
export function managesGroup(actor: Actor, standing: GroupStanding): boolean {
  return isCoordination(actor) || (standing.role === 'lead' && standing.status === 'active');
}

/** Whose organisation lets them take part: only active municipalities' people; partners always. */
export function organizationTakesPart(
  organization: { kind: OrganizationKind; membershipStatus: MembershipStatus; status: string } | null,
): boolean {
  if (!organization || organization.status !== 'active') return false;
  return !MUNICIPAL_KINDS.includes(organization.kind) || organization.membershipStatus === 'active';
}

/**
 * Who may put a person into a group (or take them out): coordinators, the group's leads, and the
 * contacts of the person's own organisation.
 */
export function mayAssign(actor: Actor, standing: GroupStanding, personOrganizationId: string | null): boolean {
  return (
    managesGroup(actor, standing) ||
    (actor.isContact && personOrganizationId !== null && actor.organizationId === personOrganizationId)
  );
}
