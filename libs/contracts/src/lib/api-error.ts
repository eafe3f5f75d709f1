/** Stable error codes of the API; the UI may branch on them, never on message texts. */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  'INVALID_CREDENTIALS',
  'CSRF_FAILED',
  'TOKEN_INVALID',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_SETUP_REQUIRED',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One invalid input field: its path, the rule it broke (stable) and a German message. */
export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
}

/** The body of every error response of the API. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  /** German, safe to show to the person. */
  message: string;
  details: ApiFieldError[] | Record<string, unknown>;
  /** The request id, also in the X-Request-Id header and the server logs. */
  correlationId: string;
}
