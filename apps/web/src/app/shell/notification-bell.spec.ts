import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { AppNotification, NotificationsService } from '../core/notifications.service';
import { TEST_USER, answerMe } from '../testing/auth-testing';
import { present } from '../testing/dom-testing';
import { bellBadge, bellLabel } from './bell-labels';
import { BELL_MENU_SIZE, NotificationBell } from './notification-bell';

const MINUTE = 60_000;

function notification(overrides: Partial<AppNotification> = {}): AppNotification {
  return {
    id: '30000000-0000-4000-8000-000000000001',
    kind: 'task_assigned',
    title: 'Neue Aufgabe für Sie: Förderantrag Sensorik',
    body: 'Mara Mitglied hat Ihnen die Aufgabe zugewiesen.',
    link: '/aufgaben/20000000-0000-4000-8000-000000000001',
    createdAt: new Date(Date.now() - 5 * MINUTE - 1000).toISOString(),
    readAt: null,
    ...overrides,
  };
}

/** The text a screen reader reads: without the aria-hidden parts. */
function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('bell labels', () => {
  it('names the bell with the unread count and caps the badge at 99+', () => {
    expect(bellLabel(0)).toBe('Benachrichtigungen');
    expect(bellLabel(3)).toBe('Benachrichtigungen, 3 ungelesen');
    expect(bellBadge(7)).toBe('7');
    expect(bellBadge(99)).toBe('99');
    expect(bellBadge(100)).toBe('99+');
  });
});

describe('NotificationBell', () => {
  let fixture: ComponentFixture<NotificationBell>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [NotificationBell],
      providers: [
        // Every address exists: following an entry's link must not fail.
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(TEST_USER);
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const button = () => present(element().querySelector<HTMLButtonElement>('button.bell-button'), 'bell');

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** Answers the open list requests of the bell's menu. */
  function answerList(items: AppNotification[], unreadCount: number): void {
    backend
      .match((r) => r.url === '/api/notifications')
      .forEach((request) => {
        expect(request.request.params.get('limit')).toBe(String(BELL_MENU_SIZE));
        request.flush({ items, unreadCount, nextCursor: null });
      });
  }

  async function render(items: AppNotification[], count: number): Promise<void> {
    fixture = TestBed.createComponent(NotificationBell);
    await settle();
    backend.expectOne('/api/notifications/unread-count').flush({ count, latestAt: items[0]?.createdAt ?? null });
    await settle();
    answerList(items, count);
    await settle();
    answerList(items, count);
    await settle();
  }

  async function openMenu(items: AppNotification[], count: number): Promise<HTMLElement> {
    button().click();
    await settle();
    answerList(items, count);
    await settle();
    return present(document.querySelector<HTMLElement>('.mat-mdc-menu-panel'), 'menu');
  }

  it('shows the unread count on the bell and in its name', async () => {
    await render([notification()], 3);
    expect(button().getAttribute('aria-label')).toBe('Benachrichtigungen, 3 ungelesen');
    expect(button().getAttribute('aria-haspopup')).toBe('menu');
    expect(element().querySelector('.badge')?.textContent?.trim()).toBe('3');
    expect(element().querySelector('.badge')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows no badge without unread notifications', async () => {
    await render([notification({ readAt: '2026-11-26T08:00:00.000Z' })], 0);
    expect(button().getAttribute('aria-label')).toBe('Benachrichtigungen');
    expect(element().querySelector('.badge')).toBeNull();
  });

  it('lists the newest notifications with their time; unread ones are marked', async () => {
    const unread = notification();
    const read = notification({
      id: '30000000-0000-4000-8000-000000000002',
      kind: 'meeting_invitation',
      title: 'Einladung: Monatsrunde am 09.12.2026, 10:00 Uhr',
      link: '/termine/40000000-0000-4000-8000-000000000001',
      createdAt: new Date(Date.now() - 3 * 60 * MINUTE).toISOString(),
      readAt: new Date().toISOString(),
    });
    await render([unread, read], 1);
    const menu = await openMenu([unread, read], 1);

    const items = Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    // The entries' names (aria-label), then the two actions (their text).
    expect(items.map((item) => item.getAttribute('aria-label') ?? spokenText(item))).toEqual([
      'Ungelesen: Neue Aufgabe für Sie: Förderantrag Sensorik, vor 5 Minuten',
      'Einladung: Monatsrunde am 09.12.2026, 10:00 Uhr, vor 3 Stunden',
      'Alle als gelesen markieren',
      'Alle Benachrichtigungen',
    ]);
    // What is seen: title and time, and for unread ones the dot (and the same word for screen readers).
    expect(spokenText(items[0])).toContain('Ungelesen:');
    expect(items[0].querySelector('.item-title')?.textContent).toBe(unread.title);
    expect(items[0].querySelector('.item-time')?.textContent?.trim()).toBe('vor 5 Minuten');
    expect(items[0].getAttribute('href')).toBe(unread.link);
    expect(items[0].querySelector('.dot')).not.toBeNull();
    expect(items[1].querySelector('.dot')).toBeNull();
    expect(items[1].getAttribute('href')).toBe(read.link);
    expect(items[3].getAttribute('href')).toBe('/benachrichtigungen');
  });

  it('marks an entry read when it is followed, and goes to its subject', async () => {
    const unread = notification();
    await render([unread], 1);
    const menu = await openMenu([unread], 1);
    present(menu.querySelector<HTMLElement>('a.bell-item'), 'entry').click();
    await settle();

    const read = backend.expectOne({ method: 'POST', url: `/api/notifications/${unread.id}/read` });
    read.flush({ marked: 1, unreadCount: 0 });
    await settle();
    expect(TestBed.inject(Router).url).toBe(unread.link);
    expect(TestBed.inject(NotificationsService).unreadCount()).toBe(0);
    expect(button().getAttribute('aria-label')).toBe('Benachrichtigungen');
    // The count changed: the bell loads its entries again.
    answerList([{ ...unread, readAt: new Date().toISOString() }], 0);
    await settle();
  });

  it('marks all read', async () => {
    const items = [notification(), notification({ id: '30000000-0000-4000-8000-000000000002' })];
    await render(items, 2);
    const menu = await openMenu(items, 2);
    const markAll = present(
      Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]')).find(
        (item) => spokenText(item) === 'Alle als gelesen markieren',
      ),
      'mark all',
    );
    markAll.click();
    await settle();
    backend.expectOne({ method: 'POST', url: '/api/notifications/read-all' }).flush({ marked: 2, unreadCount: 0 });
    await settle();
    answerList(
      items.map((item) => ({ ...item, readAt: new Date().toISOString() })),
      0,
    );
    await settle();
    expect(element().querySelector('.badge')).toBeNull();
    expect(button().getAttribute('aria-label')).toBe('Benachrichtigungen');
  });

  it('says so when there are no notifications yet', async () => {
    await render([], 0);
    const menu = await openMenu([], 0);
    expect(menu.querySelector('.menu-empty')?.textContent?.trim()).toBe('Sie haben noch keine Benachrichtigungen.');
    const items = Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    expect(items.map(spokenText)).toEqual(['Alle Benachrichtigungen']);
  });

  it('tells screen readers when new notifications arrive, not at start', async () => {
    await render([notification()], 1);
    const status = present(element().querySelector('[role="status"]'), 'status');
    expect(status.textContent?.trim()).toBe('');

    window.dispatchEvent(new Event('focus'));
    await settle();
    const newer = notification({ id: '30000000-0000-4000-8000-000000000003', createdAt: new Date().toISOString() });
    backend.expectOne('/api/notifications/unread-count').flush({ count: 2, latestAt: newer.createdAt });
    await settle();
    answerList([newer, notification()], 2);
    await settle();
    expect(status.textContent?.trim()).toBe('Eine neue Benachrichtigung');
    expect(button().getAttribute('aria-label')).toBe('Benachrichtigungen, 2 ungelesen');
  });
});
