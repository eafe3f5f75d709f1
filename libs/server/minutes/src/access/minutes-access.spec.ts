import { Actor } from '@srp/server/identity';
import { MeetingStanding } from '@srp/server/meetings';
import { describe, expect, it } from 'vitest';
import { maySeeConfidential, minutesPermissions, MinutesState, minutesView, reviewClosed } from './minutes-access';

const actor = (role: Actor['role']): Actor => ({
  accountId: 'a',
  role,
  sessionId: 's',
  secondFactorPending: false,
  secondFactorEnabled: true,
  organizationId: null,
  isContact: false,
});
const member = actor('member');
const none: MeetingStanding = { isOrganizer: false, hostGroupRole: null, invited: false, attended: false };
const lead: MeetingStanding = { ...none, hostGroupRole: 'lead' };
const attendee: MeetingStanding = { ...none, invited: true, attended: true };
const invitee: MeetingStanding = { ...none, invited: true };
const state = (status: MinutesState['status'], releasedLevel: MinutesState['releasedLevel'] = null): MinutesState => ({
  status,
  releasedLevel,
  reviewDeadline: '2026-03-10',
});
const context = { approvedByMe: false, today: '2026-03-01' };

describe('minutesView', () => {
  it('shows a draft to its managers only', () => {
    expect(minutesView(member, lead, state('draft'))).toBe('working');
    expect(minutesView(member, { ...none, isOrganizer: true }, state('draft'))).toBe('working');
    expect(minutesView(actor('coordinator'), none, state('draft'))).toBe('working');
    expect(minutesView(member, attendee, state('draft'))).toBeNull();
    expect(minutesView(member, invitee, state('draft'))).toBeNull();
  });

  it('shows minutes in review to managers and attendees, not to invitees who were absent', () => {
    expect(minutesView(member, attendee, state('in_review'))).toBe('working');
    expect(minutesView(member, invitee, state('in_review'))).toBeNull();
  });

  it('shows released minutes by publish level: the initiative, or whoever sees the meeting', () => {
    expect(minutesView(member, none, state('released', 'initiative'))).toBe('working');
    expect(minutesView(member, none, state('released', 'group'))).toBeNull();
    expect(minutesView(member, invitee, state('released', 'group'))).toBe('working');
    expect(minutesView(member, { ...none, hostGroupRole: 'member' }, state('released', 'group'))).toBe('working');
  });

  it('shows readers the released revision while a newer one is being written', () => {
    expect(minutesView(member, invitee, state('draft', 'group'))).toBe('released');
    expect(minutesView(member, none, state('in_review', 'initiative'))).toBe('released');
    expect(minutesView(member, attendee, state('in_review', 'group'))).toBe('working');
    expect(minutesView(member, lead, state('draft', 'group'))).toBe('working');
  });
});

describe('confidential entries', () => {
  it('are for managers, and for attendees while in review only', () => {
    expect(maySeeConfidential(member, lead, state('released', 'group'), 'working')).toBe(true);
    expect(maySeeConfidential(member, attendee, state('in_review'), 'working')).toBe(true);
    expect(maySeeConfidential(member, attendee, state('released', 'group'), 'working')).toBe(false);
    expect(maySeeConfidential(member, invitee, state('released', 'initiative'), 'working')).toBe(false);
    expect(maySeeConfidential(member, attendee, state('in_review', 'group'), 'released')).toBe(false);
  });
});

describe('minutesPermissions', () => {
  it('lets managers write and submit a draft, and comment on it', () => {
    const p = minutesPermissions(member, lead, state('draft'), 'working', context);
    expect(p).toEqual({
      edit: true,
      submit: true,
      reopen: false,
      approve: false,
      release: false,
      revise: false,
      comment: true,
      export: false,
      exportConfidential: false,
    });
  });

  it('lets attendees approve once until the deadline, and comment; managers release or reopen', () => {
    expect(minutesPermissions(member, attendee, state('in_review'), 'working', context)).toMatchObject({
      approve: true,
      comment: true,
      release: false,
      edit: false,
    });
    expect(
      minutesPermissions(member, attendee, state('in_review'), 'working', { ...context, approvedByMe: true }).approve,
    ).toBe(false);
    expect(
      minutesPermissions(member, attendee, state('in_review'), 'working', { ...context, today: '2026-03-11' }).approve,
    ).toBe(false);
    expect(minutesPermissions(member, lead, state('in_review'), 'working', context)).toMatchObject({
      approve: false,
      release: true,
      reopen: true,
      comment: true,
    });
  });

  it('lets managers revise released minutes and export them with confidential entries; readers only export', () => {
    expect(minutesPermissions(member, lead, state('released', 'group'), 'working', context)).toMatchObject({
      revise: true,
      export: true,
      exportConfidential: true,
      comment: false,
    });
    expect(minutesPermissions(member, invitee, state('released', 'group'), 'working', context)).toEqual({
      edit: false,
      submit: false,
      reopen: false,
      approve: false,
      release: false,
      revise: false,
      comment: false,
      export: true,
      exportConfidential: false,
    });
  });

  it('gives readers of an older released revision nothing to change', () => {
    const p = minutesPermissions(member, invitee, state('in_review', 'group'), 'released', context);
    expect(Object.entries(p).filter(([, allowed]) => allowed)).toEqual([['export', true]]);
  });
});

describe('reviewClosed', () => {
  it('closes the day after the deadline (inclusive deadline)', () => {
    expect(reviewClosed(state('in_review'), '2026-03-10')).toBe(false);
    expect(reviewClosed(state('in_review'), '2026-03-11')).toBe(true);
    expect(reviewClosed({ ...state('in_review'), reviewDeadline: null }, '2099-01-01')).toBe(false);
  });
});
