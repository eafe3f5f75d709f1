import { ActivityEntry, activitySentence, germanList } from './task-activity';

const ANNA = { name: 'Anna Beispiel' };

function entry(kind: ActivityEntry['kind'], details: Record<string, unknown> = {}, actor = ANNA): ActivityEntry {
  return { kind, details, actor };
}

describe('activitySentence', () => {
  it('joins lists the German way', () => {
    expect(germanList([])).toBe('');
    expect(germanList(['A'])).toBe('A');
    expect(germanList(['A', 'B'])).toBe('A und B');
    expect(germanList(['A', 'B', 'C'])).toBe('A, B und C');
  });

  it('describes a status change with the German status names and the reason for a block', () => {
    expect(activitySentence(entry('status_changed', { from: 'open', to: 'in_progress' }))).toBe(
      'Anna Beispiel hat den Status von „Offen“ auf „In Arbeit“ geändert.',
    );
    expect(
      activitySentence(
        entry('status_changed', { from: 'in_progress', to: 'blocked', reason: 'Wartet auf Förderbescheid' }),
      ),
    ).toBe('Anna Beispiel hat den Status von „In Arbeit“ auf „Blockiert“ geändert. Grund: Wartet auf Förderbescheid');
  });

  it('describes due date changes with German dates', () => {
    expect(activitySentence(entry('due_changed', { from: null, to: '2026-12-18' }))).toBe(
      'Anna Beispiel hat die Fälligkeit auf den 18.12.2026 gesetzt.',
    );
    expect(activitySentence(entry('due_changed', { from: '2026-12-18', to: '2027-01-08' }))).toBe(
      'Anna Beispiel hat die Fälligkeit vom 18.12.2026 auf den 08.01.2027 verschoben.',
    );
    expect(activitySentence(entry('due_changed', { from: '2026-12-18', to: null }))).toBe(
      'Anna Beispiel hat die Fälligkeit (bisher 18.12.2026) entfernt.',
    );
  });

  it('names the people assigned and unassigned', () => {
    expect(
      activitySentence(
        entry('assignees_changed', {
          added: [
            { id: '1', name: 'Jonas Becker' },
            { id: '2', name: 'Miriam Hoffmann' },
          ],
          removed: [{ id: '3', name: 'Paul Weber' }],
        }),
      ),
    ).toBe(
      'Anna Beispiel hat die Aufgabe Jonas Becker und Miriam Hoffmann zugewiesen und die Zuweisung an Paul Weber aufgehoben.',
    );
    expect(
      activitySentence(entry('assignees_changed', { added: [], removed: [{ id: '3', name: 'Paul Weber' }] })),
    ).toBe('Anna Beispiel hat die Zuweisung an Paul Weber aufgehoben.');
  });

  it('lists what happened in the checklist', () => {
    expect(
      activitySentence(
        entry('checklist_changed', {
          checked: ['Antrag lesen', 'Frist notieren'],
          unchecked: [],
          added: ['Budget'],
          removed: [],
        }),
      ),
    ).toBe(
      'Anna Beispiel hat in der Checkliste „Antrag lesen“ und „Frist notieren“ abgehakt und „Budget“ hinzugefügt.',
    );
    expect(activitySentence(entry('checklist_changed', { unchecked: ['Frist notieren'] }))).toBe(
      'Anna Beispiel hat in der Checkliste „Frist notieren“ wieder geöffnet.',
    );
    expect(activitySentence(entry('checklist_changed', { checked: [], renamed: ['Budget klären'] }))).toBe(
      'Anna Beispiel hat in der Checkliste einen Punkt in „Budget klären“ umbenannt.',
    );
    expect(activitySentence(entry('checklist_changed', {}))).toBe('Anna Beispiel hat die Checkliste geändert.');
  });

  it('names the changed fields, and falls back when it does not know one', () => {
    expect(activitySentence(entry('updated', { fields: ['title', 'description'] }))).toBe(
      'Anna Beispiel hat den Titel und die Beschreibung geändert.',
    );
    expect(activitySentence(entry('updated', { fields: ['priority', 'labels', 'title'] }))).toBe(
      'Anna Beispiel hat die Priorität, die Schlagwörter und den Titel geändert.',
    );
    expect(activitySentence(entry('updated', { fields: ['somethingNew'] }))).toBe(
      'Anna Beispiel hat die Aufgabe bearbeitet.',
    );
  });

  it('describes the other kinds, also without an actor', () => {
    expect(activitySentence(entry('created'))).toBe('Anna Beispiel hat die Aufgabe angelegt.');
    expect(activitySentence(entry('commented', { commentId: 'x' }))).toBe(
      'Anna Beispiel hat einen Kommentar geschrieben.',
    );
    expect(activitySentence(entry('linked', { taskId: 'x', title: 'Sensoren bestellen' }))).toBe(
      'Anna Beispiel hat die Aufgabe mit „Sensoren bestellen“ verknüpft.',
    );
    expect(activitySentence(entry('unlinked', { taskId: 'x', title: 'Sensoren bestellen' }))).toBe(
      'Anna Beispiel hat die Verknüpfung mit „Sensoren bestellen“ entfernt.',
    );
    expect(activitySentence(entry('archived'))).toBe('Anna Beispiel hat die Aufgabe gelöscht (archiviert).');
    expect(activitySentence({ kind: 'restored', details: {}, actor: null })).toBe(
      'Ein gelöschtes Konto hat die Aufgabe wiederhergestellt.',
    );
  });
});
