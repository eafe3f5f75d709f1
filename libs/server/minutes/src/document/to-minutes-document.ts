import { MeetingKind } from '@srp/contracts';
import type { MinutesDocument, MinutesDocumentEntry, MinutesDocumentItem } from '../export';
import { ContentEntry, ContentMeeting, entriesByItem, MinutesSnapshot } from './minutes-content';

/** The initiative's name in every exported header. */
export const INITIATIVE_NAME = 'Landesinitiative Smart City / Smart Region Sachsen-Anhalt';

/** German names of the meeting kinds. */
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  monatsrunde: 'Monatsrunde',
  uag_sitzung: 'UAG-Sitzung',
  workshop: 'Workshop',
  messe: 'Messe',
  sonstiges: 'Sonstiges',
};

/** Title of the pseudo item that holds the general notes and the entries outside the agenda. */
export const GENERAL_ITEM_TITLE = 'Allgemeines';

/** "Online", the address and room, or both for a hybrid meeting (the online link stays out of exports). */
export function meetingPlace(meeting: Pick<ContentMeeting, 'format' | 'address' | 'room'>): string {
  const onSite = [meeting.address, meeting.room]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ');
  if (meeting.format === 'online') return 'Online';
  if (meeting.format === 'hybrid') return `${onSite || 'Vor Ort'} und online`;
  return onSite || 'Vor Ort';
}

/**
 * The exporters' document from a released revision. General notes and entries outside the agenda
 * become "TOP 0: Allgemeines" (the document knows agenda items only); `doneTaskIds` marks action
 * items whose task is done now.
 */
export function toMinutesDocument(
  snapshot: MinutesSnapshot,
  options: { pageUrl?: string; doneTaskIds?: ReadonlySet<string> } = {},
): MinutesDocument {
  const done = options.doneTaskIds ?? new Set<string>();
  const entry = (e: ContentEntry): MinutesDocumentEntry => ({
    kind: e.kind,
    text: e.text,
    confidential: e.confidential,
    ...(e.kind === 'action_item'
      ? {
          assignees: e.assignees.map((a) => a.name),
          dueDate: e.dueDate,
          group: e.group?.shortName ?? null,
          taskDone: e.taskId !== null && done.has(e.taskId),
        }
      : {}),
  });
  const { byItem, outside } = entriesByItem(snapshot);
  const items: MinutesDocumentItem[] = snapshot.items.map((item) => ({
    number: item.number,
    title: item.title,
    presenter: item.presenter,
    notes: item.notes,
    entries: (byItem.get(item.id) ?? []).map(entry),
  }));
  if (snapshot.generalNotes.trim() || outside.length) {
    items.unshift({ number: 0, title: GENERAL_ITEM_TITLE, notes: snapshot.generalNotes, entries: outside.map(entry) });
  }
  const { meeting } = snapshot;
  return {
    initiative: INITIATIVE_NAME,
    meetingTitle: meeting.title,
    kindLabel: MEETING_KIND_LABELS[meeting.kind],
    startsAt: new Date(meeting.startsAt),
    endsAt: new Date(meeting.endsAt),
    place: meetingPlace(meeting),
    organizer: meeting.organizer?.name ?? meeting.hostGroup?.name ?? 'Koordination',
    hostGroup: meeting.hostGroup?.name ?? null,
    revision: snapshot.revision,
    releasedAt: new Date(snapshot.releasedAt),
    releasedBy: snapshot.releasedBy?.name ?? null,
    status: 'released',
    attendance: snapshot.attendance.map((a) => ({
      name: a.person.name,
      organization: a.organization,
      status: a.status,
      mode: a.mode,
      deputyFor: a.deputyFor?.name ?? null,
    })),
    items,
    ...(options.pageUrl ? { pageUrl: options.pageUrl } : {}),
  };
}
