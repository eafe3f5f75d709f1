import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { MyTasks } from '../../../core/tasks.service';
import { present } from '../../../testing/dom-testing';
import { apiError, summary } from '../detail/test-data';
import { MyTasksPage } from './my-tasks-page';

// Thursday, 26 November 2026.
const TODAY = '2026-11-26';

const OVERDUE = summary({ title: 'Haushaltsmittel melden', dueDate: '2026-11-20', overdue: true, priority: 'urgent' });
const TODAYS = summary({ title: 'Protokoll freigeben', dueDate: TODAY });
const FRIDAY = summary({ title: 'Sensoren bestellen', dueDate: '2026-11-27', status: 'in_progress' });
const LATER = summary({ title: 'Workshop vorbereiten', dueDate: '2027-01-15' });
const UNDATED = summary({ title: 'Ideen sammeln', dueDate: null });

function mine(items = [OVERDUE, TODAYS, FRIDAY, LATER, UNDATED]): MyTasks {
  return { items, counts: { open: items.length, overdue: 1, dueThisWeek: 2 }, today: TODAY };
}

describe('MyTasksPage', () => {
  let fixture: ComponentFixture<MyTasksPage>;
  let backend: HttpTestingController;

  async function create(data: MyTasks): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MyTasksPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyTasksPage);
    await settle();
    backend.expectOne('/api/tasks/mine').flush(data);
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const menuItem = (name: string) =>
    present(
      Array.from(document.querySelectorAll<HTMLButtonElement>('[mat-menu-item]')).find((b) =>
        b.textContent?.includes(name),
      ),
      `menu item ${name}`,
    );

  it('groups the tasks by due date, overdue first, and shows the counts', async () => {
    await create(mine());
    const sections = Array.from(element().querySelectorAll('section.due-group')).map((section) => ({
      heading: text(present(section.querySelector('h2'), 'heading')),
      titles: Array.from(section.querySelectorAll('a.title')).map((a) => a.textContent?.trim()),
    }));
    expect(sections).toEqual([
      { heading: 'warning Überfällig (1 Aufgabe)', titles: ['Haushaltsmittel melden'] },
      { heading: 'Heute (1 Aufgabe)', titles: ['Protokoll freigeben'] },
      { heading: 'Diese Woche (1 Aufgabe)', titles: ['Sensoren bestellen'] },
      { heading: 'Später (1 Aufgabe)', titles: ['Workshop vorbereiten'] },
      { heading: 'Ohne Fälligkeit (1 Aufgabe)', titles: ['Ideen sammeln'] },
    ]);
    expect(Array.from(element().querySelectorAll('.counts li')).map((li) => text(li))).toEqual([
      '5 offen',
      '1 warning überfällig',
      '2 diese Woche fällig',
    ]);
    const row = present(element().querySelector('section[data-bucket="overdue"] .row'), 'overdue row');
    expect(text(row)).toContain('Überfällig: 20.11.2026');
    expect(text(row)).toContain('Dringend');
    expect(row.querySelector('a.title')?.getAttribute('href')).toBe(`/aufgaben/${OVERDUE.id}`);
    expect(row.querySelector('a.group')?.getAttribute('href')).toBe(`/arbeitsgruppen/${OVERDUE.group.id}/aufgaben`);
  });

  it('says so kindly when nothing is assigned', async () => {
    await create({ items: [], counts: { open: 0, overdue: 0, dueThisWeek: 0 }, today: TODAY });
    expect(element().querySelectorAll('section.due-group')).toHaveLength(0);
    expect(text()).toContain('Ihnen sind zurzeit keine offenen Aufgaben zugewiesen.');
  });

  it('changes the status from the row and reloads the list', async () => {
    await create(mine());
    const trigger = present(
      element().querySelector<HTMLButtonElement>(`button[aria-label="Status ändern: ${TODAYS.title}"]`),
      'menu button',
    );
    trigger.click();
    await settle();
    menuItem('Auf „Erledigt“ setzen').click();
    await settle();
    const change = backend.expectOne({ method: 'PATCH', url: `/api/tasks/${TODAYS.id}` });
    expect(change.request.body).toEqual({ status: 'done', version: 1 });
    change.flush({});
    await settle();
    backend.expectOne('/api/tasks/mine').flush(mine([OVERDUE, FRIDAY, LATER, UNDATED]));
    await settle();
    expect(text()).toContain('„Protokoll freigeben“ ist erledigt und steht nicht mehr in dieser Liste.');
    expect(element().querySelector('section[data-bucket="today"]')).toBeNull();
  });

  it('explains a conflict and shows the current list', async () => {
    await create(mine());
    present(
      element().querySelector<HTMLButtonElement>(`button[aria-label="Status ändern: ${FRIDAY.title}"]`),
      'menu button',
    ).click();
    await settle();
    menuItem('Auf „Offen“ setzen').click();
    await settle();
    backend
      .expectOne({ method: 'PATCH', url: `/api/tasks/${FRIDAY.id}` })
      .flush(...apiError(409, 'CONFLICT', 'Die Aufgabe wurde inzwischen geändert.'));
    await settle();
    backend.expectOne('/api/tasks/mine').flush(mine());
    await settle();
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain(
      '„Sensoren bestellen“ wurde inzwischen geändert; Ihre Änderung wurde nicht gespeichert.',
    );
  });
});
