import { Actor } from '@srp/server/identity';
import { describe, expect, it } from 'vitest';
import { managesGroup, mayAssign, organizationTakesPart } from './group-access';

const actor = (over: Partial<Actor> = {}): Actor => ({
  accountId: 'a',
  role: 'member',
  sessionId: 's',
  secondFactorPending: false,
  secondFactorEnabled: false,
  organizationId: 'halle',
  isContact: false,
  ...over,
});
const none = { role: null, status: null } as const;

describe('group access', () => {
  it('lets active leads and coordinators manage members, not plain members or pending leads', () => {
    expect(managesGroup(actor({ role: 'coordinator' }), none)).toBe(true);
    expect(managesGroup(actor(), { role: 'lead', status: 'active' })).toBe(true);
    expect(managesGroup(actor(), { role: 'member', status: 'active' })).toBe(false);
    expect(managesGroup(actor(), { role: 'lead', status: 'requested' })).toBe(false);
  });

  it('lets contacts assign people of their own organisation only', () => {
    expect(mayAssign(actor({ isContact: true }), none, 'halle')).toBe(true);
    expect(mayAssign(actor({ isContact: true }), none, 'magdeburg')).toBe(false);
    expect(mayAssign(actor({ isContact: false }), none, 'halle')).toBe(false);
    expect(mayAssign(actor({ isContact: true }), none, null)).toBe(false);
  });

  it('lets only active municipalities take part, and partners without a membership', () => {
    expect(organizationTakesPart({ kind: 'city', membershipStatus: 'active', status: 'active' })).toBe(true);
    expect(organizationTakesPart({ kind: 'city', membershipStatus: 'paused', status: 'active' })).toBe(false);
    expect(organizationTakesPart({ kind: 'municipality', membershipStatus: 'requested', status: 'active' })).toBe(
      false,
    );
    expect(organizationTakesPart({ kind: 'agency', membershipStatus: 'none', status: 'active' })).toBe(true);
    expect(organizationTakesPart({ kind: 'agency', membershipStatus: 'none', status: 'retired' })).toBe(false);
    expect(organizationTakesPart(null)).toBe(false);
  });
});
