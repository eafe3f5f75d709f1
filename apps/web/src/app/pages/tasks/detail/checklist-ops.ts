/** A checklist item as the api sends it. */
export interface ChecklistEntry {
  id: string;
  text: string;
  done: boolean;
}

/** A checklist item as the api takes it back: without id it is new. */
export interface ChecklistInput {
  id?: string;
  text: string;
  done?: boolean;
}

/**
 * One change a person makes to the checklist. Kept as an intent rather than a finished list, so
 * that after a conflict (409) it can be applied again to the checklist as it is now.
 */
export type ChecklistOp =
  | { kind: 'toggle'; id: string; done: boolean }
  | { kind: 'add'; text: string }
  | { kind: 'remove'; id: string }
  | { kind: 'rename'; id: string; text: string };

/**
 * The whole checklist after the change (the api replaces the list), or null when the item the
 * change is about is gone, e.g. someone else removed it meanwhile.
 */
export function applyChecklistOp(items: readonly ChecklistEntry[], op: ChecklistOp): ChecklistInput[] | null {
  const list: ChecklistInput[] = items.map(({ id, text, done }) => ({ id, text, done }));
  if (op.kind === 'add') {
    return [...list, { text: op.text.trim(), done: false }];
  }
  const index = items.findIndex((item) => item.id === op.id);
  if (index === -1) {
    return null;
  }
  switch (op.kind) {
    case 'toggle':
      list[index] = { ...list[index], done: op.done };
      return list;
    case 'rename':
      list[index] = { ...list[index], text: op.text.trim() };
      return list;
    case 'remove':
      return list.filter((_, i) => i !== index);
  }
}

/** "2 von 5 erledigt". */
export function checklistProgress(items: readonly { done: boolean }[]): string {
  const done = items.filter((item) => item.done).length;
  return `${done} von ${items.length} erledigt`;
}
