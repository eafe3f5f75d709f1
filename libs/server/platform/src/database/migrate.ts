import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { DatabaseSchema } from './schema';

/** Advisory lock key shared by every process that migrates this database ("srp-migrate"). */
export const MIGRATION_LOCK_KEY = 7_372_616_765;

export interface MigrationResult {
  createdDatabase: boolean;
  applied: string[];
}

/**
 * Creates the database if needed and applies pending migrations while holding a PostgreSQL
 * advisory lock, so that replicas starting together never migrate at once.
 */
export async function migrateDatabase(
  config: AppConfig,
  schema: DatabaseSchema,
  databaseUrl = config.DATABASE_URL,
): Promise<MigrationResult> {
  const createdDatabase = await ensureDatabase(databaseUrl);
  const lockClient = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  // A terminated session surfaces through the awaited queries; don't let it crash the process.
  lockClient.on('error', () => undefined);
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const options = dataSourceOptions(config, schema, { url: databaseUrl, poolSize: 1 });
    // Index builds on large tables may take longer than a request's statement timeout.
    const dataSource = new DataSource({ ...options, extra: { ...options.extra, statement_timeout: 0 } });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      return { createdDatabase, applied: applied.map((m) => m.name) };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Ending the session releases the lock even if unlocking fails.
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockClient.end();
  }
}
