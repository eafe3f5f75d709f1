import { HttpStatus } from '@nestjs/common';

/** Stable error codes of the API, with the German message the UI may show. */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, message: 'Die Eingaben sind unvollständig oder ungültig.' },
  BAD_REQUEST: { status: HttpStatus.BAD_REQUEST, message: 'Die Anfrage ist ungültig.' },
  UNAUTHENTICATED: { status: HttpStatus.UNAUTHORIZED, message: 'Bitte melden Sie sich an.' },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, message: 'Dafür fehlt Ihnen die Berechtigung.' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Das Gesuchte wurde nicht gefunden.' },
  CONFLICT: {
    status: HttpStatus.CONFLICT,
    message: 'Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte laden Sie ihn neu.',
  },
  PAYLOAD_TOO_LARGE: { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'Die Anfrage ist zu groß.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: 'Dieses Format wird nicht unterstützt.',
  },
  TOO_MANY_REQUESTS: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
  },
  SERVICE_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  },
  INTERNAL_ERROR: { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Es ist ein unerwarteter Fehler aufgetreten.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  details: FieldError[] | Record<string, unknown>;
  correlationId: string;
}
