import { Actor } from '@srp/server/identity';
import { describe, expect, it } from 'vitest';
import { mayAnswerMeeting, mayCreateMeeting, mayManageMeeting, maySeeMeeting, MeetingStanding } from './meeting-access';

const actor = (role: Actor['role']): Actor => ({
  accountId: 'a',
  role,
  sessionId: 's',
  secondFactorPending: false,
  secondFactorEnabled: true,
  organizationId: null,
  isContact: false,
});
const none: MeetingStanding = { isOrganizer: false, hostGroupRole: null, invited: false, attended: false };

describe('meeting access', () => {
  it('hides a meeting from a member who is neither invited nor in the host group', () => {
    expect(maySeeMeeting(actor('member'), none)).toBe(false);
    expect(mayAnswerMeeting(actor('member'), none)).toBe(false);
  });

  it('lets invitees see and answer but not manage', () => {
    const s = { ...none, invited: true };
    expect(maySeeMeeting(actor('member'), s)).toBe(true);
    expect(mayAnswerMeeting(actor('member'), s)).toBe(true);
    expect(mayManageMeeting(actor('member'), s)).toBe(false);
  });

  it('lets the host group lead and the organiser manage, members of the host group only answer', () => {
    expect(mayManageMeeting(actor('member'), { ...none, hostGroupRole: 'lead' })).toBe(true);
    expect(mayManageMeeting(actor('member'), { ...none, isOrganizer: true })).toBe(true);
    expect(mayManageMeeting(actor('member'), { ...none, hostGroupRole: 'member' })).toBe(false);
    expect(mayAnswerMeeting(actor('member'), { ...none, hostGroupRole: 'member' })).toBe(true);
  });

  it('lets coordination see and manage every meeting, and create any; leads create for their group', () => {
    expect(maySeeMeeting(actor('coordinator'), none)).toBe(true);
    expect(mayManageMeeting(actor('admin'), none)).toBe(true);
    expect(mayCreateMeeting(actor('coordinator'), null)).toBe(true);
    expect(mayCreateMeeting(actor('member'), 'lead')).toBe(true);
    expect(mayCreateMeeting(actor('member'), 'member')).toBe(false);
    expect(mayCreateMeeting(actor('member'), null)).toBe(false);
  });
});
