/** One line of the attendance list as it appears in the exported minutes. */
export interface MinutesDocumentAttendee {
  name: string;
  organization?: string | null;
  status: 'present' | 'excused' | 'absent';
  mode?: 'on_site' | 'online' | null;
  /** Name of the person this attendee stands in for. */
  deputyFor?: string | null;
}

/** A typed entry under an agenda item: information, decision (Beschluss) or action item (Aufgabe). */
export interface MinutesDocumentEntry {
  kind: 'information' | 'decision' | 'action_item';
  text: string;
  confidential: boolean;
  assignees?: string[];
  /** Calendar day as YYYY-MM-DD. */
  dueDate?: string | null;
  group?: string | null;
  taskDone?: boolean;
}

/** An agenda item (TOP) with its notes and entries. */
export interface MinutesDocumentItem {
  number: number;
  title: string;
  presenter?: string | null;
  /** Markdown-ish plain text as written in the minutes editor. */
  notes: string;
  entries: MinutesDocumentEntry[];
}

/** Everything the exporters need; the minutes service maps its entities into this shape. */
export interface MinutesDocument {
  /** E.g. "Landesinitiative Smart City / Smart Region Sachsen-Anhalt". */
  initiative: string;
  meetingTitle: string;
  /** E.g. "Monatsrunde". */
  kindLabel: string;
  startsAt: Date;
  endsAt: Date;
  /** E.g. "Online" or an address. */
  place: string;
  organizer: string;
  hostGroup?: string | null;
  revision: number;
  releasedAt: Date | null;
  releasedBy?: string | null;
  status: 'draft' | 'in_review' | 'released';
  attendance: MinutesDocumentAttendee[];
  items: MinutesDocumentItem[];
  /** Link to the minutes in the portal. */
  pageUrl?: string;
}

/** Choices the caller makes per export (e.g. whether the reader may see confidential entries). */
export interface ExportOptions {
  includeConfidential: boolean;
}
