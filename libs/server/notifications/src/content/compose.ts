import { composeGroupJoinDecided, composeMembershipDecided, composeWeeklyDigest } from './compose-other';
import {
  composeAgendaCall,
  composeCancelled,
  composeChanged,
  composeInvitation,
  composeMinutesReleased,
  composeMinutesReview,
  composeReminder,
} from './compose-meetings';
import { composeAssigned, composeDue, composeMentioned, composeOverdue } from './compose-tasks';
import { ComposeContext, Notice, NoticeData } from './notice-data';

/**
 * Turns a notice's data into the notification centre's entry and the e-mail (German, formal
 * "Sie", Europe/Berlin times). Pure: the same data gives the same text. Attachments (.ics) are
 * the caller's part.
 */
export function composeNotice(data: NoticeData, ctx: ComposeContext): Notice {
  switch (data.kind) {
    case 'meeting_invitation':
      return composeInvitation(data, ctx);
    case 'meeting_changed':
      return composeChanged(data, ctx);
    case 'meeting_cancelled':
      return composeCancelled(data, ctx);
    case 'meeting_reminder':
      return composeReminder(data, ctx);
    case 'agenda_call':
      return composeAgendaCall(data, ctx);
    case 'task_assigned':
      return composeAssigned(data, ctx);
    case 'task_mentioned':
      return composeMentioned(data, ctx);
    case 'task_due':
      return composeDue(data, ctx);
    case 'task_overdue':
      return composeOverdue(data, ctx);
    case 'minutes_review':
      return composeMinutesReview(data, ctx);
    case 'minutes_released':
      return composeMinutesReleased(data, ctx);
    case 'membership_decided':
      return composeMembershipDecided(data, ctx);
    case 'group_join_decided':
      return composeGroupJoinDecided(data, ctx);
    case 'weekly_digest':
      return composeWeeklyDigest(data, ctx);
  }
}
