import { MINUTES_LIMITS, MinutesEntryKind } from '@srp/contracts';
import { FieldError } from '@srp/server/platform';
import { addDays } from '../support/berlin-day';

/** An entry as the editor sends it. */
export interface EntryInput {
  id?: string;
  agendaItemId?: string | null;
  kind: MinutesEntryKind;
  text: string;
  confidential?: boolean;
  assigneeIds?: string[];
  dueDate?: string | null;
  groupId?: string | null;
}

/** An entry as stored. */
export interface StoredEntry {
  id: string;
  agendaItemId: string | null;
  position: number;
  kind: MinutesEntryKind;
  text: string;
  confidential: boolean;
  assigneeIds: string[];
  dueDate: string | null;
  groupId: string | null;
  taskId: string | null;
}

/** The entries to store after a save, and the stored ones it removes. */
export interface MergedEntries {
  entries: StoredEntry[];
  /** Index in the input of each entry (for field errors), by id. */
  indexOf: Map<string, number>;
  removed: StoredEntry[];
  errors: FieldError[];
}

const fieldError = (field: string, message: string): FieldError => ({ field, code: 'invalid', message });

/**
 * Merges the editor's entries into the stored ones: known ids stay (an unknown or repeated id
 * gets a new one), order is the array's order, fields that only action items have are cleared on
 * other kinds. Checks what needs no database: agenda items of this meeting, a group for every
 * action item, and that an entry which already has its task stays that task's action item.
 */
export function mergeEntries(
  input: EntryInput[],
  stored: StoredEntry[],
  agendaItemIds: ReadonlySet<string>,
  newId: () => string,
): MergedEntries {
  const known = new Map(stored.map((e) => [e.id, e]));
  const used = new Set<string>();
  const errors: FieldError[] = [];
  const indexOf = new Map<string, number>();
  const entries = input.map((e, index): StoredEntry => {
    const previous = e.id && !used.has(e.id) ? known.get(e.id) : undefined;
    const id = previous ? previous.id : newId();
    used.add(id);
    indexOf.set(id, index);
    const at = (field: string) => `entries.${index}.${field}`;
    const agendaItemId = e.agendaItemId ?? null;
    if (agendaItemId !== null && !agendaItemIds.has(agendaItemId)) {
      errors.push(fieldError(at('agendaItemId'), 'Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.'));
    }
    const action = e.kind === 'action_item';
    const groupId = action ? (e.groupId ?? null) : null;
    // A missing group is fine while writing (autosave keeps the rest); submit and release insist.
    const taskId = previous?.taskId ?? null;
    if (taskId && !action) {
      errors.push(
        fieldError(at('kind'), 'Aus diesem Eintrag wurde bereits eine Aufgabe angelegt; er bleibt eine Aufgabe.'),
      );
    } else if (taskId && groupId && groupId !== previous?.groupId) {
      errors.push(
        fieldError(
          at('groupId'),
          'Die Aufgabe ist bereits in ihrer Arbeitsgruppe angelegt; die Gruppe lässt sich hier nicht mehr ändern.',
        ),
      );
    }
    return {
      id,
      agendaItemId,
      position: index,
      kind: e.kind,
      text: e.text.trim(),
      confidential: e.confidential ?? false,
      assigneeIds: action ? [...new Set(e.assigneeIds ?? [])] : [],
      dueDate: action ? (e.dueDate ?? null) : null,
      groupId,
      taskId,
    };
  });
  const removed = stored.filter((e) => !used.has(e.id));
  return { entries, indexOf, removed, errors };
}

/** Whether two stored entries differ in anything a save writes. */
export function entryChanged(a: StoredEntry, b: StoredEntry): boolean {
  return (
    a.agendaItemId !== b.agendaItemId ||
    a.position !== b.position ||
    a.kind !== b.kind ||
    a.text !== b.text ||
    a.confidential !== b.confidential ||
    a.dueDate !== b.dueDate ||
    a.groupId !== b.groupId ||
    a.assigneeIds.length !== b.assigneeIds.length ||
    a.assigneeIds.some((id, i) => id !== b.assigneeIds[i])
  );
}

/** Item notes without blank ones, keys in a stable order (so equal notes compare equal). */
export function normaliseItemNotes(notes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(notes)
      .map(([key, value]) => [key.toLowerCase(), value] as const)
      .filter(([, value]) => value.trim())
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The review deadline's field error, if any: from today up to MINUTES_LIMITS.reviewDaysMax days ahead. */
export function reviewDeadlineError(deadline: string, today: string): FieldError | null {
  if (deadline < today) return fieldError('reviewDeadline', 'Die Frist darf nicht in der Vergangenheit liegen.');
  if (deadline > addDays(today, MINUTES_LIMITS.reviewDaysMax)) {
    return fieldError(
      'reviewDeadline',
      `Die Frist darf höchstens ${MINUTES_LIMITS.reviewDaysMax} Tage in der Zukunft liegen.`,
    );
  }
  return null;
}
