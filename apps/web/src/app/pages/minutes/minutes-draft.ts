import { ApiFieldError } from '@srp/contracts';
import { Minutes, MinutesDraft, MinutesEntry, MinutesEntryKind, PublishLevel } from '../../core/minutes.service';

/** One entry as the editor holds it; `key` identifies it locally before the server gave it an id. */
export interface DraftEntry {
  key: string;
  id?: string;
  agendaItemId: string | null;
  kind: MinutesEntryKind;
  text: string;
  confidential: boolean;
  groupId: string | null;
  assigneeIds: string[];
  dueDate: string | null;
  /** A task was made from it on an earlier release: it stays an action item and cannot be removed. */
  hasTask: boolean;
}

/** The whole editable document. */
export interface DraftModel {
  generalNotes: string;
  itemNotes: Record<string, string>;
  publishLevel: PublishLevel;
  entries: DraftEntry[];
}

let nextKey = 0;
/** A local key for a new entry. */
export const newEntryKey = () => `new-${++nextKey}`;

function fromEntry(entry: MinutesEntry, agendaItemId: string | null): DraftEntry {
  return {
    key: entry.id,
    id: entry.id,
    agendaItemId,
    kind: entry.kind,
    text: entry.text,
    confidential: entry.confidential,
    groupId: entry.group?.id ?? null,
    assigneeIds: entry.assignees.map((p) => p.id),
    dueDate: entry.dueDate,
    hasTask: entry.task !== null,
  };
}

/** The editor's model of the minutes: agenda entries in agenda order, then those outside the agenda. */
export function toDraft(minutes: Minutes): DraftModel {
  return {
    generalNotes: minutes.generalNotes,
    itemNotes: Object.fromEntries(minutes.items.map((item) => [item.id, item.notes])),
    publishLevel: minutes.publishLevel,
    entries: [
      ...minutes.items.flatMap((item) => item.entries.map((e) => fromEntry(e, item.id))),
      ...minutes.entries.map((e) => fromEntry(e, null)),
    ],
  };
}

/** The PUT body; fields only action items have are left out for the other kinds. */
export function toSaveBody(draft: DraftModel, version: number): MinutesDraft {
  return {
    version,
    generalNotes: draft.generalNotes,
    itemNotes: draft.itemNotes,
    publishLevel: draft.publishLevel,
    entries: draft.entries.map((e) => ({
      ...(e.id ? { id: e.id } : {}),
      agendaItemId: e.agendaItemId,
      kind: e.kind,
      text: e.text,
      confidential: e.confidential,
      ...(e.kind === 'action_item' ? { groupId: e.groupId, assigneeIds: e.assigneeIds, dueDate: e.dueDate } : {}),
    })),
  };
}

/**
 * The ids the server gave to entries that were new in `sent`: within each agenda item the answer keeps
 * the order that was sent, so the n-th entry sent for an item is the n-th one answered. Returns key → id.
 */
export function assignedIds(sent: DraftEntry[], answer: Minutes): Map<string, string> {
  const answered = new Map<string | null, MinutesEntry[]>([
    ...answer.items.map((item): [string | null, MinutesEntry[]] => [item.id, item.entries]),
    [null, answer.entries],
  ]);
  const seen = new Map<string | null, number>();
  const ids = new Map<string, string>();
  for (const entry of sent) {
    const index = seen.get(entry.agendaItemId) ?? 0;
    seen.set(entry.agendaItemId, index + 1);
    const match = answered.get(entry.agendaItemId)?.[index];
    if (!entry.id && match) {
      ids.set(entry.key, match.id);
    }
  }
  return ids;
}

/** Field errors of a 400 answer: those of entries (`entries.N.field`) by entry key, the rest apart. */
export function entryErrors(
  sent: DraftEntry[],
  errors: ApiFieldError[],
): { byEntry: Map<string, string[]>; other: string[] } {
  const byEntry = new Map<string, string[]>();
  const other: string[] = [];
  for (const error of errors) {
    const match = /^entries\.(\d+)(?:\.|$)/.exec(error.field);
    const entry = match ? sent[Number(match[1])] : undefined;
    if (entry) {
      byEntry.set(entry.key, [...(byEntry.get(entry.key) ?? []), error.message]);
    } else {
      other.push(error.message);
    }
  }
  return { byEntry, other };
}

/** The person's text as plain text, to copy after a conflict. */
export function draftAsText(draft: DraftModel, titles: Map<string, string>): string {
  const parts: string[] = [];
  if (draft.generalNotes.trim()) {
    parts.push(`Allgemeines\n${draft.generalNotes.trim()}`);
  }
  const sections = [...titles.keys(), null];
  for (const itemId of sections) {
    const notes = itemId ? (draft.itemNotes[itemId] ?? '').trim() : '';
    const entries = draft.entries.filter((e) => e.agendaItemId === itemId && e.text.trim());
    if (!notes && entries.length === 0) {
      continue;
    }
    const lines = [itemId ? (titles.get(itemId) ?? '') : 'Weitere Punkte'];
    if (notes) {
      lines.push(notes);
    }
    lines.push(...entries.map((e) => `- ${e.text.trim()}`));
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}
