import { HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorCode, ApiFieldError } from '@srp/contracts';

/** Every error code of the API (shared with the web app), with its status and German message. */
export const ERROR_CATALOGUE: Record<ApiErrorCode, { status: HttpStatus; message: string }> = {
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
  INVALID_CREDENTIALS: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'E-Mail-Adresse oder Passwort ist nicht richtig.',
  },
  CSRF_FAILED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Die Anfrage konnte nicht bestätigt werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  TOKEN_INVALID: {
    status: HttpStatus.NOT_FOUND,
    message: 'Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet. Bitte fordern Sie einen neuen an.',
  },
  SECOND_FACTOR_REQUIRED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Bitte bestätigen Sie die Anmeldung mit dem Code aus Ihrer Authenticator-App.',
  },
  SECOND_FACTOR_SETUP_REQUIRED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Für diese Aktion richten Sie bitte zuerst die Zwei-Faktor-Anmeldung in Ihrem Profil ein.',
  },
  INTERNAL_ERROR: { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Es ist ein unerwarteter Fehler aufgetreten.' },
};

export type ErrorCode = ApiErrorCode;

export type FieldError = ApiFieldError;

/** The body of every error response. */
export type ErrorBody = ApiErrorBody;
