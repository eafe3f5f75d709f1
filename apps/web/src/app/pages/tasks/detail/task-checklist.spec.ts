import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { present } from '../../../testing/dom-testing';
import { ChecklistEntry, ChecklistOp } from './checklist-ops';
import { TaskChecklist } from './task-checklist';

const ITEMS: ChecklistEntry[] = [
  { id: 'i1', text: 'Förderaufruf lesen', done: true },
  { id: 'i2', text: 'Budget klären', done: false },
];

@Component({
  imports: [TaskChecklist],
  template: `<srp-task-checklist
    [items]="items()"
    [mayWork]="mayWork()"
    [mayEdit]="mayEdit()"
    (changed)="ops.push($event)"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly items = signal(ITEMS);
  readonly mayWork = signal(true);
  readonly mayEdit = signal(true);
  readonly ops: ChecklistOp[] = [];
}

describe('TaskChecklist', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const ops = () => fixture.componentInstance.ops;
  const button = (label: string) =>
    present(element().querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`), label);

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('shows the progress and ticks an item', async () => {
    expect(element().textContent).toContain('1 von 2 erledigt');
    present(element().querySelectorAll<HTMLInputElement>('mat-checkbox input')[1], 'checkbox').click();
    await settle();
    expect(ops()).toEqual([{ kind: 'toggle', id: 'i2', done: true }]);
  });

  it('adds, renames (back to the button afterwards) and removes items', async () => {
    const add = present(element().querySelector<HTMLInputElement>('form.add input'), 'new item');
    add.value = 'Antrag einreichen';
    add.dispatchEvent(new Event('input'));
    present(element().querySelector<HTMLButtonElement>('form.add button[type="submit"]'), 'add').click();
    await settle();
    expect(add.value).toBe('');

    button('„Budget klären“ umbenennen').click();
    await settle();
    const rename = present(element().querySelector<HTMLInputElement>('form.rename input'), 'rename field');
    expect(document.activeElement).toBe(rename);
    rename.value = 'Budget mit der Kämmerei klären';
    rename.dispatchEvent(new Event('input'));
    rename.form?.requestSubmit();
    await settle();
    expect(element().querySelector('form.rename')).toBeNull();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('„Budget klären“ umbenennen');

    button('„Förderaufruf lesen“ entfernen').click();
    await settle();
    expect(ops()).toEqual([
      { kind: 'add', text: 'Antrag einreichen' },
      { kind: 'rename', id: 'i2', text: 'Budget mit der Kämmerei klären' },
      { kind: 'remove', id: 'i1' },
    ]);
  });

  it('cancels renaming with Escape', async () => {
    button('„Budget klären“ umbenennen').click();
    await settle();
    const rename = present(element().querySelector<HTMLInputElement>('form.rename input'), 'rename field');
    rename.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(element().querySelector('form.rename')).toBeNull();
    expect(ops()).toEqual([]);
  });

  it('lets assignees who are not members tick, but not change the list', async () => {
    fixture.componentInstance.mayEdit.set(false);
    await settle();
    expect(element().querySelectorAll('button')).toHaveLength(0);
    expect(element().querySelector('form.add')).toBeNull();
    present(element().querySelectorAll<HTMLInputElement>('mat-checkbox input')[0], 'checkbox').click();
    await settle();
    expect(ops()).toEqual([{ kind: 'toggle', id: 'i1', done: false }]);
  });
});
