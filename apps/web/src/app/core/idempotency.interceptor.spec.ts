import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { MeetingsService, NewMeeting } from './meetings.service';
import { TasksService } from './tasks.service';
import {
  IDEMPOTENCY_KEY,
  idempotencyContext,
  idempotencyInterceptor,
  newIdempotencyKey,
} from './idempotency.interceptor';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotencyInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([idempotencyInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the key of the request context as the Idempotency-Key header', async () => {
    const done = firstValueFrom(http.post('/api/tasks', {}, { context: idempotencyContext('schluessel-1') }));
    const request = backend.expectOne('/api/tasks');
    expect(request.request.headers.get('Idempotency-Key')).toBe('schluessel-1');
    request.flush({});
    await done;
  });

  it('sends no header without a key', async () => {
    expect(idempotencyContext(undefined)).toBeUndefined();
    const done = firstValueFrom(http.post('/api/tasks', {}));
    const request = backend.expectOne('/api/tasks');
    expect(request.request.headers.has('Idempotency-Key')).toBe(false);
    expect(request.request.context.get(IDEMPOTENCY_KEY)).toBeNull();
    request.flush({});
    await done;
  });

  it('TasksService.create and MeetingsService.create pass their key on', async () => {
    const task = firstValueFrom(TestBed.inject(TasksService).create({ groupId: 'g', title: 'T' }, 'aufgabe-1'));
    const taskRequest = backend.expectOne('/api/tasks');
    expect(taskRequest.request.headers.get('Idempotency-Key')).toBe('aufgabe-1');
    taskRequest.flush({});
    await task;

    const meeting = firstValueFrom(TestBed.inject(MeetingsService).create({ title: 'M' } as NewMeeting, 'termin-1'));
    const meetingRequest = backend.expectOne('/api/meetings');
    expect(meetingRequest.request.headers.get('Idempotency-Key')).toBe('termin-1');
    meetingRequest.flush({ meeting: {}, guestLinks: [] });
    await meeting;

    const plain = firstValueFrom(TestBed.inject(TasksService).create({ groupId: 'g', title: 'T' }));
    const plainRequest = backend.expectOne('/api/tasks');
    expect(plainRequest.request.headers.has('Idempotency-Key')).toBe(false);
    plainRequest.flush({});
    await plain;
  });
});

describe('newIdempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a fresh UUID v4 every time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(UUID_V4);
    expect(b).toMatch(UUID_V4);
    expect(a).not.toBe(b);
  });

  it('builds a UUID v4 from getRandomValues where randomUUID is missing (plain HTTP)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
    expect(crypto.randomUUID).toBeUndefined();
    const a = newIdempotencyKey();
    expect(a).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
