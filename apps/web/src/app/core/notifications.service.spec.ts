import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { TEST_USER, answerMe } from '../testing/auth-testing';
import { QUIET_API_ERRORS } from './api-error.interceptor';
import { AuthService } from './auth.service';
import { NotificationsService, UNREAD_POLL_MAX_MS, UNREAD_POLL_MS } from './notifications.service';

const COUNT_URL = '/api/notifications/unread-count';
const ID = '30000000-0000-4000-8000-000000000001';

describe('NotificationsService', () => {
  let backend: HttpTestingController;
  let visibility: DocumentVisibilityState;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  afterEach(() => {
    backend.verify();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Signs in and lets the service start: its first question for the count is open then. */
  async function signedIn(): Promise<NotificationsService> {
    await answerMe(TEST_USER);
    const service = TestBed.inject(NotificationsService);
    TestBed.tick();
    return service;
  }

  function countRequest(): TestRequest {
    return backend.expectOne({ method: 'GET', url: COUNT_URL });
  }

  function answer(request: TestRequest, count: number, etag: string, latestAt = '2026-11-26T09:00:00.000Z'): void {
    request.flush({ count, latestAt }, { headers: { ETag: etag } });
  }

  const notModified = (request: TestRequest) => request.flush(null, { status: 304, statusText: 'Not Modified' });

  it('asks for the count at once, then every 30 s with If-None-Match; 304 keeps the count', async () => {
    const service = await signedIn();
    const first = countRequest();
    expect(first.request.headers.has('If-None-Match')).toBe(false);
    answer(first, 3, 'W/"n-3-1"');
    expect(service.unreadCount()).toBe(3);
    expect(service.latestAt()).toBe('2026-11-26T09:00:00.000Z');

    vi.advanceTimersByTime(UNREAD_POLL_MS - 1);
    backend.expectNone(COUNT_URL);
    vi.advanceTimersByTime(1);
    const second = countRequest();
    expect(second.request.headers.get('If-None-Match')).toBe('W/"n-3-1"');
    notModified(second);
    expect(service.unreadCount()).toBe(3);

    vi.advanceTimersByTime(UNREAD_POLL_MS);
    const third = countRequest();
    expect(third.request.headers.get('If-None-Match')).toBe('W/"n-3-1"');
    answer(third, 4, 'W/"n-4-2"', '2026-11-26T09:05:00.000Z');
    expect(service.unreadCount()).toBe(4);
    expect(service.latestAt()).toBe('2026-11-26T09:05:00.000Z');
  });

  it('asks at once when the window gets the focus or the tab becomes visible, never while hidden', async () => {
    const service = await signedIn();
    answer(countRequest(), 1, 'W/"a"');

    window.dispatchEvent(new Event('focus'));
    answer(countRequest(), 2, 'W/"b"');
    expect(service.unreadCount()).toBe(2);

    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(UNREAD_POLL_MS * 3);
    backend.expectNone(COUNT_URL);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    notModified(countRequest());
    // Polling goes on from there.
    vi.advanceTimersByTime(UNREAD_POLL_MS);
    notModified(countRequest());
  });

  it('does not ask twice at the same time', async () => {
    await signedIn();
    const first = countRequest();
    window.dispatchEvent(new Event('focus'));
    backend.expectNone(COUNT_URL);
    answer(first, 0, 'W/"a"');
  });

  it('waits longer after failures and back to 30 s after a success', async () => {
    const service = await signedIn();
    const failing = countRequest();
    // No error message pops up for a poll: the next one follows on its own.
    expect(failing.request.context.get(QUIET_API_ERRORS)).toBe(true);
    failing.flush(null, { status: 503, statusText: 'Service Unavailable' });
    vi.advanceTimersByTime(UNREAD_POLL_MS);
    backend.expectNone(COUNT_URL);
    vi.advanceTimersByTime(UNREAD_POLL_MS);
    countRequest().error(new ProgressEvent('error'));
    vi.advanceTimersByTime(UNREAD_POLL_MS * 4 - 1);
    backend.expectNone(COUNT_URL);
    vi.advanceTimersByTime(1);
    answer(countRequest(), 5, 'W/"c"');
    expect(service.unreadCount()).toBe(5);
    vi.advanceTimersByTime(UNREAD_POLL_MS);
    notModified(countRequest());

    // Never more than five minutes apart.
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(UNREAD_POLL_MAX_MS);
      countRequest().flush(null, { status: 502, statusText: 'Bad Gateway' });
    }
    vi.advanceTimersByTime(UNREAD_POLL_MAX_MS);
    notModified(countRequest());
  });

  it('stops and forgets the count when the person signs out', async () => {
    const service = await signedIn();
    answer(countRequest(), 2, 'W/"a"');

    TestBed.inject(AuthService).clear();
    TestBed.tick();
    expect(service.unreadCount()).toBe(0);
    expect(service.latestAt()).toBeNull();
    vi.advanceTimersByTime(UNREAD_POLL_MAX_MS);
    window.dispatchEvent(new Event('focus'));
    backend.expectNone(COUNT_URL);
  });

  it('does not ask while nobody is signed in', async () => {
    await answerMe(null);
    TestBed.inject(NotificationsService);
    TestBed.tick();
    window.dispatchEvent(new Event('focus'));
    backend.expectNone(COUNT_URL);
  });

  it('lists pages (unread only, from a cursor) and takes the count from them', async () => {
    const service = await signedIn();
    answer(countRequest(), 9, 'W/"a"');

    const page = firstValueFrom(service.list({ unread: true, cursor: 'abc', limit: 8 }));
    const request = backend.expectOne((r) => r.url === '/api/notifications');
    expect(request.request.params.get('unread')).toBe('true');
    expect(request.request.params.get('cursor')).toBe('abc');
    expect(request.request.params.get('limit')).toBe('8');
    request.flush({ items: [], unreadCount: 7, nextCursor: null });
    expect((await page).items).toEqual([]);
    expect(service.unreadCount()).toBe(7);

    void firstValueFrom(service.list());
    const all = backend.expectOne((r) => r.url === '/api/notifications');
    expect(all.request.params.keys()).toEqual([]);
    all.flush({ items: [], unreadCount: 7, nextCursor: null });
  });

  it('marks read, one or all, and shows the new count at once', async () => {
    const service = await signedIn();
    answer(countRequest(), 3, 'W/"a"');

    const one = firstValueFrom(service.markRead(ID));
    backend.expectOne({ method: 'POST', url: `/api/notifications/${ID}/read` }).flush({ marked: 1, unreadCount: 2 });
    expect((await one).marked).toBe(1);
    expect(service.unreadCount()).toBe(2);

    const all = firstValueFrom(service.markAllRead());
    backend.expectOne({ method: 'POST', url: '/api/notifications/read-all' }).flush({ marked: 2, unreadCount: 0 });
    await all;
    expect(service.unreadCount()).toBe(0);
  });

  it('marks a followed link read in the background, only when it is unread', async () => {
    const service = await signedIn();
    answer(countRequest(), 1, 'W/"a"');

    service.markReadInBackground({ id: ID, readAt: '2026-11-26T08:00:00.000Z' });
    backend.expectNone(`/api/notifications/${ID}/read`);

    service.markReadInBackground({ id: ID, readAt: null });
    backend.expectOne({ method: 'POST', url: `/api/notifications/${ID}/read` }).flush({ marked: 1, unreadCount: 0 });
    expect(service.unreadCount()).toBe(0);

    // A failure is quiet.
    service.markReadInBackground({ id: ID, readAt: null });
    backend
      .expectOne(`/api/notifications/${ID}/read`)
      .flush({ code: 'NOT_FOUND', message: 'x', details: {}, correlationId: 't' }, { status: 404, statusText: 'x' });
  });

  it('reads and changes the own settings', async () => {
    const service = await signedIn();
    answer(countRequest(), 0, 'W/"a"');

    const read = firstValueFrom(service.preferences());
    backend.expectOne({ method: 'GET', url: '/api/notification-preferences' }).flush({ items: [{ kind: 'task_due' }] });
    expect(await read).toEqual([{ kind: 'task_due' }]);

    const saved = firstValueFrom(service.updatePreferences([{ kind: 'task_due', channel: 'in_app' }]));
    const put = backend.expectOne({ method: 'PUT', url: '/api/notification-preferences' });
    expect(put.request.body).toEqual({ choices: [{ kind: 'task_due', channel: 'in_app' }] });
    put.flush({ items: [] });
    expect(await saved).toEqual([]);
  });

  it('shows a settings link without changing it, and changes it only on request', async () => {
    TestBed.inject(AuthService);
    const service = TestBed.inject(NotificationsService);
    const view = firstValueFrom(service.viewToken('abc.def'));
    backend.expectOne({ method: 'GET', url: '/api/unsubscribe/abc.def' }).flush({ kind: 'task_due' });
    expect((await view).kind).toBe('task_due');

    const applied = firstValueFrom(service.applyToken('abc.def', 'off'));
    const post = backend.expectOne({ method: 'POST', url: '/api/unsubscribe/abc.def' });
    expect(post.request.body).toEqual({ channel: 'off' });
    post.flush({ kind: 'task_due', channel: 'off' });
    expect((await applied).channel).toBe('off');
  });
});
