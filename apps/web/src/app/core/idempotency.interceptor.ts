import {
  HttpContext,
  HttpContextToken,
  HttpEvent,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { Observable } from 'rxjs';

/** The header the api reads (see docs/development.md, "Idempotent POSTs"). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * A request's idempotency key: sent as the `Idempotency-Key` header, so that the api creates one
 * object however often the same request arrives (a double click, a retry after a network error).
 */
export const IDEMPOTENCY_KEY = new HttpContextToken<string | null>(() => null);

/**
 * A new random key (a UUID v4). `crypto.randomUUID` exists only in secure contexts (HTTPS,
 * localhost); a portal served over plain HTTP builds the same from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An HttpContext carrying the key, or undefined when there is none (for the generated api functions). */
export function idempotencyContext(key: string | undefined): HttpContext | undefined {
  return key ? new HttpContext().set(IDEMPOTENCY_KEY, key) : undefined;
}

/** Sets the `Idempotency-Key` header on requests whose context carries a key. */
export const idempotencyInterceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  const key = request.context.get(IDEMPOTENCY_KEY);
  return key ? next(request.clone({ setHeaders: { [IDEMPOTENCY_KEY_HEADER]: key } })) : next(request);
};
