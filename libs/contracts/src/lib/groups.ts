export const GROUP_STATUSES = ['active', 'archived'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** What kind of group: the six sub-working groups (UAG) and, later, pilot project teams. */
export const GROUP_KINDS = ['uag', 'pilot_project', 'other'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** A person's role in a group: leads (Sprecher*innen) manage its members. */
export const GROUP_ROLES = ['lead', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** A join request waits for a lead or coordinator; then the membership is active. */
export const GROUP_MEMBERSHIP_STATUSES = ['requested', 'active'] as const;
export type GroupMembershipStatus = (typeof GROUP_MEMBERSHIP_STATUSES)[number];
