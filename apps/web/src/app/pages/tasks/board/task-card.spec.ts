import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { TaskSummary } from '../../../core/tasks.service';
import { present } from '../../../testing/dom-testing';
import { ANNA, JONAS, ME, summary } from './board-test-data';
import { CardMove, TaskCard } from './task-card';

describe('TaskCard', () => {
  let fixture: ComponentFixture<TaskCard>;
  let moves: CardMove[];

  async function create(task: TaskSummary, index = 0, total = 1, movable = true): Promise<void> {
    TestBed.configureTestingModule({
      imports: [TaskCard],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    fixture = TestBed.createComponent(TaskCard);
    fixture.componentRef.setInput('task', task);
    fixture.componentRef.setInput('index', index);
    fixture.componentRef.setInput('total', total);
    fixture.componentRef.setInput('movable', movable);
    moves = [];
    fixture.componentInstance.move.subscribe((move) => moves.push(move));
    await fixture.whenStable();
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const moveButton = () => present(element().querySelector<HTMLButtonElement>('.move-button'), 'Verschieben');
  const menuItems = () => Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-menu-panel button'));

  async function openMenu(): Promise<void> {
    moveButton().focus();
    moveButton().click();
    await fixture.whenStable();
  }

  it('shows title link, assignees, due date, priority, labels, checklist and comments', async () => {
    await create(
      summary({
        title: 'Förderantrag vorbereiten',
        assignees: [ANNA, JONAS, ME, { id: 'x', name: 'Petra Wolf', organizationName: null }],
        dueDate: '2026-11-20',
        overdue: true,
        priority: 'urgent',
        labels: ['Förderung', 'Sensorik'],
        checklistTotal: 5,
        checklistDone: 2,
        commentCount: 3,
      }),
    );
    const link = present(element().querySelector<HTMLAnchorElement>('h3 a'), 'title link');
    expect(link.textContent?.trim()).toBe('Förderantrag vorbereiten');
    expect(link.getAttribute('href')).toMatch(/^\/aufgaben\/20000000-/);
    // Overdue says so in words, not only in red.
    expect(text()).toContain('Überfällig: 20.11.2026');
    expect(text()).toContain('Priorität: Dringend');
    expect(Array.from(element().querySelectorAll('.labels li')).map((li) => li.textContent)).toEqual([
      'Förderung',
      'Sensorik',
    ]);
    expect(text()).toContain('Zuständig: Anna Schmidt, Jonas Becker, Erika Muster, Petra Wolf');
    expect(Array.from(element().querySelectorAll('.avatar')).map((a) => a.textContent?.trim())).toEqual([
      'AS',
      'JB',
      'EM',
      '+1',
    ]);
    expect(text()).toContain('2/5');
    expect(text()).toContain('Checkliste: 2 von 5 erledigt');
    expect(text()).toContain('3 Kommentare');
  });

  it('leaves out what a plain card does not have, and says when nobody is responsible', async () => {
    await create(summary({ title: 'Schlicht' }));
    expect(text()).not.toContain('Priorität');
    expect(text()).not.toContain('Fällig');
    expect(text()).not.toContain('Checkliste');
    expect(element().querySelector('.labels')).toBeNull();
    expect(text()).toContain('Niemand zuständig');
  });

  it('shows why a blocked task is blocked', async () => {
    await create(summary({ title: 'Warten', status: 'blocked', blockedReason: 'Zusage des Kreises fehlt' }));
    expect(text(present(element().querySelector('.blocked-reason'), 'reason'))).toContain(
      'Blockiert: Zusage des Kreises fehlt',
    );
  });

  it('names the task in the accessible name of "Verschieben"', async () => {
    await create(summary({ title: 'Sensoren bestellen' }));
    expect(moveButton().textContent).toContain('Verschieben');
    expect(moveButton().getAttribute('aria-label')).toBe('Verschieben: Sensoren bestellen');
  });

  it('offers the other columns and "Nach unten" for the first card, with the focus in the menu', async () => {
    await create(summary({ title: 'Erste', status: 'open' }), 0, 3);
    await openMenu();
    expect(menuItems().map((b) => text(b))).toEqual([
      'pending Nach „In Arbeit“ verschieben',
      'block Nach „Blockiert“ verschieben …',
      'check_circle Nach „Erledigt“ verschieben',
      'arrow_downward Nach unten',
    ]);
    // Keyboard users land in the menu and can go on with the arrow keys.
    expect(document.activeElement).toBe(menuItems()[0]);
  });

  it('offers "Nach oben" only below the top and "Nach unten" only above the bottom', async () => {
    await create(summary({ title: 'Mitte', status: 'in_progress' }), 1, 3);
    await openMenu();
    expect(menuItems().map((b) => text(b))).toEqual([
      'radio_button_unchecked Nach „Offen“ verschieben',
      'block Nach „Blockiert“ verschieben …',
      'check_circle Nach „Erledigt“ verschieben',
      'arrow_upward Nach oben',
      'arrow_downward Nach unten',
    ]);
  });

  it('reports the chosen move', async () => {
    await create(summary({ title: 'Letzte', status: 'done' }), 2, 3);
    await openMenu();
    expect(menuItems().map((b) => text(b))).not.toContain('arrow_downward Nach unten');
    menuItems()
      .find((b) => b.textContent?.includes('In Arbeit'))
      ?.click();
    await openMenu();
    menuItems()
      .find((b) => b.textContent?.includes('Nach oben'))
      ?.click();
    expect(moves).toEqual([{ kind: 'status', status: 'in_progress' }, { kind: 'up' }]);
  });

  it('does not move a card whose last move is still on its way', async () => {
    await create(summary({ title: 'Unterwegs' }), 0, 2);
    fixture.componentRef.setInput('busy', true);
    await fixture.whenStable();
    expect(moveButton().getAttribute('aria-disabled')).toBe('true');
    await openMenu();
    menuItems()[0]?.click();
    expect(moves).toEqual([]);
  });

  it('has no "Verschieben" for people who may not move cards', async () => {
    await create(summary({ title: 'Nur lesen' }), 0, 1, false);
    expect(element().querySelector('.move-button')).toBeNull();
  });
});
