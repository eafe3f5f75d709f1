import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error';
import { ERROR_CATALOGUE, ErrorBody, ErrorCode } from './error-codes';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Connection-level failures of PostgreSQL/Redis: the request may succeed when retried. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

export function isUnavailableError(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/** A PostgreSQL unique violation (23505), e.g. from two concurrent identical requests. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } })?.driverError?.code === '23505';
}

/** Two transactions got in each other's way (serialization failure, deadlock): try again. */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } })?.driverError?.code;
  return code === '40001' || code === '40P01';
}

/**
 * PostgreSQL refusing a character of the input (a NUL byte in text or JSON: 22021, 22P05): bad
 * input, not a server fault.
 */
export function isUnstorableCharacter(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } })?.driverError?.code;
  return code === '22021' || code === '22P05';
}

/**
 * Maps every error to `{ code, message, details, correlationId }` with a German message.
 * Unexpected errors are logged with their stack and answered generically: no stack, no SQL.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    // Errors raised before the request logger ran (e.g. malformed JSON) get an id here.
    let correlationId = String(request.id ?? response.getHeader('x-request-id') ?? '');
    if (!correlationId) {
      correlationId = randomUUID();
      if (!response.headersSent) response.setHeader('X-Request-Id', correlationId);
    }
    const { status, body } = this.toBody(exception, correlationId);
    if (status >= 500) {
      this.logger.error(
        { err: exception, correlationId, method: request.method, url: request.originalUrl },
        'request failed',
      );
    }
    if (response.headersSent) {
      // Too late for a JSON body: end the response so the client does not wait forever.
      response.end();
      return;
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private toBody(exception: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: exception.status,
        body: { code: exception.code, message: exception.message, details: exception.details, correlationId },
      };
    }
    if (isUniqueViolation(exception)) {
      // Two identical requests raced past the service's own check; the second one lost.
      return {
        status: ERROR_CATALOGUE.CONFLICT.status,
        body: {
          code: 'CONFLICT',
          message: 'Das wurde gerade schon gespeichert. Bitte laden Sie die Seite neu.',
          details: {},
          correlationId,
        },
      };
    }
    if (isTransactionConflict(exception)) {
      return {
        status: ERROR_CATALOGUE.CONFLICT.status,
        body: {
          code: 'CONFLICT',
          message:
            'Jemand hat gleichzeitig dasselbe geändert. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
          details: {},
          correlationId,
        },
      };
    }
    if (isUnstorableCharacter(exception)) {
      return {
        status: ERROR_CATALOGUE.BAD_REQUEST.status,
        body: {
          code: 'BAD_REQUEST',
          message: 'Die Eingabe enthält ein unzulässiges Steuerzeichen. Bitte entfernen Sie es.',
          details: {},
          correlationId,
        },
      };
    }
    const status = this.statusOf(exception);
    if (status !== undefined && status < 500) {
      const code = STATUS_CODES[status] ?? 'BAD_REQUEST';
      return { status, body: { code, message: ERROR_CATALOGUE[code].message, details: {}, correlationId } };
    }
    const code: ErrorCode = status === 503 || isUnavailableError(exception) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR';
    return {
      status: ERROR_CATALOGUE[code].status,
      body: { code, message: ERROR_CATALOGUE[code].message, details: {}, correlationId },
    };
  }

  /** Status of Nest's HttpExceptions and of body-parser's errors (malformed JSON, too large). */
  private statusOf(exception: unknown): number | undefined {
    if (exception instanceof HttpException) return exception.getStatus();
    const status =
      (exception as { status?: unknown; statusCode?: unknown })?.status ??
      (exception as { statusCode?: unknown })?.statusCode;
    if (
      typeof status === 'number' &&
      status >= 400 &&
      status < 600 &&
      (exception as { expose?: boolean }).expose !== undefined
    ) {
      return status;
    }
    return undefined;
  }
}
