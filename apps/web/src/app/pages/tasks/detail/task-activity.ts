import { TASK_STATUSES, TaskActivityKind, TaskStatus } from '@srp/contracts';
import { TASK_STATUS_LABELS } from '../../../core/tasks.service';
import { formatDueDate } from '../task-chips';

/** One entry of the history as the api sends it (TaskActivityDto). */
export interface ActivityEntry {
  kind: TaskActivityKind;
  actor: { name: string } | null;
  details: Record<string, unknown>;
}

/** Fields of an "updated" entry, as objects of "hat … geändert". */
const FIELD_NAMES: Record<string, string> = {
  title: 'den Titel',
  description: 'die Beschreibung',
  priority: 'die Priorität',
  labels: 'die Schlagwörter',
  blockedReason: 'den Grund der Blockade',
  dueDate: 'die Fälligkeit',
  assigneeIds: 'die Zuständigen',
  checklist: 'die Checkliste',
  status: 'den Status',
};

/** "A", "A und B", "A, B und C". */
export function germanList(items: readonly string[]): string {
  if (items.length <= 1) {
    return items[0] ?? '';
  }
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

function quoted(value: string): string {
  return `„${value}“`;
}

function statusName(value: unknown): string {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value)
    ? quoted(TASK_STATUS_LABELS[value as TaskStatus])
    : '„?“';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function names(value: unknown): string[] {
  return Array.isArray(value)
    ? value
        .map((v: unknown) =>
          typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string'
            ? (v as { name: string }).name
            : null,
        )
        .filter((name): name is string => !!name)
    : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * What happened, as a German sentence with the actor as subject, e.g.
 * "Anna Beispiel hat den Status von „Offen“ auf „In Arbeit“ geändert." The details come from the
 * api as free JSON, so every value is checked and a missing one still gives a readable sentence.
 */
export function activitySentence(entry: ActivityEntry): string {
  const who = entry.actor?.name ?? 'Ein gelöschtes Konto';
  const d = entry.details ?? {};
  switch (entry.kind) {
    case 'created':
      return `${who} hat die Aufgabe angelegt.`;
    case 'updated': {
      const fields = strings(d['fields']).map((field) => FIELD_NAMES[field] ?? null);
      return fields.length > 0 && fields.every(Boolean)
        ? `${who} hat ${germanList(fields as string[])} geändert.`
        : `${who} hat die Aufgabe bearbeitet.`;
    }
    case 'status_changed': {
      const reason = text(d['reason']);
      const sentence = `${who} hat den Status von ${statusName(d['from'])} auf ${statusName(d['to'])} geändert.`;
      return reason ? `${sentence} Grund: ${reason}` : sentence;
    }
    case 'due_changed': {
      const from = formatDueDate(text(d['from']));
      const to = formatDueDate(text(d['to']));
      if (from && to) {
        return `${who} hat die Fälligkeit vom ${from} auf den ${to} verschoben.`;
      }
      if (to) {
        return `${who} hat die Fälligkeit auf den ${to} gesetzt.`;
      }
      return from ? `${who} hat die Fälligkeit (bisher ${from}) entfernt.` : `${who} hat die Fälligkeit geändert.`;
    }
    case 'assignees_changed': {
      const added = names(d['added']);
      const removed = names(d['removed']);
      const parts: string[] = [];
      if (added.length > 0) {
        parts.push(`die Aufgabe ${germanList(added)} zugewiesen`);
      }
      if (removed.length > 0) {
        parts.push(`die Zuweisung an ${germanList(removed)} aufgehoben`);
      }
      return parts.length > 0 ? `${who} hat ${parts.join(' und ')}.` : `${who} hat die Zuständigen geändert.`;
    }
    case 'checklist_changed': {
      const parts: string[] = [];
      const add = (items: string[], verb: string) => {
        if (items.length > 0) {
          parts.push(`${germanList(items.map(quoted))} ${verb}`);
        }
      };
      add(strings(d['checked']), 'abgehakt');
      add(strings(d['unchecked']), 'wieder geöffnet');
      add(strings(d['added']), 'hinzugefügt');
      add(strings(d['removed']), 'entfernt');
      const renamed = strings(d['renamed']);
      if (renamed.length > 0) {
        parts.push(
          `${renamed.length === 1 ? 'einen Punkt' : 'Punkte'} in ${germanList(renamed.map(quoted))} umbenannt`,
        );
      }
      return parts.length > 0
        ? `${who} hat in der Checkliste ${germanList(parts)}.`
        : `${who} hat die Checkliste geändert.`;
    }
    case 'commented':
      return `${who} hat einen Kommentar geschrieben.`;
    case 'linked': {
      const title = text(d['title']);
      return title
        ? `${who} hat die Aufgabe mit ${quoted(title)} verknüpft.`
        : `${who} hat eine verknüpfte Aufgabe hinzugefügt.`;
    }
    case 'unlinked': {
      const title = text(d['title']);
      return title
        ? `${who} hat die Verknüpfung mit ${quoted(title)} entfernt.`
        : `${who} hat eine Verknüpfung entfernt.`;
    }
    case 'archived':
      return `${who} hat die Aufgabe gelöscht (archiviert).`;
    case 'restored':
      return `${who} hat die Aufgabe wiederhergestellt.`;
    default:
      return `${who} hat die Aufgabe geändert.`;
  }
}
