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
  /** Read organisations, groups, the people directory, the map and the coverage matrix. */
  'directory.read',
  /** Create, edit, merge and retire organisations; decide membership; name contacts. */
  'organizations.manage',
  /** Act for an organisation (request membership, invite and manage colleagues): contacts of it, object-checked. */
  'organization.contribute',
  /** Create and edit working groups. */
  'groups.manage',
  /** Join and leave groups; leads manage their group's members (object-checked). */
  'groups.participate',
  /** See, create and work on tasks; object-checked against the task's group (tasks domain). */
  'tasks.participate',
  /** See meetings and their minutes, answer, propose agenda items, plan and record meetings; object-checked (meetings and minutes domains). */
  'meetings.participate',
  /** Set the defaults of reminders and notifications (channels per kind, reminder times). */
  'notifications.configure',
  /** See the queues' health and failed deliveries; send a failed e-mail again. */
  'notifications.admin',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: Action[] = [
  'self.manage',
  'directory.read',
  'organization.contribute',
  'groups.participate',
  'tasks.participate',
  'meetings.participate',
];
const COORDINATION: Action[] = [
  'accounts.read',
  'accounts.invite',
  'organizations.manage',
  'groups.manage',
  'notifications.configure',
];

const ROLE_ACTIONS: Record<PlatformRole, ReadonlySet<Action>> = {
  member: new Set<Action>(EVERYONE),
  coordinator: new Set<Action>([...EVERYONE, ...COORDINATION]),
  admin: new Set<Action>([...EVERYONE, ...COORDINATION, 'accounts.manage', 'audit.read', 'notifications.admin']),
};

/** Coordinators and admins act for the whole initiative (every organisation and group). */
export function isCoordination(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin';
}

/** Actions that need a second factor when the actor is an admin or coordinator (ASVS V6.3.3). */
export function isPrivileged(action: Action): boolean {
  return action !== 'self.manage';
}

/**
 * Which roles an actor may give when inviting: admins any, everyone else "member" only. Whether the
 * actor may invite at all (and into which organisation) is the route's and the caller's rule.
 */
export function mayInviteRole(actor: Actor, role: PlatformRole): boolean {
  return actor.role === 'admin' || role === 'member';
}

/** The one place that decides whether an actor may do something. Deny unless a rule allows. */
export function can(actor: Actor | null | undefined, action: Action, _subject?: unknown): boolean {
  if (!actor) return false;
  return ROLE_ACTIONS[actor.role]?.has(action) ?? false;
}
