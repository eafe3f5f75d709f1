import {
  HttpContextToken,
  HttpErrorResponse,
  HttpEvent,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { Injector, inject } from '@angular/core';
import { Observable, catchError, throwError } from 'rxjs';
import type { ApiErrorBody as SharedApiErrorBody } from '@srp/contracts';

/** What arrives may be cut short (proxies, network errors): every field is optional here. */
type ApiErrorBody = Partial<SharedApiErrorBody>;

const OFFLINE_MESSAGE =
  'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.';
const SERVER_ERROR_MESSAGE = 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.';

/**
 * Set on requests the user did not ask for (the bell's polling): their failures are handled by
 * the caller (it asks again later) and must not pop up a message every time while the server is away.
 */
export const QUIET_API_ERRORS = new HttpContextToken<boolean>(() => false);

/** The path of a request to our own api (relative `/api/…` or same-origin absolute URL), else undefined. */
export function apiPath(request: HttpRequest<unknown>): string | undefined {
  const url = request.url;
  if (url.startsWith('/api/') || url === '/api') {
    return url.split(/[?#]/)[0];
  }
  try {
    const parsed = new URL(url, globalThis.location?.origin);
    return parsed.origin === globalThis.location?.origin && parsed.pathname.startsWith('/api/')
      ? parsed.pathname
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the request goes to our own api. */
export function isApiRequest(request: HttpRequest<unknown>): boolean {
  return apiPath(request) !== undefined;
}

function asApiErrorBody(body: unknown): ApiErrorBody | undefined {
  // Requests with `responseType: 'text'` receive the JSON error body as a string.
  if (typeof body === 'string') {
    try {
      return asApiErrorBody(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as ApiErrorBody) : undefined;
}

/** German text for the snack bar: the api's own message if it sent one, plus the correlation id. */
export function apiErrorMessage(error: HttpErrorResponse): string {
  const body = asApiErrorBody(error.error);
  const base =
    typeof body?.message === 'string' && body.message.trim() !== ''
      ? body.message
      : error.status === 0
        ? OFFLINE_MESSAGE
        : SERVER_ERROR_MESSAGE;
  const ref =
    typeof body?.correlationId === 'string' && body.correlationId !== ''
      ? ` (Fehlernummer: ${body.correlationId})`
      : '';
  return base + ref;
}

/**
 * Opens the snack bar. Material's snack bar (with the CDK overlay) is loaded on first use: it is
 * only needed when something went wrong, so it stays out of the initial bundle.
 */
async function showSnackBar(injector: Injector, message: string): Promise<void> {
  const { MatSnackBar } = await import('@angular/material/snack-bar');
  injector.get(MatSnackBar).open(message, 'Schließen', {
    duration: 10000,
    politeness: 'assertive',
  });
}

/**
 * Tells the user when the api is down or fails (status 0 or 5xx) and rethrows, so callers
 * still see the error and can show their own state. 4xx errors are left to the caller.
 */
export const apiErrorInterceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  if (!isApiRequest(request) || request.context.get(QUIET_API_ERRORS)) {
    return next(request);
  }
  const injector = inject(Injector);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 500)) {
        void showSnackBar(injector, apiErrorMessage(error));
      }
      return throwError(() => error);
    }),
  );
};
