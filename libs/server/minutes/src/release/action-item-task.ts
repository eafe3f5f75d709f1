import { TASK_LIMITS } from '@srp/contracts';
import { germanDay } from '../support/berlin-day';

/** What a task made from an action item needs to know about its minutes. */
export interface ActionItemSource {
  meetingId: string;
  meetingTitle: string;
  /** The meeting's day in Europe/Berlin, YYYY-MM-DD. */
  meetingDay: string;
  /** TOP number; null for an entry outside the agenda. */
  itemNumber: number | null;
  text: string;
  /** A confidential entry: its task (readable by the whole group) carries only the title. */
  confidential?: boolean;
}

/** The description of a task from a confidential action item: no minutes text, only where to read it. */
export const CONFIDENTIAL_ACTION_ITEM = 'Vertraulicher Punkt aus dem Protokoll – Details im Protokoll.';

/** The task's title: the entry's first non-empty line, cut to the task title limit. */
export function actionItemTitle(text: string): string {
  const line = (text.split(/\r?\n/).find((l) => l.trim()) ?? '').trim().replace(/\s+/g, ' ');
  if (line.length <= TASK_LIMITS.title) return line;
  return `${line.slice(0, TASK_LIMITS.title - 1).trimEnd()}…`;
}

/** The minutes' page in the portal (relative, so it works behind any host name). */
export function minutesPath(meetingId: string): string {
  return `/termine/${meetingId}/protokoll`;
}

/** "Protokoll Monatsrunde 14.01.2026, TOP 2": where the task came from (its origin label). */
export function actionItemLabel(source: ActionItemSource): string {
  const top = source.itemNumber ? `, TOP ${source.itemNumber}` : '';
  return `Protokoll ${source.meetingTitle} ${germanDay(source.meetingDay)}${top}`;
}

/**
 * The task's description: the full entry text (for a confidential entry a neutral sentence
 * instead) and a link back to the minutes.
 */
export function actionItemDescription(source: ActionItemSource): string {
  const top = source.itemNumber ? `, TOP ${source.itemNumber}` : '';
  const link = `[${escapeLinkText(source.meetingTitle)} vom ${germanDay(source.meetingDay)}](${minutesPath(source.meetingId)})`;
  const body = source.confidential ? CONFIDENTIAL_ACTION_ITEM : source.text.trim();
  return `${body}\n\nAus dem Protokoll ${link}${top}.`;
}

// Brackets in a title would end the Markdown link text early.
function escapeLinkText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}
