import { NotificationKind } from '@srp/contracts';
import { MailAttachment, MailContent } from '@srp/server/platform';

/** The person a notice is for. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
}

/** A meeting as notices describe it (instants as Date; texts as stored). */
export interface MeetingFacts {
  id: string;
  title: string;
  /** German label of the kind, e.g. "Monatsrunde". */
  kindLabel: string;
  startsAt: Date;
  endsAt: Date;
  format: 'online' | 'in_person' | 'hybrid';
  onlineUrl: string | null;
  /** Address and room as one line, null for online meetings. */
  place: string | null;
  /** "UAG 2" or null for initiative-wide meetings. */
  groupName: string | null;
  organizerName: string | null;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  /** Accepted agenda items in order. */
  agenda: Array<{ title: string; presenter: string | null; plannedMinutes: number | null }>;
  /** The recipient's answer, if any. */
  myAnswer: 'yes' | 'no' | 'maybe' | null;
  /** On the waiting list (a Zusage beyond the capacity). */
  waitlisted: boolean;
}

export interface TaskFacts {
  id: string;
  title: string;
  groupName: string;
  dueDate: string | null;
  status: string;
}

/**
 * Everything a notice needs, loaded when it falls due (so it shows the current state). One variant
 * per kind; the composer turns it into the in-app text and the e-mail.
 */
export type NoticeData =
  | {
      kind: 'meeting_invitation';
      recipient: Recipient;
      meeting: MeetingFacts;
      invitedBy: string | null;
      seriesDates: Date[];
    }
  | { kind: 'meeting_changed'; recipient: Recipient; meeting: MeetingFacts; fields: string[]; changedBy: string | null }
  | {
      kind: 'meeting_cancelled';
      recipient: Recipient;
      meeting: MeetingFacts;
      /** All meetings cancelled together (a series from here on): first is `meeting`. */
      cancelledDates: Date[];
      /** The recipient was taken off the invitation list (the meeting itself still takes place). */
      uninvited: boolean;
      cancelledBy: string | null;
    }
  | { kind: 'meeting_reminder'; recipient: Recipient; meeting: MeetingFacts; now: Date }
  | { kind: 'agenda_call'; recipient: Recipient; meeting: MeetingFacts; proposeUntil: Date }
  | {
      kind: 'task_assigned';
      recipient: Recipient;
      items: Array<{ task: TaskFacts; by: string | null }>;
    }
  | {
      kind: 'task_mentioned';
      recipient: Recipient;
      items: Array<{ task: TaskFacts; by: string | null; excerpt: string }>;
    }
  | { kind: 'task_due'; recipient: Recipient; task: TaskFacts; which: 'soon' | 'today'; today: string }
  | { kind: 'task_overdue'; recipient: Recipient; tasks: TaskFacts[]; today: string }
  | {
      kind: 'minutes_review';
      recipient: Recipient;
      meeting: MeetingFacts;
      minutesId: string;
      deadline: string | null;
      /** The second call, some days before the deadline. */
      beforeDeadline: boolean;
      submittedBy: string | null;
    }
  | {
      kind: 'minutes_released';
      recipient: Recipient;
      meeting: MeetingFacts;
      minutesId: string;
      revision: number;
      decisions: number;
      actionItems: number;
    }
  | {
      kind: 'membership_decided';
      recipient: Recipient;
      organizationId: string;
      organizationName: string;
      approved: boolean;
      message: string | null;
      decidedBy: string;
    }
  | {
      kind: 'group_join_decided';
      recipient: Recipient;
      groupId: string;
      groupName: string;
      approved: boolean;
      decidedBy: string;
    }
  | {
      kind: 'weekly_digest';
      recipient: Recipient;
      /** Monday of the week (YYYY-MM-DD). */
      weekStart: string;
      meetings: MeetingFacts[];
      openTasks: TaskFacts[];
      overdueTasks: TaskFacts[];
      decisions: Array<{ id: string; text: string; groupName: string | null; meetingTitle: string; decidedOn: string }>;
      today: string;
    };

/** What the composer needs besides the data. */
export interface ComposeContext {
  /** PUBLIC_URL without trailing slash, e.g. https://portal.example.de */
  portalUrl: string;
  /** Link to the page where the recipient switches this kind (signed, no sign-in needed). */
  preferencesUrl: string;
}

/** A composed notice: the portal's notification centre entry and the e-mail. */
export interface Notice {
  kind: NotificationKind;
  /** Short title for the notification centre (≤ 300 chars), usually the e-mail's subject. */
  title: string;
  /** One or two sentences for the notification centre. */
  body: string;
  /** Path inside the portal (starts with "/"), e.g. `/termine/<id>`. */
  link: string;
  mail: MailContent;
  attachments?: MailAttachment[];
}
