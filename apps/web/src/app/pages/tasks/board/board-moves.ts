import type { TaskStatus } from '@srp/contracts';

/** What the board logic needs of a card. */
export interface CardLike {
  id: string;
  status: TaskStatus;
  rank: number;
}

/** One column of the board as the page keeps it locally. */
export interface Column<T extends CardLike> {
  status: TaskStatus;
  /** All tasks in this status (the WIP count); the column may show fewer ("done" shows the last 50). */
  count: number;
  tasks: T[];
}

/** Where a card is: its column and its index there. */
export interface CardPlace {
  status: TaskStatus;
  index: number;
}

/** A move applied to the local columns, with what the api needs and what a rollback needs. */
export interface PlannedMove<T extends CardLike> {
  columns: Column<T>[];
  /** The card before the moved one in its new column; null when it is now at the top. */
  afterTaskId: string | null;
  from: CardPlace;
  to: CardPlace;
  /** The card as it was before the move. */
  original: T;
}

/** Where a card is on the board, or null when it is not on it (any more). */
export function findCard<T extends CardLike>(columns: readonly Column<T>[], taskId: string): CardPlace | null {
  for (const column of columns) {
    const index = column.tasks.findIndex((task) => task.id === taskId);
    if (index >= 0) {
      return { status: column.status, index };
    }
  }
  return null;
}

/**
 * Puts a card into `toStatus` at `toIndex` (an index into the target column without the card, as
 * CDK drag-drop reports it) and returns new columns; the input stays untouched so the page can
 * roll back. `patch` changes the card on the way (its status is always set). Null when the card is
 * not on the board or would stay where it is.
 */
export function planMove<T extends CardLike>(
  columns: readonly Column<T>[],
  taskId: string,
  toStatus: TaskStatus,
  toIndex: number,
  patch: Partial<T> = {},
): PlannedMove<T> | null {
  const from = findCard(columns, taskId);
  const target = columns.find((column) => column.status === toStatus);
  if (!from || !target) {
    return null;
  }
  const source = columns.find((column) => column.status === from.status) as Column<T>;
  const original = source.tasks[from.index];
  const remaining = target.tasks.filter((task) => task.id !== taskId);
  const index = Math.max(0, Math.min(toIndex, remaining.length));
  if (from.status === toStatus && index === from.index) {
    return null;
  }
  const moved = { ...original, ...patch, status: toStatus } as T;
  const placed = [...remaining.slice(0, index), moved, ...remaining.slice(index)];
  const statusChanged = from.status !== toStatus;
  const next = columns.map((column): Column<T> => {
    if (column.status === toStatus) {
      return { ...column, tasks: placed, count: column.count + (statusChanged ? 1 : 0) };
    }
    if (column.status === from.status) {
      return { ...column, tasks: without(column.tasks, taskId), count: column.count - 1 };
    }
    return column;
  });
  return {
    columns: next,
    afterTaskId: index > 0 ? placed[index - 1].id : null,
    from,
    to: { status: toStatus, index },
    original,
  };
}

/**
 * Undoes a move that the api refused: the card goes back to where it was, as it was, wherever it
 * is now (other moves may have happened meanwhile, so this is not a snapshot restore).
 */
export function revertMove<T extends CardLike>(columns: readonly Column<T>[], move: PlannedMove<T>): Column<T>[] {
  const back = planMove(columns, move.original.id, move.from.status, move.from.index);
  const result = back ? back.columns : [...columns];
  return replaceCard(result, move.original);
}

/** Replaces a card by id where it is (with the api's answer: new version, status, flags). */
export function replaceCard<T extends CardLike>(columns: readonly Column<T>[], card: T): Column<T>[] {
  return columns.map((column) =>
    column.tasks.some((task) => task.id === card.id)
      ? { ...column, tasks: column.tasks.map((task) => (task.id === card.id ? card : task)) }
      : column,
  );
}

/** Adds a new card to the column of its status, in rank order, and counts it. */
export function insertCard<T extends CardLike>(columns: readonly Column<T>[], card: T): Column<T>[] {
  return columns.map((column) => {
    if (column.status !== card.status) {
      return column;
    }
    const tasks = without(column.tasks, card.id);
    const at = tasks.findIndex((task) => task.rank > card.rank);
    const index = at < 0 ? tasks.length : at;
    return {
      ...column,
      tasks: [...tasks.slice(0, index), card, ...tasks.slice(index)],
      count: column.count + (tasks.length === column.tasks.length ? 1 : 0),
    };
  });
}

function without<T extends CardLike>(tasks: readonly T[], taskId: string): T[] {
  return tasks.filter((task) => task.id !== taskId);
}
