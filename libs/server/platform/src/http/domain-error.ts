import { ERROR_CATALOGUE, ErrorCode, FieldError } from './error-codes';

/**
 * A typed error a service throws; the exception filter maps it to HTTP once.
 * `message` is German and safe to show; `details` must hold no secrets.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: FieldError[] | Record<string, unknown> = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}
