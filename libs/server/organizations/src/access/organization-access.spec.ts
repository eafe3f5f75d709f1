import { Actor } from '@srp/server/identity';
import { describe, expect, it } from 'vitest';
import { actsForOrganization, membershipChangeAllowed, membershipRequestAllowed } from './organization-access';

const actor = (over: Partial<Actor>): Actor => ({
  accountId: 'a',
  role: 'member',
  sessionId: 's',
  secondFactorPending: false,
  secondFactorEnabled: false,
  organizationId: 'halle',
  isContact: false,
  ...over,
});

describe('organisation access', () => {
  it('lets coordinators act for every organisation and contacts for their own only', () => {
    expect(actsForOrganization(actor({ role: 'coordinator', organizationId: null }), 'magdeburg')).toBe(true);
    expect(actsForOrganization(actor({ role: 'admin' }), 'magdeburg')).toBe(true);
    expect(actsForOrganization(actor({ isContact: true }), 'halle')).toBe(true);
    expect(actsForOrganization(actor({ isContact: true }), 'magdeburg')).toBe(false);
    expect(actsForOrganization(actor({ isContact: false }), 'halle')).toBe(false);
  });

  it('lets contacts pause, resume and end, but only coordinators activate', () => {
    expect(membershipChangeAllowed('active', 'paused', 'contact')).toBe(true);
    expect(membershipChangeAllowed('paused', 'active', 'contact')).toBe(true);
    expect(membershipChangeAllowed('active', 'ended', 'contact')).toBe(true);
    expect(membershipChangeAllowed('none', 'active', 'contact')).toBe(false);
    expect(membershipChangeAllowed('ended', 'active', 'contact')).toBe(false);
    expect(membershipChangeAllowed('none', 'active', 'coordination')).toBe(true);
    expect(membershipChangeAllowed('ended', 'active', 'coordination')).toBe(true);
  });

  it('never sets "requested" or "none" by a change, and leaves a pending request to the decision', () => {
    expect(membershipChangeAllowed('none', 'requested', 'coordination')).toBe(false);
    expect(membershipChangeAllowed('active', 'none', 'coordination')).toBe(false);
    expect(membershipChangeAllowed('requested', 'active', 'coordination')).toBe(false);
    expect(membershipChangeAllowed('active', 'active', 'coordination')).toBe(false);
  });

  it('allows a request only from outside the initiative', () => {
    expect(['none', 'interested', 'ended'].every((s) => membershipRequestAllowed(s as never))).toBe(true);
    expect(['requested', 'active', 'paused'].some((s) => membershipRequestAllowed(s as never))).toBe(false);
  });
});
