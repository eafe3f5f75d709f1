import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { Minutes } from '../../core/minutes.service';
import { present } from '../../testing/dom-testing';
import { MINUTES_AUTOSAVE_DELAY } from './minutes-editor';
import { MinutesPage } from './minutes-page';
import { ANNA, GROUP, ITEM_ID, MEETING_ID, MINUTES_ID, allowed, apiError, entry, minutes } from './minutes-test-data';

const BY_MEETING = `/api/meetings/${MEETING_ID}/minutes`;
const MINUTES_URL = `/api/minutes/${MINUTES_ID}`;
// Long enough that the steps of a test never outlast it, short enough to keep the specs quick.
const DELAY = 250;

describe('MinutesPage', () => {
  let fixture: ComponentFixture<MinutesPage>;
  let backend: HttpTestingController;

  async function create(answer: Minutes | 'missing'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [MinutesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: MINUTES_AUTOSAVE_DELAY, useValue: DELAY },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MinutesPage);
    fixture.componentRef.setInput('id', MEETING_ID);
    await settle();
    if (answer === 'missing') {
      backend.expectOne(BY_MEETING).flush(...apiError(404, 'NOT_FOUND', 'Das Gesuchte wurde nicht gefunden.'));
    } else {
      backend.expectOne(BY_MEETING).flush(answer);
    }
    await settle();
    if (answer !== 'missing' && answer.status === 'draft' && answer.permissions.edit) {
      backend.expectOne('/api/groups').flush([{ ...GROUP, kind: 'uag', status: 'active', number: 3 }]);
      await settle();
    }
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

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (name: string, root: ParentNode = element()) =>
    present(
      Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(name)),
      `button ${name}`,
    );
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const saveState = () => text(present(element().querySelector('.save-state span'), 'save state')).trim();

  async function click(target: HTMLElement): Promise<void> {
    target.click();
    await settle();
  }

  async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  const generalNotes = () =>
    present(element().querySelector<HTMLTextAreaElement>('textarea.general-notes'), 'general notes');

  describe('without minutes', () => {
    it('offers "Protokoll beginnen" to those who manage the meeting and starts the minutes', async () => {
      await create('missing');
      backend
        .expectOne(`/api/meetings/${MEETING_ID}`)
        .flush({ id: MEETING_ID, title: 'Monatsrunde Dezember', status: 'scheduled', permissions: { manage: true } });
      await settle();
      expect(text()).toContain('Noch kein Protokoll');
      await click(button('Protokoll beginnen'));
      backend.expectOne({ method: 'POST', url: BY_MEETING }).flush(minutes());
      await settle();
      backend.expectOne('/api/groups').flush([]);
      await settle();
      expect(element().querySelector('h1')?.textContent?.trim()).toBe('Protokoll: Monatsrunde Dezember');
      expect(generalNotes().value).toBe('Begrüßung');
    });

    it('tells the others that the minutes are not published yet', async () => {
      await create('missing');
      backend
        .expectOne(`/api/meetings/${MEETING_ID}`)
        .flush({ id: MEETING_ID, title: 'Monatsrunde Dezember', status: 'scheduled', permissions: { manage: false } });
      await settle();
      expect(text()).toContain('Das Protokoll ist noch nicht veröffentlicht.');
      expect(Array.from(element().querySelectorAll('button')).map((b) => text(b))).toEqual([]);
    });
  });

  describe('editor', () => {
    it('shows header, status, attendance and the TOP with its entry', async () => {
      await create(minutes());
      expect(text(present(element().querySelector('.status-chip'), 'status'))).toBe('Entwurf');
      expect(text()).toContain('Anna Beispiel');
      expect(text()).toContain('TOP 1: Sensorik-Ausschreibung');
      expect(element().querySelector('a[href="/termine/' + MEETING_ID + '/anwesenheit"]')).not.toBeNull();
      expect(element().querySelector('.back a')?.getAttribute('href')).toBe(`/termine/${MEETING_ID}`);
    });

    it('names those present and excused, and only counts absent invitees', async () => {
      const bert = { id: '10000000-0000-4000-8000-000000000002', name: 'Bert Abwesend' };
      const clara = { id: '10000000-0000-4000-8000-000000000003', name: 'Clara Entschuldigt' };
      await create(
        minutes({
          attendance: [
            { person: ANNA, status: 'present', mode: 'on_site', organization: 'Halle (Saale)', deputyFor: null },
            { person: bert, status: 'absent', mode: null, organization: null, deputyFor: null },
            { person: clara, status: 'excused', mode: null, organization: null, deputyFor: null },
          ],
        }),
      );
      expect(text()).toContain('Anna Beispiel');
      expect(text()).toContain('Clara Entschuldigt');
      expect(text()).not.toContain('Bert Abwesend');
      expect(text()).toContain('Nicht anwesend: 1 weitere Eingeladene.');
    });

    it('saves once after the last change, with the version, and queues a change made while saving', async () => {
      await create(minutes());
      await typeInto(generalNotes(), 'B');
      await typeInto(generalNotes(), 'Be');
      await typeInto(generalNotes(), 'Begrüßung durch Anna');
      expect(saveState()).toBe('Ungespeicherte Änderungen');
      backend.expectNone({ method: 'PUT', url: MINUTES_URL });
      await wait(DELAY * 2);
      await settle();
      const first = backend.expectOne({ method: 'PUT', url: MINUTES_URL });
      expect(first.request.body).toMatchObject({
        version: 3,
        generalNotes: 'Begrüßung durch Anna',
        itemNotes: { [ITEM_ID]: 'Stand der Dinge' },
        publishLevel: 'group',
        entries: [{ id: entry(1).id, agendaItemId: ITEM_ID, kind: 'information', text: 'Eintrag 1' }],
      });
      expect(saveState()).toBe('Speichert …');

      // A change while the first save is in flight waits for it and is based on its version.
      await typeInto(generalNotes(), 'Begrüßung durch Anna Beispiel');
      await wait(DELAY * 2);
      await settle();
      backend.expectNone({ method: 'PUT', url: MINUTES_URL });
      first.flush(minutes({ version: 4, generalNotes: 'Begrüßung durch Anna' }));
      await settle();
      await settle();
      const second = backend.expectOne({ method: 'PUT', url: MINUTES_URL });
      expect(second.request.body).toMatchObject({ version: 4, generalNotes: 'Begrüßung durch Anna Beispiel' });
      second.flush(minutes({ version: 5 }));
      await settle();
      expect(saveState()).toMatch(/^Gespeichert um \d{2}:\d{2}$/);
    });

    it('gives a new action item the host group, its members as assignees and keeps the id the server gave', async () => {
      await create(minutes());
      await click(
        present(
          Array.from(element().querySelectorAll<HTMLButtonElement>('.item .add-entry button')).find((b) =>
            b.textContent?.includes('Aufgabe'),
          ),
          'add action item',
        ),
      );
      backend.expectOne(`/api/groups/${GROUP.id}`).flush({
        ...GROUP,
        members: [{ personId: ANNA.id, name: ANNA.name, status: 'active', role: 'member' }],
      });
      await settle();
      const texts = element().querySelectorAll<HTMLTextAreaElement>('textarea.entry-text');
      await typeInto(texts[1], 'Angebot einholen');
      await wait(DELAY * 2);
      await settle();
      const save = backend.expectOne({ method: 'PUT', url: MINUTES_URL });
      expect(save.request.body.entries[1]).toEqual({
        agendaItemId: ITEM_ID,
        kind: 'action_item',
        text: 'Angebot einholen',
        confidential: false,
        groupId: GROUP.id,
        assigneeIds: [],
        dueDate: null,
      });
      const created = entry(2, { kind: 'action_item', text: 'Angebot einholen', group: GROUP });
      save.flush(minutes({ version: 4, items: [{ ...minutes().items[0], entries: [entry(1), created] }] }));
      await settle();
      await typeInto(element().querySelectorAll<HTMLTextAreaElement>('textarea.entry-text')[1], 'Angebote einholen');
      await wait(DELAY * 2);
      await settle();
      const next = backend.expectOne({ method: 'PUT', url: MINUTES_URL });
      expect(next.request.body.entries[1]).toMatchObject({ id: created.id, text: 'Angebote einholen' });
      next.flush(minutes({ version: 5 }));
      await settle();
    });

    it('shows a conflict banner with the unsaved text and reloads on request', async () => {
      await create(minutes());
      await typeInto(generalNotes(), 'Mein wichtiger Text');
      await wait(DELAY * 2);
      await settle();
      backend
        .expectOne({ method: 'PUT', url: MINUTES_URL })
        .flush(...apiError(409, 'CONFLICT', 'Das Protokoll wurde inzwischen geändert.'));
      await settle();
      expect(saveState()).toBe('Nicht gespeichert');
      const banner = present(element().querySelector('.conflict'), 'conflict banner');
      expect(present(banner.querySelector('textarea'), 'unsaved text').value).toContain('Mein wichtiger Text');
      await click(button('Neu laden', banner));
      backend.expectOne({ method: 'GET', url: MINUTES_URL }).flush(minutes({ version: 7, generalNotes: 'Andere' }));
      await settle();
      expect(element().querySelector('.conflict')).toBeNull();
      expect(generalNotes().value).toBe('Andere');
    });

    it('shows field errors of a 400 at the entry', async () => {
      await create(minutes());
      await typeInto(element().querySelector<HTMLTextAreaElement>('textarea.entry-text') as HTMLTextAreaElement, ' ');
      await wait(DELAY * 2);
      await settle();
      backend
        .expectOne({ method: 'PUT', url: MINUTES_URL })
        .flush(
          ...apiError(400, 'VALIDATION_FAILED', 'Bitte prüfen Sie Ihre Eingaben.', [
            { field: 'entries.0.text', code: 'invalid', message: 'Bitte geben Sie einen Text an.' },
          ]),
        );
      await settle();
      expect(text(present(element().querySelector('fieldset.entry .field-error'), 'field error'))).toContain(
        'Bitte geben Sie einen Text an.',
      );
      expect(saveState()).toBe('Nicht gespeichert');
    });

    it('saves pending changes, then submits with the deadline and the new version', async () => {
      await create(minutes());
      await typeInto(generalNotes(), 'Noch schnell ergänzt');
      await click(button('Zur Abstimmung geben'));
      const deadline = present(dialog().querySelector<HTMLInputElement>('input[type="date"]'), 'deadline');
      expect(deadline.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const expected = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-CA', {
        timeZone: 'Europe/Berlin',
      });
      expect(deadline.value).toBe(expected);
      await click(button('Zur Abstimmung geben', dialog()));
      const save = backend.expectOne({ method: 'PUT', url: MINUTES_URL });
      expect(save.request.body.generalNotes).toBe('Noch schnell ergänzt');
      save.flush(minutes({ version: 4 }));
      await settle();
      await settle();
      const submit = backend.expectOne({ method: 'POST', url: `${MINUTES_URL}/submit` });
      expect(submit.request.body).toEqual({ reviewDeadline: expected, version: 4 });
      submit.flush(
        minutes({ version: 5, status: 'in_review', reviewDeadline: '2026-12-09', permissions: allowed('reopen') }),
      );
      await settle();
      expect(text(present(element().querySelector('.status-chip'), 'status'))).toBe('In Abstimmung bis 09.12.2026');
      expect(element().querySelector('srp-minutes-editor')).toBeNull();
    });
  });

  describe('in review', () => {
    const review = (overrides: Partial<Minutes> = {}) =>
      minutes({
        status: 'in_review',
        reviewDeadline: '2026-12-09',
        approvals: [{ person: ANNA, approvedAt: '2026-12-03T10:00:00Z' }],
        ...overrides,
      });

    it('shows the rendered text, the approvals and lets an attendee approve', async () => {
      await create(review({ permissions: allowed('approve', 'comment') }));
      expect(element().querySelector('.markdown p')?.textContent).toBe('Begrüßung');
      expect(text()).toContain('1 von 5 Anwesenden hat zugestimmt');
      expect(() => button('Freigeben')).toThrow();
      await click(button('Zustimmen'));
      backend.expectOne({ method: 'POST', url: `${MINUTES_URL}/approve` }).flush(
        review({
          approvals: [
            ...review().approvals,
            { person: { id: 'x', name: 'Jonas' }, approvedAt: '2026-12-03T11:00:00Z' },
          ],
          permissions: allowed('comment'),
        }),
      );
      await settle();
      expect(text()).toContain('2 von 5 Anwesenden haben zugestimmt');
      expect(() => button('Zustimmen')).toThrow();
    });

    it('sends a comment', async () => {
      await create(review({ permissions: allowed('comment') }));
      await typeInto(
        present(element().querySelector<HTMLTextAreaElement>('.comment-form textarea'), 'comment'),
        'TOP 1 präzisieren',
      );
      await click(button('Kommentieren'));
      const request = backend.expectOne({ method: 'POST', url: `${MINUTES_URL}/comments` });
      expect(request.request.body).toEqual({ body: 'TOP 1 präzisieren' });
      request.flush(
        review({
          permissions: allowed('comment'),
          comments: [
            {
              id: 'c1',
              author: ANNA,
              body: 'TOP 1 präzisieren',
              bodyHtml: '<p>TOP 1 präzisieren</p>',
              createdAt: '2026-12-03T12:00:00Z',
              revision: 1,
            },
          ],
        }),
      );
      await settle();
      expect(text(present(element().querySelector('.comment'), 'comment'))).toContain('TOP 1 präzisieren');
    });

    it('releases only after confirming what happens to action items', async () => {
      await create(review({ permissions: allowed('release', 'reopen') }));
      await click(button('Freigeben'));
      expect(text(dialog())).toContain('Aufgabe');
      await click(button('Abbrechen', dialog()));
      backend.expectNone(`${MINUTES_URL}/release`);
      await click(button('Freigeben'));
      await click(button('Freigeben', dialog()));
      const request: TestRequest = backend.expectOne({ method: 'POST', url: `${MINUTES_URL}/release` });
      expect(request.request.body).toEqual({ version: 3 });
      request.flush(minutes({ status: 'released', version: 4, permissions: allowed('export', 'revise') }));
      await settle();
      expect(text(present(element().querySelector('.status-chip'), 'status'))).toBe('Freigegeben, Fassung 1');
    });
  });

  describe('released', () => {
    const released = (permissions = allowed('export')) =>
      minutes({
        status: 'released',
        permissions,
        items: [
          {
            ...minutes().items[0],
            entries: [
              entry(1, { kind: 'decision', text: 'Ausschreibung starten', textHtml: '<p>Ausschreibung starten</p>' }),
              entry(2, {
                kind: 'action_item',
                assignees: [ANNA],
                dueDate: '2026-12-18',
                group: GROUP,
                task: { id: 'task-done', status: 'done', done: true },
              }),
              entry(3, {
                kind: 'action_item',
                group: GROUP,
                task: { id: 'task-open', status: 'in_progress', done: false },
              }),
            ],
          },
        ],
        revisions: [{ revision: 1, releasedAt: '2026-12-05T09:00:00Z', releasedBy: 'Erika Muster', changeNote: null }],
      });

    it('highlights decisions and links each action item to its task with its status', async () => {
      await create(released());
      expect(element().querySelector('.entry-view[data-kind="decision"]')?.textContent).toContain(
        'Ausschreibung starten',
      );
      const done = present(element().querySelector<HTMLAnchorElement>('a[href="/aufgaben/task-done"]'), 'done task');
      expect(text(done)).toContain('erledigt');
      expect(text(present(element().querySelector('a[href="/aufgaben/task-open"]'), 'open task'))).toContain(
        'In Arbeit',
      );
      expect(text()).toContain('Fällig: 18.12.2026');
      expect(text()).toContain('Fassung 1, freigegeben am 05.12.2026');
      expect(() => button('Neue Fassung anlegen')).toThrow();
    });

    it('links the exports without confidential entries; managers get them with confidential entries too', async () => {
      await create(released(allowed('export', 'exportConfidential', 'revise')));
      const links = Array.from(element().querySelectorAll<HTMLAnchorElement>('.exports a')).map((a) => [
        text(a).trim(),
        a.getAttribute('href'),
      ]);
      expect(links).toEqual([
        ['picture_as_pdf PDF herunterladen', `${MINUTES_URL}/export.pdf?confidential=false`],
        ['description Markdown', `${MINUTES_URL}/export.md?confidential=false`],
        ['PDF mit vertraulichen Punkten', `${MINUTES_URL}/export.pdf?confidential=true`],
        ['Markdown mit vertraulichen Punkten', `${MINUTES_URL}/export.md?confidential=true`],
      ]);
    });

    it('opens a new revision with a change note', async () => {
      await create(released(allowed('export', 'revise')));
      await click(button('Neue Fassung anlegen'));
      await click(button('Neue Fassung anlegen', dialog()));
      backend.expectNone(`${MINUTES_URL}/revise`);
      await typeInto(present(dialog().querySelector('textarea'), 'note'), 'Tippfehler in TOP 1');
      await click(button('Neue Fassung anlegen', dialog()));
      const request = backend.expectOne({ method: 'POST', url: `${MINUTES_URL}/revise` });
      expect(request.request.body).toEqual({ changeNote: 'Tippfehler in TOP 1', version: 3 });
      request.flush(minutes({ revision: 2, pendingChangeNote: 'Tippfehler in TOP 1', version: 4 }));
      await settle();
      backend.expectOne('/api/groups').flush([]);
      await settle();
      expect(text()).toContain('Grund: Tippfehler in TOP 1');
    });
  });
});
