import { describe, expect, it } from 'vitest';
import { serializeError } from './logger.module';

describe('serializeError', () => {
  it('keeps type, message, code and stack but never the SQL or its parameters', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      code: '23505',
      query: 'UPDATE account SET password_hash = $1',
      parameters: ['$argon2id$v=19$secret-hash'],
      driverError: { detail: 'Key (email)=(a@b.de) already exists.' },
    });
    const out = serializeError(error);
    expect(out).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint',
      code: '23505',
    });
    expect(JSON.stringify(out)).not.toMatch(/argon2id|password_hash|a@b\.de/);
  });

  it('copes with thrown non-errors', () => {
    expect(serializeError('boom')).toEqual({ message: 'boom' });
  });
});
