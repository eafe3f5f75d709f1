import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataSourceOptions } from './data-source-options';
import { QueryLogger } from './query-logger';
import { loadConfig } from '../config/load-config';

describe('QueryLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failed query with its SQL state but never its parameters', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    new QueryLogger().logQueryError(error, 'INSERT INTO "account"("email", "password_hash") VALUES ($1, $2)', [
      'erika@halle.de',
      '$argon2id$v=19$secret-hash',
    ]);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('23505');
    expect(logged).toContain('INSERT INTO');
    expect(logged).not.toContain('erika@halle.de');
    expect(logged).not.toContain('argon2id');
  });

  it('is the logger of the portal’s data source', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(dataSourceOptions(config, { entities: [], migrations: [] }).logger).toBeInstanceOf(QueryLogger);
  });
});
