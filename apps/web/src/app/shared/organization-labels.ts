import { MembershipStatus, OrganizationKind, OrganizationStatus } from '@srp/contracts';

/** How each organisation kind reads in the UI. */
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  city: 'Stadt',
  municipality: 'Gemeinde',
  collective_municipality: 'Verbandsgemeinde',
  district: 'Landkreis',
  state_body: 'Landesbehörde',
  agency: 'Agentur/Gesellschaft',
  research: 'Hochschule/Forschung',
  partner_initiative: 'Partnerinitiative',
  other: 'Sonstige',
};

/** How each membership status of a municipality reads in the UI. */
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  none: 'Kein Mitglied',
  interested: 'Interessiert',
  requested: 'Angefragt',
  active: 'Aktiv',
  paused: 'Ruhend',
  ended: 'Beendet',
};

/** How an organisation's own record status reads in the UI. */
export const ORGANIZATION_STATUS_LABELS: Record<OrganizationStatus, string> = {
  active: 'Aktiv',
  retired: 'Stillgelegt',
};

/** Label for an organisation kind; falls back to the raw value for unknown kinds. */
export function organizationKindLabel(kind: string | null | undefined): string {
  if (!kind) return '';
  return ORGANIZATION_KIND_LABELS[kind as OrganizationKind] ?? kind;
}

/** Label for a membership status; falls back to the raw value for unknown statuses. */
export function membershipStatusLabel(status: string | null | undefined): string {
  if (!status) return MEMBERSHIP_STATUS_LABELS.none;
  return MEMBERSHIP_STATUS_LABELS[status as MembershipStatus] ?? status;
}
