/** Kinds of organisation; the first four are municipalities (Kommunen) in the German sense. */
export const ORGANIZATION_KINDS = [
  'city',
  'municipality',
  'collective_municipality',
  'district',
  'state_body',
  'agency',
  'research',
  'partner_initiative',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Kinds that are a Kommune: they may carry an official key (AGS) and take part as members. */
export const MUNICIPAL_KINDS: readonly OrganizationKind[] = [
  'city',
  'municipality',
  'collective_municipality',
  'district',
];

export const ORGANIZATION_STATUSES = ['active', 'retired'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** A municipality's participation in the initiative; `none` before anything happened. */
export const MEMBERSHIP_STATUSES = ['none', 'interested', 'requested', 'active', 'paused', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Amtlicher Gemeindeschlüssel: 8 digits; Sachsen-Anhalt's start with 15. */
export const AGS_PATTERN = /^\d{8}$/;
