import { TaskPriority, TaskStatus } from '@srp/contracts';

/** German names for CSV exports and messages (the web app has its own for the UI). */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'Offen',
  in_progress: 'In Arbeit',
  blocked: 'Blockiert',
  done: 'Erledigt',
};

export const TASK_PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Niedrig',
  normal: 'Normal',
  high: 'Hoch',
  urgent: 'Dringend',
};

/** 2026-12-18 → 18.12.2026 */
export function germanDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
