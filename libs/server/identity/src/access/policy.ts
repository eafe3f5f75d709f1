import { PlatformRole } from '@srp/contracts';
import { Actor } from '../sessions/session.service';

/**
 * Every action a route or service can ask about. Object-level rules (own organisation, own group)
 * join with their domains; the subject argument carries what they need.
 */
export const ACTIONS = [
  /** See and manage one's own account and sessions. */
  'self.manage',
  /** List the people with accounts. */
  'accounts.read',
  /** Invite people (coordinators: members only). */
  'accounts.invite',
  /** Change roles, deactivate and reactivate accounts. */
  'accounts.manage',
  /** Read the audit log. */
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

const ROLE_ACTIONS: Record<PlatformRole, ReadonlySet<Action>> = {
  member: new Set<Action>(['self.manage']),
  coordinator: new Set<Action>(['self.manage', 'accounts.read', 'accounts.invite']),
  admin: new Set<Action>(['self.manage', 'accounts.read', 'accounts.invite', 'accounts.manage', 'audit.read']),
};

/** Actions that need a second factor when the actor is an admin or coordinator (ASVS V6.3.3). */
export function isPrivileged(action: Action): boolean {
  return action !== 'self.manage';
}

/** Which roles an actor may give when inviting. */
export function mayInviteRole(actor: Actor, role: PlatformRole): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'coordinator' && role === 'member';
}

/** The one place that decides whether an actor may do something. Deny unless a rule allows. */
export function can(actor: Actor | null | undefined, action: Action, _subject?: unknown): boolean {
  if (!actor) return false;
  return ROLE_ACTIONS[actor.role]?.has(action) ?? false;
}
