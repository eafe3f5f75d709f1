import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { TaskDetail } from '../../../core/tasks.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { GROUP, TASK_ID, apiError, task } from './test-data';
import { TaskDetailPage } from './task-detail-page';

const URL = `/api/tasks/${TASK_ID}`;

describe('TaskDetailPage', () => {
  let fixture: ComponentFixture<TaskDetailPage>;
  let backend: HttpTestingController;

  async function create(detail: TaskDetail | null = task()): Promise<void> {
    TestBed.configureTestingModule({
      imports: [TaskDetailPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe({ ...TEST_USER, role: 'member' });
    fixture = TestBed.createComponent(TaskDetailPage);
    fixture.componentRef.setInput('id', TASK_ID);
    await settle();
    if (detail) {
      backend.expectOne(URL).flush(detail);
    } else {
      backend.expectOne(URL).flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
    }
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
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (name: string, root: ParentNode = element()) =>
    present(
      Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');

  async function click(target: HTMLElement): Promise<void> {
    target.click();
    await settle();
  }

  async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  const titleField = () =>
    present(element().querySelector<HTMLInputElement>('srp-task-edit-form input[formcontrolname="title"]'), 'title');
  const descriptionField = () =>
    present(element().querySelector<HTMLTextAreaElement>('srp-task-edit-form textarea'), 'description');

  it('shows the task with its group, description, checklist, comments and history', async () => {
    await create();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Förderantrag Sensorik vorbereiten');
    expect(TestBed.inject(Title).getTitle()).toBe('Förderantrag Sensorik vorbereiten – SmartRegion Portal');
    const back = present(element().querySelector<HTMLAnchorElement>('.back a'), 'back link');
    expect(back.getAttribute('href')).toBe(`/arbeitsgruppen/${GROUP.id}/aufgaben`);
    expect(text(present(element().querySelector('.chips'), 'chips'))).toContain('Fällig: 18.12.2026');
    expect(element().querySelector('.markdown strong')?.textContent).toBe('bis Mitte Dezember');
    expect(text()).toContain('1 von 2 erledigt');
    expect(element().querySelector('.comment mark.mention')?.textContent).toBe('@Anna Beispiel');
    expect(text(present(element().querySelector('.comment-head'), 'comment head'))).toContain('25.11.2026, 14:03');
    const history = Array.from(element().querySelectorAll('.history li')).map((li) => text(li).trim());
    expect(history[0]).toBe('Anna Beispiel hat den Status von „Offen“ auf „In Arbeit“ geändert. · 26.11.2026, 14:03');
    expect(history).toHaveLength(2);
    const pressed = present(element().querySelector('.segment[aria-pressed="true"]'), 'current status');
    expect(text(pressed).trim()).toMatch(/ Offen$/);
    expect(element().querySelectorAll('.segment[aria-pressed="false"]')).toHaveLength(3);
  });

  it('says that the task is not there or not visible', async () => {
    await create(null);
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Aufgabe nicht gefunden oder kein Zugriff');
    expect(element().querySelector('a[href="/aufgaben"]')).not.toBeNull();
  });

  it('shows only what an observer may do: no editing, no status buttons, no comment form', async () => {
    await create(task({ permissions: { edit: false, work: false, comment: false, archive: false, restore: false } }));
    expect(Array.from(element().querySelectorAll('button')).map((b) => text(b).trim())).toEqual([]);
    expect(element().querySelector('srp-comment-composer')).toBeNull();
    expect(element().querySelectorAll('mat-checkbox input:disabled')).toHaveLength(2);
  });

  describe('after a conflict (409)', () => {
    it('reloads the task, keeps the changed title, takes the others’ description and saves with the new version', async () => {
      await create();
      await click(button('Bearbeiten'));
      await typeInto(titleField(), 'Förderantrag Sensorik einreichen');
      await click(button('Änderungen speichern'));
      const stale = backend.expectOne({ method: 'PATCH', url: URL });
      expect(stale.request.body).toEqual({ title: 'Förderantrag Sensorik einreichen', version: 1 });
      stale.flush(...apiError(409, 'CONFLICT', 'Die Aufgabe wurde inzwischen geändert.'));
      await settle();

      expect(text(dialog())).toContain(
        'Diese Aufgabe wurde inzwischen geändert. Ihre Änderung wurde nicht gespeichert.',
      );
      expect(document.activeElement?.textContent).toContain('Neu laden und erneut anwenden');
      await click(button('Neu laden und erneut anwenden', dialog()));
      backend.expectOne({ method: 'GET', url: URL }).flush(
        task({
          version: 2,
          description: 'Von Jonas ergänzt.',
          descriptionHtml: '<p>Von Jonas ergänzt.</p>',
        }),
      );
      await settle();

      expect(titleField().value).toBe('Förderantrag Sensorik einreichen');
      expect(descriptionField().value).toBe('Von Jonas ergänzt.');
      expect(text()).toContain('Der aktuelle Stand wurde geladen. Ihre Eingaben sind erhalten geblieben');

      await click(button('Änderungen speichern'));
      const retry = backend.expectOne({ method: 'PATCH', url: URL });
      expect(retry.request.body).toEqual({ title: 'Förderantrag Sensorik einreichen', version: 2 });
      retry.flush(task({ version: 3, title: 'Förderantrag Sensorik einreichen' }));
      await settle();
      expect(element().querySelector('srp-task-edit-form')).toBeNull();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Förderantrag Sensorik einreichen');
      expect(text()).toContain('Ihre Änderungen wurden gespeichert.');
    });

    it('drops the change with "Verwerfen" and shows the current task', async () => {
      await create();
      await click(button('Bearbeiten'));
      await typeInto(titleField(), 'Mein Titel');
      await click(button('Änderungen speichern'));
      backend
        .expectOne({ method: 'PATCH', url: URL })
        .flush(...apiError(409, 'CONFLICT', 'Die Aufgabe wurde inzwischen geändert.'));
      await settle();
      await click(button('Verwerfen', dialog()));
      backend.expectOne({ method: 'GET', url: URL }).flush(task({ version: 2, title: 'Titel von Jonas' }));
      await settle();
      expect(element().querySelector('srp-task-edit-form')).toBeNull();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Titel von Jonas');
      expect(text()).toContain('Ihre Änderung wurde verworfen.');
    });

    it('ticks the checklist item again on the checklist as it is now', async () => {
      await create();
      const budget = present(
        Array.from(element().querySelectorAll<HTMLElement>('mat-checkbox')).find((c) =>
          c.textContent?.includes('Budget'),
        ),
        'Budget',
      );
      await click(present(budget.querySelector<HTMLInputElement>('input'), 'checkbox'));
      const stale = backend.expectOne({ method: 'PATCH', url: URL });
      expect(stale.request.body).toEqual({
        version: 1,
        checklist: [
          { id: '30000000-0000-4000-8000-000000000001', text: 'Förderaufruf lesen', done: true },
          { id: '30000000-0000-4000-8000-000000000002', text: 'Budget klären', done: true },
        ],
      });
      stale.flush(...apiError(409, 'CONFLICT', 'Die Aufgabe wurde inzwischen geändert.'));
      await settle();
      await click(button('Neu laden und erneut anwenden', dialog()));
      const current = [
        { id: '30000000-0000-4000-8000-000000000002', text: 'Budget klären', done: false },
        { id: '30000000-0000-4000-8000-000000000003', text: 'Von Jonas ergänzt', done: false },
      ];
      backend.expectOne({ method: 'GET', url: URL }).flush(task({ version: 4, checklist: current }));
      await settle();
      const retry = backend.expectOne({ method: 'PATCH', url: URL });
      expect(retry.request.body).toEqual({
        version: 4,
        checklist: [
          { id: '30000000-0000-4000-8000-000000000002', text: 'Budget klären', done: true },
          { id: '30000000-0000-4000-8000-000000000003', text: 'Von Jonas ergänzt', done: false },
        ],
      });
      retry.flush(task({ version: 5, checklist: [{ ...current[0], done: true }, current[1]] }));
      await settle();
      expect(text()).toContain('1 von 2 erledigt');
    });
  });

  it('asks why the task is blocked and shows the reason', async () => {
    await create();
    await click(button('Blockiert'));
    const reason = present(dialog().querySelector<HTMLTextAreaElement>('textarea'), 'reason');
    await click(button('Auf „Blockiert“ setzen', dialog()));
    expect(text(dialog())).toContain('Bitte geben Sie einen Grund an.');
    await typeInto(reason, 'Wartet auf den Förderbescheid');
    await click(button('Auf „Blockiert“ setzen', dialog()));
    const change = backend.expectOne({ method: 'PATCH', url: URL });
    expect(change.request.body).toEqual({
      status: 'blocked',
      blockedReason: 'Wartet auf den Förderbescheid',
      version: 1,
    });
    change.flush(task({ version: 2, status: 'blocked', blockedReason: 'Wartet auf den Förderbescheid' }));
    await settle();
    expect(text(present(element().querySelector('.blocked-reason'), 'reason'))).toContain(
      'Grund der Blockade: Wartet auf den Förderbescheid',
    );
    expect(text(present(element().querySelector('.segment[aria-pressed="true"]'), 'current'))).toContain('Blockiert');
  });

  it('shows an archived task with the restore deadline and restores it', async () => {
    const until = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString();
    await create(
      task({
        archivedAt: '2026-11-20T10:00:00.000Z',
        restorableUntil: until,
        permissions: { edit: true, work: true, comment: true, archive: true, restore: true },
      }),
    );
    expect(text()).toContain('Archiviert – wiederherstellbar bis');
    expect(Array.from(element().querySelectorAll('.segment'))).toHaveLength(0);
    expect(element().querySelector('srp-comment-composer')).toBeNull();
    await click(button('Wiederherstellen'));
    const restore = backend.expectOne({ method: 'POST', url: `${URL}/restore` });
    expect(restore.request.body).toEqual({ version: 1 });
    restore.flush(
      task({ version: 2, permissions: { edit: true, work: true, comment: true, archive: true, restore: false } }),
    );
    await settle();
    expect(text()).toContain('Die Aufgabe wurde wiederhergestellt.');
    expect(text()).not.toContain('Archiviert –');
  });
});
