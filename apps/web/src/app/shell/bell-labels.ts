// Kept apart from the bell component: the shell uses them eagerly, the component loads later.

/** "Benachrichtigungen, 3 ungelesen" / "Benachrichtigungen": the bell's accessible name. */
export function bellLabel(count: number): string {
  return count > 0 ? `Benachrichtigungen, ${count} ungelesen` : 'Benachrichtigungen';
}

/** The number on the badge: at most "99+". */
export function bellBadge(count: number): string {
  return count > 99 ? '99+' : String(count);
}
