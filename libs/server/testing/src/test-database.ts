import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    srpTemplateDatabase: string;
  }
}

/** Server URL (any database) used to create and drop test databases. */
export const TEST_PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * Names carry their creation time (base 36) so that a run only ever removes its own databases
 * or ones abandoned hours ago, never those of a run going on at the same time.
 */
export function testDatabaseName(kind: 'test' | 'tpl'): string {
  return `srp_${kind}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The migrated template of this run (provided by the integration global setup). */
export function templateDatabase(): string {
  const name = inject('srpTemplateDatabase');
  if (!name) throw new Error('No template database: run integration tests with the root vitest config');
  return name;
}

/** Drops test databases older than `maxAgeMs` (left by interrupted runs). */
export async function dropStaleTestDatabases(maxAgeMs = 2 * 3600_000): Promise<void> {
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^srp_(test|tpl)_[0-9a-z]+_[0-9a-f]+$'`,
    );
    for (const { datname } of rows) {
      const created = parseInt(datname.split('_')[2], 36);
      if (Date.now() - created > maxAgeMs) await dropDatabase(datname);
    }
  });
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template (fast). */
export async function createTestDatabase(options: { fromTemplate?: boolean } = {}): Promise<TestDatabase> {
  const name = testDatabaseName('test');
  const template = options.fromTemplate === false ? 'template0' : templateDatabase();
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
