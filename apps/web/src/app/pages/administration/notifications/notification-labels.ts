import { StatusCount } from '../../../core/notifications-admin.service';

/** A status with its German name and how many rows have it. */
export interface LabelledCount {
  status: string;
  label: string;
  count: number;
}

/** The states of a planned notice (`reminder` rows), in the order they pass through. */
export const REMINDER_STATUS_LABELS: Readonly<Record<string, string>> = {
  planned: 'geplant',
  queued: 'in Zustellung',
  done: 'zugestellt',
  skipped: 'übersprungen',
  cancelled: 'abgesagt',
  failed: 'fehlgeschlagen',
};

/** The states of an e-mail in the outbox, in the order they pass through. */
export const MAIL_STATUS_LABELS: Readonly<Record<string, string>> = {
  queued: 'wartend',
  sending: 'wird gesendet',
  retrying: 'erneuter Versuch',
  sent: 'gesendet',
  failed: 'fehlgeschlagen',
  uncertain: 'unklar',
};

const QUEUE_LABELS: Readonly<Record<string, string>> = {
  mail: 'E-Mail',
  notifications: 'Benachrichtigungen',
  maintenance: 'Wartung',
};

const SCHEDULE_LABELS: Readonly<Record<string, string>> = {
  'mail-reconcile': 'Liegengebliebene E-Mails wieder einreihen',
  'task-purge-archived': 'Archivierte Aufgaben endgültig löschen',
  'reminder-sweep': 'Fällige Hinweise einsammeln',
  'reminder-reconcile': 'Liegengebliebene Hinweise wieder einreihen',
  'digest-overdue': 'Tägliche Übersicht überfälliger Aufgaben',
  'digest-weekly': 'Wochenübersicht',
};

const WEEKDAYS = ['sonntags', 'montags', 'dienstags', 'mittwochs', 'donnerstags', 'freitags', 'samstags', 'sonntags'];

export function queueLabel(name: string): string {
  return QUEUE_LABELS[name] ?? name;
}

export function scheduleLabel(id: string): string {
  return SCHEDULE_LABELS[id] ?? id;
}

/**
 * Every status of `labels` with its count (0 when the api has no row for it), followed by any
 * status the api sent that has no German name yet (shown as it is rather than hidden).
 */
export function labelledCounts(
  counts: readonly StatusCount[],
  labels: Readonly<Record<string, string>>,
): LabelledCount[] {
  const byStatus = new Map(counts.map((c) => [c.status, c.count]));
  const known = Object.entries(labels).map(([status, label]) => ({ status, label, count: byStatus.get(status) ?? 0 }));
  const unknown = counts
    .filter((c) => !(c.status in labels))
    .map((c) => ({ status: c.status, label: c.status, count: c.count }));
  return [...known, ...unknown];
}

function unit(count: number, one: string, many: string): string {
  return count === 1 ? `jede ${one}` : `alle ${count.toLocaleString('de-DE')} ${many}`;
}

/** "alle 60 s" → "jede Minute"; "alle 2 s" → "alle 2 Sekunden". */
function intervalText(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return unit(seconds / 3600, 'Stunde', 'Stunden');
  if (seconds >= 60 && seconds % 60 === 0) return unit(seconds / 60, 'Minute', 'Minuten');
  return unit(seconds, 'Sekunde', 'Sekunden');
}

const pad = (value: string) => value.padStart(2, '0');

/** "0 8 * * *" → "täglich um 08:00 Uhr"; "0 7 * * 1" → "montags um 07:00 Uhr"; anything else: undefined. */
function cronText(cron: string): string | undefined {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7])$/.exec(cron.trim());
  if (!match) return undefined;
  const [, minute, hour, weekday] = match;
  const days = weekday === '*' ? 'täglich' : WEEKDAYS[Number(weekday)];
  return `${days} um ${pad(hour)}:${pad(minute)} Uhr`;
}

/**
 * The api's rule of a schedule in German. It sends "alle <n> s" for intervals and
 * "<cron> (Europe/Berlin)" for cron patterns; a pattern this cannot read stays visible as it is.
 */
export function scheduleRuleText(rule: string): string {
  const interval = /^alle (\d+(?:\.\d+)?) s$/.exec(rule.trim());
  if (interval) {
    return intervalText(Number(interval[1]));
  }
  const cron = rule.replace(/\s*\(Europe\/Berlin\)\s*$/, '');
  return cronText(cron) ?? `Zeitplan „${rule}“`;
}
