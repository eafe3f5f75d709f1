import { MUNICIPAL_KINDS } from '@srp/contracts';
import type {
  MembershipEvent,
  MembershipStatus,
  OrganizationDetail,
  OrganizationKind,
} from '../../core/organizations.service';

/**
 * The client's mirror of the server's membership rules (libs/server/organizations/src/access): it
 * only decides which buttons to show; the server enforces the rules anyway.
 */

export function isMunicipal(kind: OrganizationKind): boolean {
  return MUNICIPAL_KINDS.includes(kind);
}

/** A membership may be requested when the municipality is not (or no longer) taking part. */
export function mayRequestMembership(organization: OrganizationDetail): boolean {
  return (
    organization.permissions.contribute &&
    organization.status === 'active' &&
    isMunicipal(organization.kind) &&
    ['none', 'interested', 'ended'].includes(organization.membershipStatus)
  );
}

/** Coordinators decide an open request. */
export function mayDecideMembership(organization: OrganizationDetail): boolean {
  return (
    organization.permissions.manage && organization.status === 'active' && organization.membershipStatus === 'requested'
  );
}

const CONTACT_MOVES: Partial<Record<MembershipStatus, MembershipStatus[]>> = {
  none: ['interested'],
  interested: ['ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
};

/** Order in which target statuses are offered. */
const TARGET_ORDER: MembershipStatus[] = ['active', 'paused', 'ended', 'interested'];

/**
 * The statuses the person may move the membership to with "Mitgliedschaft ändern": coordinators
 * between any two states except into "requested" (that is a request) and out of "requested" (that
 * is a decision); contacts pause, resume and end their own.
 */
export function membershipTargets(organization: OrganizationDetail): MembershipStatus[] {
  const from = organization.membershipStatus;
  if (!organization.permissions.contribute || organization.status !== 'active' || !isMunicipal(organization.kind)) {
    return [];
  }
  if (organization.permissions.manage) {
    return from === 'requested' ? [] : TARGET_ORDER.filter((to) => to !== from);
  }
  const allowed = CONTACT_MOVES[from] ?? [];
  return TARGET_ORDER.filter((to) => allowed.includes(to));
}

/** People of this organisation may work in groups: active municipalities' people, partners always. */
export function takesPart(organization: OrganizationDetail): boolean {
  return (
    organization.status === 'active' && (!isMunicipal(organization.kind) || organization.membershipStatus === 'active')
  );
}

/** What a change to this status is called in the change dialog. */
export function targetLabel(from: MembershipStatus, to: MembershipStatus): string {
  switch (to) {
    case 'active':
      return from === 'paused' ? 'Wieder aufnehmen (aktiv)' : 'Aktiv setzen';
    case 'paused':
      return 'Ruhen lassen';
    case 'ended':
      return 'Beenden';
    case 'interested':
      return 'Interesse bekunden';
    default:
      return to;
  }
}

/** One line per event kind in the history. */
export function eventTitle(event: MembershipEvent): string {
  switch (event.kind) {
    case 'requested':
      return 'Mitgliedschaft angefragt';
    case 'approved':
      return 'Anfrage angenommen';
    case 'declined':
      return 'Anfrage abgelehnt';
    case 'merged':
      return 'Übernommen bei einer Fusion';
    default:
      return 'Status geändert';
  }
}

/** What the status means, in one sentence for the membership card. */
export function membershipExplanation(status: MembershipStatus, name: string): string {
  switch (status) {
    case 'active':
      return `${name} arbeitet aktiv in der Landesinitiative mit.`;
    case 'requested':
      return `${name} hat die Mitgliedschaft angefragt; die Koordination entscheidet darüber.`;
    case 'interested':
      return `${name} hat Interesse an der Landesinitiative bekundet, ist aber noch kein Mitglied.`;
    case 'paused':
      return `Die Mitgliedschaft von ${name} ruht derzeit.`;
    case 'ended':
      return `Die Mitgliedschaft von ${name} ist beendet.`;
    default:
      return `${name} ist bisher kein Mitglied der Landesinitiative.`;
  }
}

/** "2026-03-01" → "01.03.2026" (a calendar date, no time zone involved). */
export function germanDate(isoDate: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : '';
}

/** Today in Europe/Berlin as YYYY-MM-DD, the default for "Wirksam ab". */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
