import { CdkDragDrop, CdkDropList } from '@angular/cdk/drag-drop';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { By, Title } from '@angular/platform-browser';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { TaskStatus } from '@srp/contracts';
import { TaskBoard, TaskSummary } from '../../../core/tasks.service';
import { TEST_USER, answerMe } from '../../../testing/auth-testing';
import { present } from '../../../testing/dom-testing';
import { ANNA, GROUP_ID, JONAS, apiError, board, detail, summary } from './board-test-data';
import { CONFLICT_MESSAGE, TaskBoardPage } from './task-board-page';

const BOARD_URL = `/api/groups/${GROUP_ID}/board`;
const PAGE_URL = `/arbeitsgruppen/${GROUP_ID}/aufgaben`;

describe('TaskBoardPage', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;
  let first: TaskSummary;
  let second: TaskSummary;
  let working: TaskSummary;

  beforeEach(() => {
    first = summary({ title: 'Förderantrag vorbereiten', assignees: [ANNA], dueDate: '2026-12-18' });
    second = summary({ title: 'Sensoren bestellen', labels: ['Sensorik'] });
    working = summary({ title: 'Workshop planen', status: 'in_progress', assignees: [JONAS] });
  });

  async function open(data: TaskBoard = board([first, second, working]), url = PAGE_URL): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'arbeitsgruppen/:id/aufgaben', component: TaskBoardPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(TEST_USER);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, TaskBoardPage);
    await settle();
    backend.expectOne(BOARD_URL).flush(data);
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
    document.querySelectorAll('.cdk-live-announcer-element').forEach((element) => (element.textContent = ''));
  });

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  const element = () => harness.routeNativeElement as HTMLElement;
  const text = (root: Element | null = element()) => root?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const column = (status: TaskStatus) => present(element().querySelector(`.column[data-status="${status}"]`), status);
  const titles = (status: TaskStatus) =>
    Array.from(column(status).querySelectorAll('h3 a')).map((a) => a.textContent?.trim());
  const headings = () => Array.from(element().querySelectorAll('h2.column-heading')).map((h) => text(h));
  const moveButton = (title: string) =>
    present(element().querySelector<HTMLButtonElement>(`button[aria-label="Verschieben: ${title}"]`), title);
  const menuItem = (name: string) =>
    present(
      Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-menu-panel button')).find((b) =>
        b.textContent?.includes(name),
      ),
      `menu item ${name}`,
    );
  const live = () => text(element().querySelector('[role="status"][aria-live="polite"]'));
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-container');
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');

  async function chooseMove(title: string, item: string): Promise<void> {
    moveButton(title).focus();
    moveButton(title).click();
    await settle();
    menuItem(item).click();
    await settle();
  }

  function expectMove(task: TaskSummary): TestRequest {
    const request = backend.expectOne(`/api/tasks/${task.id}/move`);
    expect(request.request.method).toBe('POST');
    return request;
  }

  describe('board', () => {
    it('shows the group, the four columns with their counts and the cards', async () => {
      await open();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Aufgaben – Digitaler Zwilling');
      expect(TestBed.inject(Title).getTitle()).toBe('Aufgaben – Digitaler Zwilling – SmartRegion Portal');
      const back = present(element().querySelector<HTMLAnchorElement>('.back a'), 'back link');
      expect(back.getAttribute('href')).toBe(`/arbeitsgruppen/${GROUP_ID}`);
      expect(text(back)).toContain('Zur Arbeitsgruppe „Digitaler Zwilling“');
      expect(headings()).toEqual(['Offen (2)', 'In Arbeit (1)', 'Blockiert (0)', 'Erledigt (0)']);
      expect(titles('open')).toEqual(['Förderantrag vorbereiten', 'Sensoren bestellen']);
      expect(titles('in_progress')).toEqual(['Workshop planen']);
      expect(text(column('blocked'))).toContain('Keine Aufgaben');
      expect(text(element())).toContain('Neue Aufgabe');
    });

    it('counts every task of a column, also those it does not show', async () => {
      const data = board([first, second, working]);
      data.columns[3] = { status: 'done', count: 120, tasks: [summary({ title: 'Erledigt', status: 'done' })] };
      await open(data);
      expect(headings()[3]).toBe('Erledigt (120)');
      const note = present(element().querySelector('.column-note a'), 'note');
      expect(note.getAttribute('href')).toBe(`${PAGE_URL}?ansicht=liste&status=done`);
    });

    it('says when the person may not see the group’s tasks', async () => {
      TestBed.configureTestingModule({
        providers: [
          provideRouter(
            [{ path: 'arbeitsgruppen/:id/aufgaben', component: TaskBoardPage }],
            withComponentInputBinding(),
          ),
          provideHttpClient(),
          provideHttpClientTesting(),
        ],
      });
      backend = TestBed.inject(HttpTestingController);
      await answerMe(TEST_USER);
      harness = await RouterTestingHarness.create();
      await harness.navigateByUrl(PAGE_URL, TaskBoardPage);
      await settle();
      backend.expectOne(BOARD_URL).flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
      await settle();
      expect(text()).toContain('Diese Aufgaben können Sie nicht sehen');
      expect(element().querySelector('.board')).toBeNull();
    });

    it('has no moving and no "Neue Aufgabe" without the permission', async () => {
      await open(board([first], { permissions: { create: false, archive: false } }));
      expect(element().querySelector('.move-button')).toBeNull();
      expect(text()).not.toContain('Neue Aufgabe');
      expect(harness.fixture.debugElement.query(By.directive(CdkDropList)).injector.get(CdkDropList).disabled).toBe(
        true,
      );
    });
  });

  describe('moving with the keyboard', () => {
    it('moves a card to another column at once, tells the server, announces it and keeps the focus on it', async () => {
      await open();
      await chooseMove('Förderantrag vorbereiten', 'Nach „In Arbeit“ verschieben');

      // Optimistic: the card is there before the server answers.
      expect(titles('in_progress')).toEqual(['Förderantrag vorbereiten', 'Workshop planen']);
      expect(headings()).toEqual(['Offen (1)', 'In Arbeit (2)', 'Blockiert (0)', 'Erledigt (0)']);
      const request = expectMove(first);
      expect(request.request.body).toEqual({ status: 'in_progress', afterTaskId: null, version: 1 });
      request.flush({ ...first, status: 'in_progress', version: 2 });
      await settle();

      expect(live()).toBe('„Förderantrag vorbereiten“ ist jetzt in „In Arbeit“.');
      expect(document.activeElement).toBe(moveButton('Förderantrag vorbereiten'));
      expect(column('in_progress').contains(document.activeElement)).toBe(true);

      // The next move is based on the version the server returned.
      await chooseMove('Förderantrag vorbereiten', 'Nach „Erledigt“ verschieben');
      expect(expectMove(first).request.body).toEqual({ status: 'done', afterTaskId: null, version: 2 });
    });

    it('moves a card down within its column after the card below it', async () => {
      await open();
      await chooseMove('Förderantrag vorbereiten', 'Nach unten');
      expect(titles('open')).toEqual(['Sensoren bestellen', 'Förderantrag vorbereiten']);
      const request = expectMove(first);
      expect(request.request.body).toEqual({ status: 'open', afterTaskId: second.id, version: 1 });
      request.flush({ ...first, version: 2 });
      await settle();
      expect(live()).toBe('„Förderantrag vorbereiten“ ist jetzt an Position 2 von 2 in „Offen“.');
      expect(document.activeElement).toBe(moveButton('Förderantrag vorbereiten'));
    });

    it('asks why before "Blockiert" and sends the reason', async () => {
      await open();
      await chooseMove('Sensoren bestellen', 'Nach „Blockiert“ verschieben');
      expect(text(dialog())).toContain('Warum ist die Aufgabe blockiert?');
      // Without a reason nothing happens.
      present(
        Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes('Auf „Blockiert“ setzen')),
        'submit',
      ).click();
      await settle();
      expect(text(dialog())).toContain('Bitte geben Sie einen Grund an.');
      backend.expectNone(`/api/tasks/${second.id}/move`);

      const reason = present(dialog().querySelector('textarea'), 'reason');
      reason.value = 'Angebot fehlt noch';
      reason.dispatchEvent(new Event('input'));
      present(
        Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes('Auf „Blockiert“ setzen')),
        'submit',
      ).click();
      await settle();

      expect(titles('blocked')).toEqual(['Sensoren bestellen']);
      expect(text(column('blocked'))).toContain('Blockiert: Angebot fehlt noch');
      const request = expectMove(second);
      expect(request.request.body).toEqual({
        status: 'blocked',
        afterTaskId: null,
        version: 1,
        blockedReason: 'Angebot fehlt noch',
      });
      request.flush({ ...second, status: 'blocked', blockedReason: 'Angebot fehlt noch', version: 2 });
      await settle();
      expect(live()).toBe('„Sensoren bestellen“ ist jetzt in „Blockiert“.');
    });

    it('leaves the card where it was when the reason is not given', async () => {
      await open();
      await chooseMove('Sensoren bestellen', 'Nach „Blockiert“ verschieben');
      present(
        Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes('Abbrechen')),
        'cancel',
      ).click();
      await settle();
      expect(titles('open')).toEqual(['Förderantrag vorbereiten', 'Sensoren bestellen']);
      expect(titles('blocked')).toEqual([]);
      backend.expectNone(`/api/tasks/${second.id}/move`);
      expect(document.activeElement).toBe(moveButton('Sensoren bestellen'));
    });
  });

  describe('when the server refuses', () => {
    it('rolls back a stale move and offers to reload the board', async () => {
      await open();
      await chooseMove('Förderantrag vorbereiten', 'Nach „Erledigt“ verschieben');
      expect(titles('done')).toEqual(['Förderantrag vorbereiten']);
      expectMove(first).flush(
        ...apiError(409, 'CONFLICT', 'Die Aufgabe wurde inzwischen geändert.', { currentVersion: 3 }),
      );
      await settle();

      expect(titles('open')).toEqual(['Förderantrag vorbereiten', 'Sensoren bestellen']);
      expect(titles('done')).toEqual([]);
      expect(headings()).toEqual(['Offen (2)', 'In Arbeit (1)', 'Blockiert (0)', 'Erledigt (0)']);
      expect(text(snackBar())).toContain(CONFLICT_MESSAGE);
      expect(document.activeElement).toBe(moveButton('Förderantrag vorbereiten'));

      present(snackBar()?.querySelector('button'), 'Neu laden').click();
      await settle();
      const moved = { ...first, status: 'done' as const, version: 3 };
      backend.expectOne(BOARD_URL).flush(board([moved, second, working]));
      await settle();
      expect(titles('done')).toEqual(['Förderantrag vorbereiten']);
    });

    it('rolls back on other errors and says why', async () => {
      await open();
      await chooseMove('Workshop planen', 'Nach „Offen“ verschieben');
      expectMove(working).flush(...apiError(400, 'VALIDATION_FAILED', 'Das geht so nicht.'));
      await settle();
      expect(titles('in_progress')).toEqual(['Workshop planen']);
      expect(text(snackBar())).toContain('„Workshop planen“ wurde nicht verschoben. Das geht so nicht.');
    });
  });

  describe('drag and drop', () => {
    function drop(task: TaskSummary, from: TaskStatus, to: TaskStatus, currentIndex: number): void {
      const lists = harness.fixture.debugElement
        .queryAll(By.directive(CdkDropList))
        .map((d) => d.injector.get(CdkDropList));
      const target = present(
        lists.find((list) => list.data === to),
        to,
      );
      const source = present(
        lists.find((list) => list.data === from),
        from,
      );
      target.dropped.emit({
        item: { data: task },
        container: target,
        previousContainer: source,
        currentIndex,
        previousIndex: 0,
        isPointerOverContainer: true,
      } as unknown as CdkDragDrop<TaskStatus, TaskStatus, TaskSummary>);
    }

    it('sends the card before the drop place and the card’s version', async () => {
      await open();
      drop(second, 'open', 'in_progress', 1);
      await settle();
      expect(titles('in_progress')).toEqual(['Workshop planen', 'Sensoren bestellen']);
      const request = expectMove(second);
      expect(request.request.body).toEqual({ status: 'in_progress', afterTaskId: working.id, version: 1 });
      request.flush({ ...second, status: 'in_progress', version: 2 });
      await settle();
      expect(live()).toBe('„Sensoren bestellen“ ist jetzt in „In Arbeit“.');
    });

    it('ignores a drop at the same place', async () => {
      await open();
      drop(first, 'open', 'open', 0);
      await settle();
      backend.expectNone(`/api/tasks/${first.id}/move`);
    });
  });

  describe('Neue Aufgabe', () => {
    it('creates a task and shows it in "Offen"', async () => {
      await open();
      present(
        Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.includes('Neue Aufgabe')),
        'Neue Aufgabe',
      ).click();
      await settle();
      const title = present(dialog().querySelector<HTMLInputElement>('input[formcontrolname="title"]'), 'title');
      title.value = 'Pressemitteilung schreiben';
      title.dispatchEvent(new Event('input'));
      present(
        Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes('Aufgabe anlegen')),
        'submit',
      ).click();
      await settle();
      const request = backend.expectOne('/api/tasks');
      expect(request.request.body).toMatchObject({ groupId: GROUP_ID, title: 'Pressemitteilung schreiben' });
      const created = summary({ title: 'Pressemitteilung schreiben', rank: 0 });
      request.flush(detail(created));
      await settle();
      expect(titles('open')[0]).toBe('Pressemitteilung schreiben');
      expect(headings()[0]).toBe('Offen (3)');
      expect(live()).toBe('„Pressemitteilung schreiben“ wurde angelegt.');
    });
  });

  describe('list', () => {
    const listUrl = (request: { urlWithParams: string }) => decodeURIComponent(request.urlWithParams);

    it('loads the list with the filters of the address, and the CSV link uses them too', async () => {
      await open(board([first, second, working]), `${PAGE_URL}?ansicht=liste&status=open&person=me&suche=Antrag`);
      const request = backend.expectOne((r) => r.url === '/api/tasks');
      expect(listUrl(request.request)).toBe(
        `/api/tasks?groupId=${GROUP_ID}&assignee=me&status=open&q=Antrag&sort=due&limit=50`,
      );
      request.flush({ items: [first], nextCursor: null });
      await settle();

      expect(element().querySelector('.board')).toBeNull();
      const rows = element().querySelectorAll('tbody tr');
      expect(rows).toHaveLength(1);
      expect(text(rows[0])).toContain('Förderantrag vorbereiten');
      expect(text(rows[0])).toContain('Anna Schmidt');
      expect(text(rows[0])).toContain('Fällig: 18.12.2026');
      const csv = present(
        Array.from(element().querySelectorAll('a')).find((a) => a.textContent?.includes('Als CSV herunterladen')),
        'csv',
      );
      expect(decodeURIComponent(csv.getAttribute('href') ?? '')).toBe(
        `/api/tasks/export?groupId=${GROUP_ID}&sort=due&assignee=me&status=open&q=Antrag`,
      );
      expect(present(element().querySelector<HTMLInputElement>('input[type="search"]'), 'search').value).toBe('Antrag');
      expect(present(element().querySelector<HTMLSelectElement>('select[formcontrolname="assignee"]'), 'a').value).toBe(
        'me',
      );
    });

    it('puts a changed filter into the address and loads again', async () => {
      await open(board([first, second, working]), `${PAGE_URL}?ansicht=liste`);
      backend.expectOne((r) => r.url === '/api/tasks').flush({ items: [first, second], nextCursor: null });
      await settle();

      const due = present(element().querySelector<HTMLSelectElement>('select[formcontrolname="due"]'), 'due');
      due.value = 'overdue';
      due.dispatchEvent(new Event('change'));
      await settle();
      expect(TestBed.inject(Router).url).toBe(`${PAGE_URL}?ansicht=liste&faellig=overdue`);
      const request = backend.expectOne((r) => r.url === '/api/tasks');
      expect(listUrl(request.request)).toContain('due=overdue');
      request.flush({ items: [], nextCursor: null });
      await settle();
      expect(text()).toContain('Keine passenden Aufgaben');

      present(
        Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.includes('Filter zurücksetzen')),
        'reset',
      ).click();
      await settle();
      expect(TestBed.inject(Router).url).toBe(`${PAGE_URL}?ansicht=liste`);
      backend.expectOne((r) => r.url === '/api/tasks').flush({ items: [first], nextCursor: null });
    });

    it('loads further pages by cursor', async () => {
      await open(board([first, second, working]), `${PAGE_URL}?ansicht=liste`);
      backend.expectOne((r) => r.url === '/api/tasks').flush({ items: [first], nextCursor: 'c1' });
      await settle();
      expect(text()).toContain('1 Aufgabe geladen, weitere vorhanden');
      present(
        Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.includes('Weitere laden')),
        'more',
      ).click();
      await settle();
      const request = backend.expectOne((r) => r.url === '/api/tasks');
      expect(request.request.params.get('cursor')).toBe('c1');
      request.flush({ items: [second], nextCursor: null });
      await settle();
      expect(element().querySelectorAll('tbody tr')).toHaveLength(2);
      expect(text()).not.toContain('Weitere laden');
    });
  });

  describe('archive', () => {
    it('is there for leads and restores a task onto the board', async () => {
      const archived = summary({ title: 'Alte Idee', archivedAt: '2026-11-10T10:00:00.000Z', version: 4 });
      await open(
        board([first, second, working], { permissions: { create: true, archive: true } }),
        `${PAGE_URL}?ansicht=archiv`,
      );
      const list = backend.expectOne((r) => r.url === '/api/tasks');
      expect(list.request.params.get('archived')).toBe('true');
      expect(list.request.params.get('groupId')).toBe(GROUP_ID);
      list.flush({ items: [archived], nextCursor: null });
      await settle();

      expect(text()).toContain('Gelöscht am 10.11.2026');
      expect(text()).toContain('wiederherstellbar bis 10.12.2026');
      present(
        element().querySelector<HTMLButtonElement>('button[aria-label="Wiederherstellen: Alte Idee"]'),
        'restore',
      ).click();
      await settle();
      const restore = backend.expectOne(`/api/tasks/${archived.id}/restore`);
      expect(restore.request.body).toEqual({ version: 4 });
      restore.flush(detail({ ...archived, archivedAt: null, version: 5, rank: 0 }));
      await settle();
      expect(text()).toContain('Das Archiv ist leer.');
      expect(live()).toBe('„Alte Idee“ wurde wiederhergestellt und steht wieder in „Offen“.');

      await harness.navigateByUrl(PAGE_URL, TaskBoardPage);
      await settle();
      expect(titles('open')[0]).toBe('Alte Idee');
    });

    it('is not offered to members', async () => {
      await open(board([first]), `${PAGE_URL}?ansicht=archiv`);
      expect(text(element().querySelector('nav'))).not.toContain('Archiv');
      // Asking for it by address shows the board.
      expect(element().querySelector('.board')).not.toBeNull();
    });
  });
});
