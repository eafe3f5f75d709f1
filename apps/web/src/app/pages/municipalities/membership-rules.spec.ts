import { OrganizationDetail } from '../../core/organizations.service';
import {
  berlinToday,
  germanDate,
  isMunicipal,
  mayDecideMembership,
  mayRequestMembership,
  membershipTargets,
  takesPart,
} from './membership-rules';

function organization(change: Partial<OrganizationDetail> = {}): OrganizationDetail {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    kind: 'city',
    ags: '15002000',
    displayName: 'Halle (Saale)',
    officialName: 'Halle (Saale), Stadt',
    districtKey: '15002',
    districtName: 'Halle (Saale)',
    status: 'active',
    membershipStatus: 'none',
    membershipChangedAt: null,
    peopleCount: 0,
    version: 1,
    population: null,
    address: null,
    website: null,
    retiredAt: null,
    retiredReason: null,
    mergedInto: null,
    mergedFrom: [],
    people: [],
    membershipHistory: [],
    permissions: { manage: false, contribute: true },
    ...change,
  };
}

const COORDINATION = { manage: true, contribute: true };
const CONTACT = { manage: false, contribute: true };
const READER = { manage: false, contribute: false };

describe('membership rules', () => {
  it('lets contacts and coordinators request when not taking part, and only for municipalities', () => {
    expect(mayRequestMembership(organization({ membershipStatus: 'none' }))).toBe(true);
    expect(mayRequestMembership(organization({ membershipStatus: 'ended' }))).toBe(true);
    expect(mayRequestMembership(organization({ membershipStatus: 'active' }))).toBe(false);
    expect(mayRequestMembership(organization({ permissions: READER }))).toBe(false);
    expect(mayRequestMembership(organization({ kind: 'research' }))).toBe(false);
    expect(mayRequestMembership(organization({ status: 'retired' }))).toBe(false);
  });

  it('lets only coordinators decide an open request', () => {
    expect(mayDecideMembership(organization({ membershipStatus: 'requested', permissions: COORDINATION }))).toBe(true);
    expect(mayDecideMembership(organization({ membershipStatus: 'requested', permissions: CONTACT }))).toBe(false);
    expect(mayDecideMembership(organization({ membershipStatus: 'active', permissions: COORDINATION }))).toBe(false);
  });

  it('offers contacts pause, resume and end of their own membership', () => {
    expect(membershipTargets(organization({ membershipStatus: 'active', permissions: CONTACT }))).toEqual([
      'paused',
      'ended',
    ]);
    expect(membershipTargets(organization({ membershipStatus: 'paused', permissions: CONTACT }))).toEqual([
      'active',
      'ended',
    ]);
    expect(membershipTargets(organization({ membershipStatus: 'none', permissions: CONTACT }))).toEqual(['interested']);
    expect(membershipTargets(organization({ membershipStatus: 'requested', permissions: CONTACT }))).toEqual([]);
    expect(membershipTargets(organization({ membershipStatus: 'active', permissions: READER }))).toEqual([]);
  });

  it('offers coordinators every move except into and out of a request', () => {
    expect(membershipTargets(organization({ membershipStatus: 'none', permissions: COORDINATION }))).toEqual([
      'active',
      'paused',
      'ended',
      'interested',
    ]);
    expect(membershipTargets(organization({ membershipStatus: 'active', permissions: COORDINATION }))).toEqual([
      'paused',
      'ended',
      'interested',
    ]);
    expect(membershipTargets(organization({ membershipStatus: 'requested', permissions: COORDINATION }))).toEqual([]);
    expect(membershipTargets(organization({ kind: 'agency', permissions: COORDINATION }))).toEqual([]);
  });

  it('lets active municipalities and all partners take part in groups', () => {
    expect(takesPart(organization({ membershipStatus: 'active' }))).toBe(true);
    expect(takesPart(organization({ membershipStatus: 'paused' }))).toBe(false);
    expect(takesPart(organization({ kind: 'research' }))).toBe(true);
    expect(takesPart(organization({ kind: 'research', status: 'retired' }))).toBe(false);
    expect(isMunicipal('collective_municipality')).toBe(true);
    expect(isMunicipal('partner_initiative')).toBe(false);
  });

  it('writes dates the German way and knows today in Berlin', () => {
    expect(germanDate('2026-03-01')).toBe('01.03.2026');
    expect(germanDate(null)).toBe('');
    // 23:30 UTC on 31 December is already New Year in Berlin.
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
