import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueryLogger } from './query-logger';
import { DatabaseSchema } from './schema';

/** TypeORM options for the portal's database; the schema comes only from migrations. */
export function dataSourceOptions(
  config: AppConfig,
  schema: DatabaseSchema,
  overrides: Partial<{ url: string; poolSize: number }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: overrides.url ?? config.DATABASE_URL,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    // Never TypeORM's console logger: it prints query parameters (personal data, hashes).
    logger: new QueryLogger(),
    extra: {
      max: overrides.poolSize ?? config.DATABASE_POOL_SIZE,
      application_name: 'smartregion-portal',
      connectionTimeoutMillis: 5000,
      // A statement should never hang a request forever.
      statement_timeout: 30000,
    },
  };
}
