import { loadConfig, migrateDatabase } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { databaseUrl, dropDatabase, TEMPLATE_DATABASE, withAdminClient } from '@srp/server/testing';

/** Vitest global setup of the integration tier: builds the migrated template database once per run. */
export default async function setup(): Promise<void> {
  await withAdminClient((c) => c.query(`ALTER DATABASE "${TEMPLATE_DATABASE}" WITH ALLOW_CONNECTIONS true`)).catch(
    () => undefined,
  );
  await dropDatabase(TEMPLATE_DATABASE);
  await migrateDatabase(loadConfig({ DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) }), APP_SCHEMA);
  // Leftovers of interrupted runs.
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'srp\\_test\\_%' AND datname <> $1`,
      [TEMPLATE_DATABASE],
    );
    for (const row of rows) await dropDatabase(row.datname);
  });
}
