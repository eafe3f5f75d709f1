import { HttpClient, HttpContext, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { QUIET_API_ERRORS, apiErrorInterceptor } from './api-error.interceptor';

describe('apiErrorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let open: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    open = vi.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function failingGet(url: string, body: object | string | null, status: number): Promise<HttpErrorResponse> {
    const result = firstValueFrom(http.get(url)).catch((e: unknown) => e);
    const request = backend.expectOne(url);
    if (status === 0) {
      request.error(new ProgressEvent('error'), { status: 0 });
    } else {
      request.flush(body, { status, statusText: 'Fehler' });
    }
    const error = (await result) as HttpErrorResponse;
    // The snack bar module is imported lazily; let that settle before asserting.
    await new Promise((resolve) => setTimeout(resolve));
    return error;
  }

  it('shows the api message and correlation id for 5xx and rethrows', async () => {
    const error = await failingGet(
      '/api/organizations',
      {
        code: 'DB_DOWN',
        message: 'Die Datenbank ist nicht erreichbar.',
        correlationId: 'c0ffee',
      },
      503,
    );
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(error.status).toBe(503);
    expect(open).toHaveBeenCalledWith(
      'Die Datenbank ist nicht erreichbar. (Fehlernummer: c0ffee)',
      'Schließen',
      expect.any(Object),
    );
  });

  it('falls back to a German message when the body has none', async () => {
    await failingGet('/api/organizations', 'Bad Gateway', 502);
    expect(open.mock.calls[0][0]).toBe(
      'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    );
  });

  it('reports an unreachable server (status 0)', async () => {
    const error = await failingGet('/api/organizations', null, 0);
    expect(error.status).toBe(0);
    expect(open.mock.calls[0][0]).toContain('Der Server ist gerade nicht erreichbar.');
  });

  it('leaves 4xx errors to the caller', async () => {
    const error = await failingGet('/api/organizations/1', { code: 'NOT_FOUND', message: 'Nicht gefunden.' }, 404);
    expect(error.status).toBe(404);
    expect(open).not.toHaveBeenCalled();
  });

  it('stays quiet for requests marked QUIET_API_ERRORS (background polling), and still rethrows', async () => {
    const context = new HttpContext().set(QUIET_API_ERRORS, true);
    const result = firstValueFrom(http.get('/api/notifications/unread-count', { context })).catch((e: unknown) => e);
    backend.expectOne('/api/notifications/unread-count').error(new ProgressEvent('error'), { status: 0 });
    const error = (await result) as HttpErrorResponse;
    await new Promise((resolve) => setTimeout(resolve));
    expect(error.status).toBe(0);
    expect(open).not.toHaveBeenCalled();
  });

  it('ignores requests that do not go to the api', async () => {
    await failingGet('/assets/data.json', null, 500);
    expect(open).not.toHaveBeenCalled();
  });

  it('reads the api message also from a text response (204 endpoints ask for text)', async () => {
    await failingGet(
      '/api/auth/logout',
      JSON.stringify({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Der Dienst ist gerade nicht verfügbar.',
        correlationId: 'c1',
      }),
      503,
    );
    expect(open.mock.calls[0][0]).toBe('Der Dienst ist gerade nicht verfügbar. (Fehlernummer: c1)');
  });
});
