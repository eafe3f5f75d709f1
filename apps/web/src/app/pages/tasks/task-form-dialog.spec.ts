import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { IDEMPOTENCY_KEY } from '../../core/idempotency.interceptor';
import { TaskDetail } from '../../core/tasks.service';
import { present } from '../../testing/dom-testing';
import { ANNA, GROUP_ID, JONAS, ME, apiError, detail, summary } from './board/board-test-data';
import { fieldOfApiError, labelProblem, openTaskForm, splitLabels } from './task-form-dialog';

describe('task form helpers', () => {
  it('splits typed labels at commas and keeps the unfinished rest', () => {
    expect(splitLabels('Förderung, Sensorik,  Net')).toEqual({ complete: ['Förderung', 'Sensorik'], rest: '  Net' });
    expect(splitLabels('eins')).toEqual({ complete: [], rest: 'eins' });
    expect(splitLabels(', ,a,')).toEqual({ complete: ['a'], rest: '' });
  });

  it('checks a label like the api does', () => {
    expect(labelProblem('Förderung 2026', [])).toBeNull();
    expect(labelProblem('#wichtig', [])).toContain('Buchstaben, Ziffern');
    expect(labelProblem('x'.repeat(41), [])).toContain('höchstens 40 Zeichen');
    expect(
      labelProblem(
        'elf',
        Array.from({ length: 10 }, (_, i) => `l${i}`),
      ),
    ).toBe('Höchstens 10 Schlagwörter.');
  });

  it('maps the api’s field names to the form’s fields', () => {
    expect(fieldOfApiError('title')).toBe('title');
    expect(fieldOfApiError('assigneeIds')).toBe('assignees');
    expect(fieldOfApiError('checklist.2.text')).toBe('checklist');
    expect(fieldOfApiError('labels.0')).toBe('labels');
    expect(fieldOfApiError('groupId')).toBeNull();
  });
});

describe('TaskFormDialog', () => {
  let backend: HttpTestingController;
  let result: TaskDetail | undefined | 'open';

  async function open(): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    result = 'open';
    openTaskForm(TestBed.inject(MatDialog), {
      groupId: GROUP_ID,
      groupName: 'Digitaler Zwilling',
      members: [JONAS, ANNA, ME],
      labels: ['Förderung', 'Sensorik'],
      myId: ME.id,
    }).subscribe((task) => (result = task));
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    const app = TestBed.inject(ApplicationRef);
    app.tick();
    await app.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    app.tick();
  }

  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const text = (root: Element = dialog()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const field = <T extends HTMLElement>(selector: string) => present(dialog().querySelector<T>(selector), selector);
  const button = (name: string) =>
    present(
      Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );

  async function type(selector: string, value: string): Promise<void> {
    const input = field<HTMLInputElement | HTMLTextAreaElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  async function key(selector: string, name: string): Promise<void> {
    field(selector).dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    await settle();
  }

  async function choose(selector: string, value: string): Promise<void> {
    const select = field<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle();
  }

  const chosenLabels = () =>
    Array.from(dialog().querySelectorAll('.chosen-labels li span')).map((span) => span.textContent?.trim());

  it('lists the members, the signed-in person first', async () => {
    await open();
    const names = Array.from(dialog().querySelectorAll('.assignee-list label')).map((l) => text(l));
    expect(names).toEqual(['Erika Muster (Sie)', 'Anna Schmidt Halle (Saale)', 'Jonas Becker Dessau-Roßlau']);
    expect(text()).toContain('„Digitaler Zwilling“');
  });

  it('creates a task with everything filled in and closes with it', async () => {
    await open();
    await type('input[formcontrolname="title"]', '  Förderantrag Sensorik vorbereiten ');
    await type('textarea', 'Unterlagen **sammeln**');
    await choose('select[formcontrolname="priority"]', 'high');
    await type('input[formcontrolname="dueDate"]', '2026-12-18');
    const checkboxes = dialog().querySelectorAll<HTMLInputElement>('.assignee-list input[type="checkbox"]');
    checkboxes[2].click();
    checkboxes[1].click();
    await settle();

    // Labels: a comma completes one, Enter the next; duplicates are ignored.
    await type('input[formcontrolname="labelText"]', 'Förderung,');
    await type('input[formcontrolname="labelText"]', 'Sensorik');
    await key('input[formcontrolname="labelText"]', 'Enter');
    await type('input[formcontrolname="labelText"]', 'förderung');
    await key('input[formcontrolname="labelText"]', 'Enter');
    expect(chosenLabels()).toEqual(['Förderung', 'Sensorik']);

    await type('input[formcontrolname="newItem"]', 'Angebote einholen');
    await key('input[formcontrolname="newItem"]', 'Enter');
    await type('input[formcontrolname="newItem"]', 'Antrag einreichen');
    button('Punkt hinzufügen').click();
    await settle();
    expect(dialog().querySelectorAll('.checklist li')).toHaveLength(2);

    button('Aufgabe anlegen').click();
    await settle();
    const request = backend.expectOne('/api/tasks');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      groupId: GROUP_ID,
      title: 'Förderantrag Sensorik vorbereiten',
      description: 'Unterlagen **sammeln**',
      priority: 'high',
      // In list order: Anna, then Jonas.
      assigneeIds: [ANNA.id, JONAS.id],
      dueDate: '2026-12-18',
      labels: ['Förderung', 'Sensorik'],
      checklist: [
        { text: 'Angebote einholen', done: false },
        { text: 'Antrag einreichen', done: false },
      ],
    });
    const created = detail(summary({ title: 'Förderantrag Sensorik vorbereiten' }));
    request.flush(created);
    await settle();
    expect(result).toEqual(created);
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  });

  it('saves a label still in the field and sends no due date when none is set', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Kurz');
    await type('input[formcontrolname="labelText"]', 'Netz');
    button('Aufgabe anlegen').click();
    await settle();
    const request = backend.expectOne('/api/tasks');
    expect(request.request.body).toMatchObject({ labels: ['Netz'], dueDate: null, assigneeIds: [], checklist: [] });
    request.flush(detail(summary({ title: 'Kurz' })));
  });

  it('removes labels with their button and with Backspace in the empty field', async () => {
    await open();
    await type('input[formcontrolname="labelText"]', 'A, B, C,');
    expect(chosenLabels()).toEqual(['A', 'B', 'C']);
    present(dialog().querySelector<HTMLButtonElement>('button[aria-label="Schlagwort „B“ entfernen"]'), 'x').click();
    await settle();
    expect(chosenLabels()).toEqual(['A', 'C']);
    await key('input[formcontrolname="labelText"]', 'Backspace');
    expect(chosenLabels()).toEqual(['A']);
    expect(field<HTMLInputElement>('input[formcontrolname="labelText"]').value).toBe('C');
  });

  it('refuses a label the api would refuse, and keeps it in the field to correct', async () => {
    await open();
    await type('input[formcontrolname="labelText"]', '#wichtig');
    await key('input[formcontrolname="labelText"]', 'Enter');
    expect(chosenLabels()).toEqual([]);
    expect(text()).toContain('Schlagwörter bestehen aus Buchstaben, Ziffern');
    expect(field<HTMLInputElement>('input[formcontrolname="labelText"]').value).toBe('#wichtig');
  });

  it('asks for a title before sending anything', async () => {
    await open();
    button('Aufgabe anlegen').click();
    await settle();
    backend.expectNone('/api/tasks');
    expect(text()).toContain('Bitte geben Sie einen Titel an.');
    expect(text()).toContain('Die Aufgabe wurde nicht angelegt.');
    expect(result).toBe('open');
  });

  it('shows the api’s validation messages at their fields', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Mit Fehlern');
    await type('input[formcontrolname="newItem"]', 'Punkt');
    await key('input[formcontrolname="newItem"]', 'Enter');
    button('Aufgabe anlegen').click();
    await settle();
    backend.expectOne('/api/tasks').flush(
      ...apiError(400, 'VALIDATION_FAILED', 'Die Eingaben sind nicht gültig.', [
        { field: 'dueDate', code: 'calendarDate', message: 'Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).' },
        { field: 'assigneeIds', code: 'member', message: 'Bitte wählen Sie Mitglieder der Gruppe.' },
        {
          field: 'checklist.0.text',
          code: 'matches',
          message: 'Bitte geben Sie einen Text für den Checklistenpunkt an.',
        },
      ]),
    );
    await settle();
    expect(text()).toContain('Die Aufgabe wurde nicht angelegt. Bitte beachten Sie die Hinweise an den Feldern.');
    expect(text(field('.field-row'))).toContain('Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).');
    expect(text(field('.group'))).toContain('Bitte wählen Sie Mitglieder der Gruppe.');
    expect(text(field('.checklist'))).toContain('Bitte geben Sie einen Text für den Checklistenpunkt an.');
    expect(result).toBe('open');
  });

  it('sends one idempotency key per opened dialog, also when retrying after a network error', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Doppelklick');
    button('Aufgabe anlegen').click();
    button('Aufgabe anlegen').click();
    await settle();
    const first = backend.expectOne('/api/tasks');
    const key = first.request.context.get(IDEMPOTENCY_KEY);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    first.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await settle();
    expect(result).toBe('open');

    button('Aufgabe anlegen').click();
    await settle();
    const retry = backend.expectOne('/api/tasks');
    expect(retry.request.context.get(IDEMPOTENCY_KEY)).toBe(key);
    retry.flush(detail(summary({ title: 'Doppelklick' })));
    await settle();
    expect(result).not.toBe('open');

    openTaskForm(TestBed.inject(MatDialog), { groupId: GROUP_ID, groupName: 'Digitaler Zwilling', members: [ME] });
    await settle();
    await type('input[formcontrolname="title"]', 'Die nächste');
    button('Aufgabe anlegen').click();
    await settle();
    const next = backend.expectOne('/api/tasks');
    expect(next.request.context.get(IDEMPOTENCY_KEY)).not.toBe(key);
    next.flush(detail(summary({ title: 'Die nächste' })));
    await settle();
  });

  it('shows other errors above the form', async () => {
    await open();
    await type('input[formcontrolname="title"]', 'Verboten');
    button('Aufgabe anlegen').click();
    await settle();
    backend.expectOne('/api/tasks').flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
    await settle();
    expect(text(field('[role="alert"]'))).toContain('Das Gesuchte wurde nicht gefunden.');
  });
});
