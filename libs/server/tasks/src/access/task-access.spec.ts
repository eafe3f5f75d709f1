import { Actor } from '@srp/server/identity';
import { describe, expect, it } from 'vitest';
import { mayArchiveTasks, mayEditTasks, maySeeTask, mayWorkOnTask, TaskStanding } from './task-access';

const actor = (role: Actor['role']): Actor =>
  ({ accountId: 'a', role, organizationId: null, isContact: false }) as unknown as Actor;
const standing = (groupRole: TaskStanding['groupRole'], isAssignee = false): TaskStanding => ({
  groupRole,
  isAssignee,
});

describe('task access', () => {
  it('lets members and leads see, edit and work on their group’s tasks', () => {
    for (const role of ['member', 'lead'] as const) {
      const s = standing(role);
      expect(maySeeTask(actor('member'), s)).toBe(true);
      expect(mayEditTasks(actor('member'), s)).toBe(true);
      expect(mayWorkOnTask(actor('member'), s)).toBe(true);
    }
  });

  it('keeps outsiders out of a group’s tasks', () => {
    const s = standing(null);
    expect(maySeeTask(actor('member'), s)).toBe(false);
    expect(mayEditTasks(actor('member'), s)).toBe(false);
    expect(mayWorkOnTask(actor('member'), s)).toBe(false);
    expect(mayArchiveTasks(actor('member'), s)).toBe(false);
  });

  it('lets an assignee outside the group see and work on the task, not edit it', () => {
    const s = standing(null, true);
    expect(maySeeTask(actor('member'), s)).toBe(true);
    expect(mayWorkOnTask(actor('member'), s)).toBe(true);
    expect(mayEditTasks(actor('member'), s)).toBe(false);
  });

  it('lets only leads and coordinators archive', () => {
    expect(mayArchiveTasks(actor('member'), standing('member', true))).toBe(false);
    expect(mayArchiveTasks(actor('member'), standing('lead'))).toBe(true);
    expect(mayArchiveTasks(actor('coordinator'), standing(null))).toBe(true);
    expect(mayArchiveTasks(actor('admin'), standing(null))).toBe(true);
  });
});
