import { describe, expect, it } from 'vitest';
import {
  entryChanged,
  EntryInput,
  mergeEntries,
  normaliseItemNotes,
  reviewDeadlineError,
  StoredEntry,
} from './entry-input';

const AGENDA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER_AGENDA = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const GROUP = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const OTHER_GROUP = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const stored = (id: string, fields: Partial<StoredEntry> = {}): StoredEntry => ({
  id,
  agendaItemId: AGENDA,
  position: 0,
  kind: 'information',
  text: `Text ${id}`,
  confidential: false,
  assigneeIds: [],
  dueDate: null,
  groupId: null,
  taskId: null,
  ...fields,
});

function ids(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

const merge = (input: EntryInput[], existing: StoredEntry[] = []) =>
  mergeEntries(input, existing, new Set([AGENDA]), ids());

describe('mergeEntries', () => {
  it('keeps known ids, gives unknown and repeated ids new ones, orders by the array', () => {
    const result = merge(
      [
        { id: 'e2', agendaItemId: AGENDA, kind: 'information', text: ' Zweiter ' },
        { id: 'unknown', agendaItemId: null, kind: 'decision', text: 'Neu' },
        { id: 'e2', agendaItemId: AGENDA, kind: 'information', text: 'Kopie' },
      ],
      [stored('e1'), stored('e2', { position: 1 })],
    );
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => [e.id, e.position, e.text])).toEqual([
      ['e2', 0, 'Zweiter'],
      ['new-1', 1, 'Neu'],
      ['new-2', 2, 'Kopie'],
    ]);
    expect(result.removed.map((e) => e.id)).toEqual(['e1']);
    expect(result.indexOf.get('new-2')).toBe(2);
  });

  it('clears action item fields on other kinds and removes duplicate assignees', () => {
    const [info, action] = merge([
      { kind: 'information', text: 'I', assigneeIds: ['x'], dueDate: '2026-01-01', groupId: GROUP },
      { kind: 'action_item', text: 'A', assigneeIds: ['x', 'x', 'y'], dueDate: '2026-01-01', groupId: GROUP },
    ]).entries;
    expect(info).toMatchObject({ assigneeIds: [], dueDate: null, groupId: null, agendaItemId: null });
    expect(action).toMatchObject({ assigneeIds: ['x', 'y'], dueDate: '2026-01-01', groupId: GROUP });
  });

  it('names the field of every entry error by its index', () => {
    const { errors } = merge([
      { kind: 'information', text: 'ok' },
      { agendaItemId: OTHER_AGENDA, kind: 'decision', text: 'fremder TOP' },
      { kind: 'action_item', text: 'ohne Gruppe' },
    ]);
    // An action item without a group is a draft's normal state; only submit and release insist on one.
    expect(errors.map((e) => e.field)).toEqual(['entries.1.agendaItemId']);
  });

  it('keeps an entry that has its task an action item in its group', () => {
    const withTask = stored('t1', { kind: 'action_item', groupId: GROUP, taskId: 'task-1' });
    expect(merge([{ id: 't1', kind: 'decision', text: 'x' }], [withTask]).errors.map((e) => e.field)).toEqual([
      'entries.0.kind',
    ]);
    expect(
      merge([{ id: 't1', kind: 'action_item', text: 'x', groupId: OTHER_GROUP }], [withTask]).errors.map(
        (e) => e.field,
      ),
    ).toEqual(['entries.0.groupId']);
    const kept = merge([{ id: 't1', kind: 'action_item', text: 'geändert', groupId: GROUP }], [withTask]);
    expect(kept.errors).toEqual([]);
    expect(kept.entries[0]).toMatchObject({ id: 't1', taskId: 'task-1', text: 'geändert' });
    expect(merge([], [withTask]).removed).toEqual([withTask]);
  });
});

describe('entryChanged', () => {
  it('sees every stored field, and only those', () => {
    const a = stored('e', { kind: 'action_item', assigneeIds: ['x'], groupId: GROUP });
    expect(entryChanged(a, { ...a })).toBe(false);
    expect(entryChanged(a, { ...a, taskId: 'ignored: set on release only' })).toBe(false);
    for (const change of [
      { text: 'anders' },
      { position: 3 },
      { confidential: true },
      { assigneeIds: ['y'] },
      { assigneeIds: ['x', 'y'] },
      { dueDate: '2026-01-01' },
      { agendaItemId: null },
    ]) {
      expect(entryChanged(a, { ...a, ...change }), JSON.stringify(change)).toBe(true);
    }
  });
});

describe('normaliseItemNotes', () => {
  it('drops blank notes, lowercases ids and sorts keys so equal notes compare equal', () => {
    expect(normaliseItemNotes({ B: 'zwei', a: 'eins', c: '  ' })).toEqual({ a: 'eins', b: 'zwei' });
    expect(JSON.stringify(normaliseItemNotes({ b: '2', a: '1' }))).toBe(
      JSON.stringify(normaliseItemNotes({ a: '1', b: '2' })),
    );
  });
});

describe('reviewDeadlineError', () => {
  it('allows today up to 60 days ahead', () => {
    expect(reviewDeadlineError('2026-03-01', '2026-03-01')).toBeNull();
    expect(reviewDeadlineError('2026-04-30', '2026-03-01')).toBeNull();
    expect(reviewDeadlineError('2026-05-01', '2026-03-01')?.field).toBe('reviewDeadline');
    expect(reviewDeadlineError('2026-02-28', '2026-03-01')?.message).toContain('Vergangenheit');
  });
});
