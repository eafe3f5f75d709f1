import type { TaskStatus } from '@srp/contracts';
import { present } from '../../../testing/dom-testing';
import { CardLike, Column, PlannedMove, findCard, insertCard, planMove, replaceCard, revertMove } from './board-moves';

interface Card extends CardLike {
  title?: string;
  blockedReason?: string | null;
}

const card = (id: string, status: TaskStatus, rank: number): Card => ({ id, status, rank });

/** Offen: a b c · In Arbeit: d · Blockiert: – · Erledigt: e (of 3 done in all). */
function board(): Column<Card>[] {
  return [
    { status: 'open', count: 3, tasks: [card('a', 'open', 1), card('b', 'open', 2), card('c', 'open', 3)] },
    { status: 'in_progress', count: 1, tasks: [card('d', 'in_progress', 1)] },
    { status: 'blocked', count: 0, tasks: [] },
    { status: 'done', count: 3, tasks: [card('e', 'done', 1)] },
  ];
}

/** A move that must exist. */
const plan = (...args: Parameters<typeof planMove<Card>>): PlannedMove<Card> => present(planMove(...args), 'move');

const ids = (columns: Column<Card>[], status: TaskStatus) =>
  columns.find((c) => c.status === status)?.tasks.map((t) => t.id);
const count = (columns: Column<Card>[], status: TaskStatus) => columns.find((c) => c.status === status)?.count;

describe('planMove', () => {
  it('moves a card to the top of another column: after nobody, counts follow', () => {
    const before = board();
    const move = plan(before, 'b', 'in_progress', 0);
    expect(move.afterTaskId).toBeNull();
    expect(ids(move.columns, 'open')).toEqual(['a', 'c']);
    expect(ids(move.columns, 'in_progress')).toEqual(['b', 'd']);
    expect(count(move.columns, 'open')).toBe(2);
    expect(count(move.columns, 'in_progress')).toBe(2);
    expect(move.columns[1].tasks[0].status).toBe('in_progress');
    expect(move.from).toEqual({ status: 'open', index: 1 });
    expect(move.to).toEqual({ status: 'in_progress', index: 0 });
    // The input is untouched, so a rollback can trust it.
    expect(ids(before, 'open')).toEqual(['a', 'b', 'c']);
    expect(before[0].tasks[1].status).toBe('open');
  });

  it('names the card before the drop place as afterTaskId', () => {
    expect(plan(board(), 'a', 'in_progress', 1).afterTaskId).toBe('d');
    expect(plan(board(), 'a', 'done', 5).afterTaskId).toBe('e');
  });

  it('reorders within a column with indexes as CDK reports them (without the card)', () => {
    const down = plan(board(), 'a', 'open', 2);
    expect(ids(down.columns, 'open')).toEqual(['b', 'c', 'a']);
    expect(down.afterTaskId).toBe('c');
    expect(count(down.columns, 'open')).toBe(3);

    const up = plan(board(), 'c', 'open', 0);
    expect(ids(up.columns, 'open')).toEqual(['c', 'a', 'b']);
    expect(up.afterTaskId).toBeNull();

    const middle = plan(board(), 'c', 'open', 1);
    expect(ids(middle.columns, 'open')).toEqual(['a', 'c', 'b']);
    expect(middle.afterTaskId).toBe('a');
  });

  it('moves into an empty column', () => {
    const move = plan(board(), 'd', 'blocked', 0, { blockedReason: 'Wir warten auf den Kreis.' });
    expect(ids(move.columns, 'blocked')).toEqual(['d']);
    expect(ids(move.columns, 'in_progress')).toEqual([]);
    expect(count(move.columns, 'blocked')).toBe(1);
    expect(count(move.columns, 'in_progress')).toBe(0);
    expect(move.columns[2].tasks[0].blockedReason).toBe('Wir warten auf den Kreis.');
    expect(move.afterTaskId).toBeNull();
  });

  it('does nothing when the card stays where it is or is not on the board', () => {
    expect(planMove(board(), 'b', 'open', 1)).toBeNull();
    expect(planMove(board(), 'x', 'open', 0)).toBeNull();
  });

  it('keeps indexes inside the column', () => {
    expect(ids(plan(board(), 'a', 'open', 99).columns, 'open')).toEqual(['b', 'c', 'a']);
    expect(ids(plan(board(), 'c', 'open', -3).columns, 'open')).toEqual(['c', 'a', 'b']);
  });
});

describe('revertMove', () => {
  it('puts the card back where and as it was', () => {
    const move = plan(board(), 'b', 'done', 1);
    const reverted = revertMove(move.columns, move);
    expect(reverted.map((c) => ({ status: c.status, count: c.count, ids: c.tasks.map((t) => t.id) }))).toEqual(
      board().map((c) => ({ status: c.status, count: c.count, ids: c.tasks.map((t) => t.id) })),
    );
    expect(reverted[0].tasks[1]).toBe(move.original);
  });

  it('keeps other moves that happened meanwhile', () => {
    const first = plan(board(), 'a', 'in_progress', 0);
    const second = plan(first.columns, 'c', 'done', 0);
    // The first move fails after the second one was applied.
    const reverted = revertMove(second.columns, first);
    expect(ids(reverted, 'open')).toEqual(['a', 'b']);
    expect(ids(reverted, 'in_progress')).toEqual(['d']);
    expect(ids(reverted, 'done')).toEqual(['c', 'e']);
    expect(count(reverted, 'done')).toBe(4);
    expect(count(reverted, 'open')).toBe(2);
  });
});

describe('replaceCard, insertCard, findCard', () => {
  it('replaces a card where it is', () => {
    const next = replaceCard(board(), { ...card('b', 'open', 2), title: 'neu' });
    expect(next[0].tasks[1].title).toBe('neu');
    expect(ids(next, 'open')).toEqual(['a', 'b', 'c']);
  });

  it('inserts a new card by rank and counts it once', () => {
    const next = insertCard(board(), card('n', 'open', 2.5));
    expect(ids(next, 'open')).toEqual(['a', 'b', 'n', 'c']);
    expect(count(next, 'open')).toBe(4);
    const again = insertCard(next, card('n', 'open', 2.5));
    expect(count(again, 'open')).toBe(4);
    expect(ids(insertCard(board(), card('t', 'open', 0)), 'open')).toEqual(['t', 'a', 'b', 'c']);
    expect(ids(insertCard(board(), card('z', 'open', 9)), 'open')).toEqual(['a', 'b', 'c', 'z']);
  });

  it('finds a card', () => {
    expect(findCard(board(), 'e')).toEqual({ status: 'done', index: 0 });
    expect(findCard(board(), 'x')).toBeNull();
  });
});
