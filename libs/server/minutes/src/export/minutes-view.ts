import { formatCalendarDay, formatGermanDate, formatGermanTime, formatMeetingPeriod } from './german-dates';
import type {
  ExportOptions,
  MinutesDocument,
  MinutesDocumentAttendee,
  MinutesDocumentEntry,
  MinutesDocumentItem,
} from './minutes-document';

export const ATTENDANCE_STATUS_LABELS: Record<MinutesDocumentAttendee['status'], string> = {
  present: 'anwesend',
  excused: 'entschuldigt',
  absent: 'abwesend',
};

export const ATTENDANCE_MODE_LABELS: Record<NonNullable<MinutesDocumentAttendee['mode']>, string> = {
  on_site: 'vor Ort',
  online: 'online',
};

export const ENTRY_KIND_LABELS: Record<MinutesDocumentEntry['kind'], string> = {
  information: 'Information',
  decision: 'Beschluss',
  action_item: 'Aufgabe',
};

const STATUS_LABELS: Record<MinutesDocument['status'], string> = {
  draft: 'Entwurf',
  in_review: 'In Abstimmung',
  released: 'Freigegeben',
};

/** An entry together with the TOP it belongs to, for the summaries at the end. */
export interface SummaryEntry extends MinutesDocumentEntry {
  itemNumber: number;
}

/** The document as the reader may see it: confidential entries filtered, items in TOP order. */
export interface MinutesView {
  doc: MinutesDocument;
  items: MinutesDocumentItem[];
  decisions: SummaryEntry[];
  actionItems: SummaryEntry[];
  period: string;
  /** Value of the "Fassung" meta row: "2, freigegeben am 15.01.2026 um 14:30 Uhr durch …" or the unreleased state. */
  revisionDetail: string;
  /** Short form for page footers. */
  footerLine: string;
  /** Warning shown on every page while the minutes are not released; null once released. */
  unreleasedNotice: string | null;
  attendanceSummary: string;
}

/** Applies the export options and precomputes the texts both renderers share. */
export function buildMinutesView(doc: MinutesDocument, options: ExportOptions): MinutesView {
  const visible = (entry: MinutesDocumentEntry): boolean => options.includeConfidential || !entry.confidential;
  const items = [...doc.items]
    .sort((a, b) => a.number - b.number)
    .map((item) => ({ ...item, entries: item.entries.filter(visible) }));
  const summary = (kind: MinutesDocumentEntry['kind']): SummaryEntry[] =>
    items.flatMap((item) =>
      item.entries.filter((entry) => entry.kind === kind).map((entry) => ({ ...entry, itemNumber: item.number })),
    );

  // A released date is what makes a version citable; the status alone may lag behind during release.
  const released = doc.releasedAt !== null;
  const releasedOn = doc.releasedAt ? formatGermanDate(doc.releasedAt) : '';
  const releasedBy = doc.releasedBy?.trim() ? ` durch ${doc.releasedBy.trim()}` : '';
  const unreleased = `${STATUS_LABELS[doc.status === 'released' ? 'draft' : doc.status]}, nicht freigegeben`;

  return {
    doc,
    items,
    decisions: summary('decision'),
    actionItems: summary('action_item'),
    period: formatMeetingPeriod(doc.startsAt, doc.endsAt),
    revisionDetail: doc.releasedAt
      ? `${doc.revision}, freigegeben am ${releasedOn} um ${formatGermanTime(doc.releasedAt)} Uhr${releasedBy}`
      : `${doc.revision} (${unreleased})`,
    footerLine: released
      ? `Fassung ${doc.revision} · freigegeben am ${releasedOn}`
      : `Fassung ${doc.revision} · ${unreleased}`,
    unreleasedNotice: released ? null : `${unreleased.charAt(0).toUpperCase()}${unreleased.slice(1)}`,
    attendanceSummary: attendanceSummary(doc.attendance),
  };
}

/** The attendee's name, with the person they stand in for: "A (in Vertretung für B)". */
export function attendeeName(attendee: MinutesDocumentAttendee): string {
  return attendee.deputyFor?.trim()
    ? `${attendee.name} (in Vertretung für ${attendee.deputyFor.trim()})`
    : attendee.name;
}

/** "vor Ort" / "online", or an empty string where it does not apply (absent, unknown). */
export function attendeeMode(attendee: MinutesDocumentAttendee): string {
  return attendee.status === 'present' && attendee.mode ? ATTENDANCE_MODE_LABELS[attendee.mode] : '';
}

/** The details of an action item: ["verantwortlich: A, B", "fällig: 31.01.2026", "Gruppe: UAG 2"]. */
export function actionItemDetails(entry: MinutesDocumentEntry): string[] {
  const details: string[] = [];
  const assignees = (entry.assignees ?? []).map((name) => name.trim()).filter(Boolean);
  if (assignees.length) details.push(`verantwortlich: ${assignees.join(', ')}`);
  if (entry.dueDate?.trim()) details.push(`fällig: ${formatCalendarDay(entry.dueDate)}`);
  if (entry.group?.trim()) details.push(`Gruppe: ${entry.group.trim()}`);
  return details;
}

/** "Beschluss" or "Beschluss (vertraulich)". */
export function entryLabel(entry: MinutesDocumentEntry): string {
  return entry.confidential ? `${ENTRY_KIND_LABELS[entry.kind]} (vertraulich)` : ENTRY_KIND_LABELS[entry.kind];
}

function attendanceSummary(attendance: MinutesDocumentAttendee[]): string {
  const count = (status: MinutesDocumentAttendee['status']): number =>
    attendance.filter((attendee) => attendee.status === status).length;
  return `${count('present')} anwesend, ${count('excused')} entschuldigt, ${count('absent')} abwesend`;
}
