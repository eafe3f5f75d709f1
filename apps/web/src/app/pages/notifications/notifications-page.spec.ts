import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { AppNotification, NotificationPage, NotificationsService } from '../../core/notifications.service';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { CENTRE_PAGE_SIZE, NotificationsPage } from './notifications-page';

const MINUTE = 60_000;

function notification(n: number, overrides: Partial<AppNotification> = {}): AppNotification {
  return {
    id: `30000000-0000-4000-8000-00000000000${n}`,
    kind: 'task_assigned',
    title: `Neue Aufgabe für Sie: Aufgabe ${n}`,
    body: `Mara Mitglied hat Ihnen die Aufgabe „Aufgabe ${n}“ zugewiesen.`,
    link: `/aufgaben/20000000-0000-4000-8000-00000000000${n}`,
    createdAt: new Date(Date.now() - n * 10 * MINUTE).toISOString(),
    readAt: null,
    ...overrides,
  };
}

function page(items: AppNotification[], unreadCount: number, nextCursor: string | null = null): NotificationPage {
  return { items, unreadCount, nextCursor };
}

/** The text a screen reader reads: without the aria-hidden parts. */
function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('NotificationsPage', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [NotificationsPage],
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ') ?? '';
  const entries = () => Array.from(element().querySelectorAll<HTMLElement>('li.entry'));
  const buttonNamed = (name: string) =>
    present(
      Array.from(element().querySelectorAll<HTMLElement>('button, a')).find((b) => spokenText(b) === name),
      `button ${name}`,
    );

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  function listRequest(): TestRequest {
    const request = backend.expectOne((r) => r.method === 'GET' && r.url === '/api/notifications');
    expect(request.request.params.get('limit')).toBe(String(CENTRE_PAGE_SIZE));
    return request;
  }

  async function create(first?: NotificationPage): Promise<void> {
    fixture = TestBed.createComponent(NotificationsPage);
    await settle();
    if (first) {
      listRequest().flush(first);
      await settle();
    }
  }

  it('lists the notifications, newest first, unread ones marked, each linking to its subject', async () => {
    const unread = notification(1);
    const read = notification(2, { kind: 'meeting_invitation', readAt: new Date().toISOString() });
    await create(page([unread, read], 1));

    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Benachrichtigungen');
    const [first, second] = entries();
    const firstLink = present(first.querySelector('a.entry-title'), 'link');
    expect(spokenText(firstLink)).toBe('Ungelesen: Neue Aufgabe für Sie: Aufgabe 1');
    expect(firstLink.getAttribute('href')).toBe(unread.link);
    expect(first.classList).toContain('unread');
    expect(spokenText(first)).toContain('Mara Mitglied hat Ihnen die Aufgabe „Aufgabe 1“ zugewiesen.');
    expect(spokenText(first)).toContain('vor 10 Minuten, Mir zugewiesene Aufgaben');
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe(unread.createdAt);

    expect(spokenText(present(second.querySelector('a.entry-title'), 'link'))).toBe('Neue Aufgabe für Sie: Aufgabe 2');
    expect(second.classList).not.toContain('unread');
    expect(spokenText(second)).toContain('Einladungen zu Terminen');
    // Only unread entries can be marked read.
    expect(first.querySelector('button')?.textContent).toContain('Als gelesen markieren');
    expect(second.querySelector('button')).toBeNull();

    const settings = buttonNamed('Einstellungen');
    expect(settings.getAttribute('href')).toBe('/profil/benachrichtigungen');
    expect(text()).toContain('Ungelesen (1)');
  });

  it('marks an entry read when its link is followed, and goes there', async () => {
    const unread = notification(1);
    await create(page([unread], 1));
    present(entries()[0].querySelector<HTMLElement>('a.entry-title'), 'link').click();
    await settle();
    backend
      .expectOne({ method: 'POST', url: `/api/notifications/${unread.id}/read` })
      .flush({ marked: 1, unreadCount: 0 });
    expect(TestBed.inject(Router).url).toBe(unread.link);
    expect(TestBed.inject(NotificationsService).unreadCount()).toBe(0);
  });

  it('loads further pages with the cursor', async () => {
    await create(page([notification(1), notification(2)], 2, 'cursor-2'));
    buttonNamed('Weitere laden').click();
    await settle();
    const next = listRequest();
    expect(next.request.params.get('cursor')).toBe('cursor-2');
    next.flush(page([notification(3)], 2));
    await settle();
    expect(entries()).toHaveLength(3);
    expect(element().querySelector('button.more')).toBeNull();
  });

  it('shows only unread ones on request', async () => {
    await create(page([notification(1), notification(2, { readAt: new Date().toISOString() })], 1));
    const unreadToggle = present(
      Array.from(element().querySelectorAll<HTMLElement>('mat-button-toggle button')).find((b) =>
        b.textContent?.includes('Ungelesen'),
      ),
      'toggle',
    );
    unreadToggle.click();
    await settle();
    const request = listRequest();
    expect(request.request.params.get('unread')).toBe('true');
    request.flush(page([], 0));
    await settle();
    expect(entries()).toHaveLength(0);
    expect(text()).toContain('Sie haben keine ungelesenen Benachrichtigungen.');
    expect(element().querySelector('ul[aria-label]')).toBeNull();
  });

  it('explains the empty centre', async () => {
    await create(page([], 0));
    expect(text()).toContain('Sie haben noch keine Benachrichtigungen.');
    expect(element().querySelector('srp-empty-state a')?.getAttribute('href')).toBe('/profil/benachrichtigungen');
    expect(text()).not.toContain('Alle als gelesen markieren');
  });

  it('marks one read', async () => {
    const unread = notification(1);
    await create(page([unread, notification(2)], 2));
    present(entries()[0].querySelector<HTMLElement>('button'), 'mark read').click();
    await settle();
    backend
      .expectOne({ method: 'POST', url: `/api/notifications/${unread.id}/read` })
      .flush({ marked: 1, unreadCount: 1 });
    await settle();
    expect(entries()[0].classList).not.toContain('unread');
    expect(entries()[0].querySelector('button')).toBeNull();
    expect(element().querySelector('[role="status"]')?.textContent).toContain(
      '„Neue Aufgabe für Sie: Aufgabe 1“ ist als gelesen markiert.',
    );
    expect(text()).toContain('Ungelesen (1)');
  });

  it('marks all read', async () => {
    await create(page([notification(1), notification(2)], 2));
    buttonNamed('Alle als gelesen markieren').click();
    await settle();
    backend.expectOne({ method: 'POST', url: '/api/notifications/read-all' }).flush({ marked: 2, unreadCount: 0 });
    await settle();
    expect(entries().filter((entry) => entry.classList.contains('unread'))).toHaveLength(0);
    expect(element().querySelector('[role="status"]')?.textContent).toContain(
      '2 Benachrichtigungen sind als gelesen markiert.',
    );
    expect(text()).not.toContain('Alle als gelesen markieren');
  });

  it('says so in German when loading fails, and tries again', async () => {
    await create();
    listRequest().flush(
      { code: 'INTERNAL', message: 'Auf dem Server ist ein Fehler aufgetreten.', details: {}, correlationId: 't' },
      { status: 500, statusText: 'Server Error' },
    );
    await settle();
    const alert = present(element().querySelector('[role="alert"].message'), 'alert');
    expect(alert.textContent).toContain('Die Benachrichtigungen konnten nicht geladen werden.');
    buttonNamed('Erneut versuchen').click();
    await settle();
    listRequest().flush(page([notification(1)], 1));
    await settle();
    expect(entries()).toHaveLength(1);
  });

  it('offers new notifications that arrive while the page is open', async () => {
    await answerMe(TEST_USER);
    const older = notification(2);
    await create();
    const count = backend.expectOne('/api/notifications/unread-count');
    listRequest().flush(page([older], 1));
    count.flush({ count: 1, latestAt: older.createdAt }, { headers: { ETag: 'W/"a"' } });
    await settle();
    expect(text()).not.toContain('Es sind neue Benachrichtigungen eingegangen.');

    const newer = notification(1, { createdAt: new Date().toISOString() });
    window.dispatchEvent(new Event('focus'));
    backend.expectOne('/api/notifications/unread-count').flush({ count: 2, latestAt: newer.createdAt });
    await settle();
    expect(text()).toContain('Es sind neue Benachrichtigungen eingegangen.');
    buttonNamed('Neue anzeigen').click();
    await settle();
    listRequest().flush(page([newer, older], 2));
    await settle();
    expect(entries()).toHaveLength(2);
    expect(text()).not.toContain('Es sind neue Benachrichtigungen eingegangen.');
  });
});
