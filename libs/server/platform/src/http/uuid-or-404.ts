import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

/** A path id that is not a UUID names nothing: 404, like an unknown id (not a 400 that tells them apart). */
export const uuidOr404 = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND') });
