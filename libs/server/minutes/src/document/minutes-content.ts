import {
  AttendanceMode,
  AttendanceStatus,
  MeetingFormat,
  MeetingKind,
  MeetingStatus,
  MinutesEntryKind,
  MinutesPublishLevel,
} from '@srp/contracts';

/** A person as the minutes name them (names are kept as they were on the day of release). */
export interface PersonRef {
  id: string;
  name: string;
}

/** A working group as the minutes name it. */
export interface GroupRef {
  id: string;
  shortName: string;
  name: string;
}

export interface ContentMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  format: MeetingFormat;
  address: string | null;
  room: string | null;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  status: MeetingStatus;
  hostGroup: GroupRef | null;
  organizer: PersonRef | null;
}

/** An accepted agenda item with its number (TOP n) and the minutes' notes on it. */
export interface ContentItem {
  id: string;
  number: number;
  title: string;
  presenter: string | null;
  notes: string;
}

export interface ContentEntry {
  id: string;
  /** Null, or an id that is no accepted agenda item (any more): an entry outside the agenda. */
  agendaItemId: string | null;
  kind: MinutesEntryKind;
  text: string;
  confidential: boolean;
  assignees: PersonRef[];
  dueDate: string | null;
  group: GroupRef | null;
  taskId: string | null;
}

export interface ContentAttendee {
  person: PersonRef;
  organization: string | null;
  status: AttendanceStatus;
  mode: AttendanceMode | null;
  deputyFor: PersonRef | null;
}

/**
 * The text of the minutes with everything named (people, groups, agenda): built from the live
 * tables for the working copy, and frozen as the snapshot of a released revision.
 */
export interface MinutesContent {
  meeting: ContentMeeting;
  publishLevel: MinutesPublishLevel;
  generalNotes: string;
  items: ContentItem[];
  /** In order; each belongs to the item named by agendaItemId, or to none. */
  entries: ContentEntry[];
  attendance: ContentAttendee[];
}

/** What `minutes_revision.snapshot` holds. */
export interface MinutesSnapshot extends MinutesContent {
  format: 1;
  revision: number;
  releasedAt: string;
  releasedBy: PersonRef | null;
  changeNote: string | null;
}

/** Entries grouped the way they are shown: per agenda item, and those outside the agenda. */
export function entriesByItem(content: MinutesContent): {
  byItem: Map<string, ContentEntry[]>;
  outside: ContentEntry[];
} {
  const byItem = new Map<string, ContentEntry[]>(content.items.map((item) => [item.id, []]));
  const outside: ContentEntry[] = [];
  for (const entry of content.entries) {
    const list = entry.agendaItemId ? byItem.get(entry.agendaItemId) : undefined;
    (list ?? outside).push(entry);
  }
  return { byItem, outside };
}
