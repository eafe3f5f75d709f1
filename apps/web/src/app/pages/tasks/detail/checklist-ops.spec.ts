import { ChecklistEntry, applyChecklistOp, checklistProgress } from './checklist-ops';

const ITEMS: ChecklistEntry[] = [
  { id: '1', text: 'Antrag lesen', done: true },
  { id: '2', text: 'Frist notieren', done: false },
  { id: '3', text: 'Budget klären', done: false },
];

describe('checklist changes', () => {
  it('ticks one item and sends the whole list with ids', () => {
    expect(applyChecklistOp(ITEMS, { kind: 'toggle', id: '2', done: true })).toEqual([
      { id: '1', text: 'Antrag lesen', done: true },
      { id: '2', text: 'Frist notieren', done: true },
      { id: '3', text: 'Budget klären', done: false },
    ]);
  });

  it('adds a new item without id at the end, renames and removes', () => {
    expect(applyChecklistOp(ITEMS, { kind: 'add', text: '  Sensoren bestellen ' })?.at(-1)).toEqual({
      text: 'Sensoren bestellen',
      done: false,
    });
    expect(applyChecklistOp(ITEMS, { kind: 'rename', id: '3', text: 'Budget mit Kämmerei klären' })?.[2]).toEqual({
      id: '3',
      text: 'Budget mit Kämmerei klären',
      done: false,
    });
    expect(applyChecklistOp(ITEMS, { kind: 'remove', id: '1' })?.map((i) => i.id)).toEqual(['2', '3']);
  });

  it('applies a change again to a list that someone else changed meanwhile', () => {
    const now: ChecklistEntry[] = [
      { id: '3', text: 'Budget klären', done: true },
      { id: '2', text: 'Frist notieren', done: false },
      { id: '4', text: 'Neu von Jonas', done: false },
    ];
    expect(applyChecklistOp(now, { kind: 'toggle', id: '2', done: true })).toEqual([
      { id: '3', text: 'Budget klären', done: true },
      { id: '2', text: 'Frist notieren', done: true },
      { id: '4', text: 'Neu von Jonas', done: false },
    ]);
    expect(applyChecklistOp(now, { kind: 'toggle', id: '1', done: false })).toBeNull();
  });

  it('says how far the checklist is', () => {
    expect(checklistProgress(ITEMS)).toBe('1 von 3 erledigt');
    expect(checklistProgress([])).toBe('0 von 0 erledigt');
  });
});
