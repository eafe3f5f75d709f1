import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, ApiFieldError } from '@srp/contracts';

const FALLBACK_MESSAGE = 'Das hat leider nicht geklappt. Bitte versuchen Sie es erneut.';
const OFFLINE_MESSAGE =
  'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.';

/**
 * The error body as an object. Requests with `responseType: 'text'` (the generated functions of
 * 204 endpoints) receive it as a JSON string.
 */
export function apiErrorBody(error: unknown): Partial<ApiErrorBody> | undefined {
  if (!(error instanceof HttpErrorResponse)) {
    return undefined;
  }
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Partial<ApiErrorBody>) : undefined;
}

/** The stable error code of an api error (`INVALID_CREDENTIALS`, …), if it sent one. */
export function apiErrorCode(error: unknown): string | undefined {
  const code = apiErrorBody(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The api's German message for the person, or a German fallback. */
export function apiErrorText(error: unknown): string {
  const message = apiErrorBody(error)?.message;
  if (typeof message === 'string' && message.trim() !== '') {
    return message;
  }
  return error instanceof HttpErrorResponse && error.status === 0 ? OFFLINE_MESSAGE : FALLBACK_MESSAGE;
}

/** The per-field errors of a 400 VALIDATION_FAILED answer (empty for any other error). */
export function apiFieldErrors(error: unknown): ApiFieldError[] {
  const details = apiErrorBody(error)?.details;
  if (!Array.isArray(details)) {
    return [];
  }
  return details.filter(
    (d): d is ApiFieldError =>
      typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.message === 'string',
  );
}
