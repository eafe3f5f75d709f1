import { loadConfig, migrateDatabase } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { databaseUrl, dropDatabase, dropStaleTestDatabases, testDatabaseName } from '@srp/server/testing';
import type { TestProject } from 'vitest/node';

/**
 * Vitest global setup of the integration tier: a migrated template database for this run,
 * which every test file clones; removed again at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await dropStaleTestDatabases();
  const template = testDatabaseName('tpl');
  await migrateDatabase(loadConfig({ DATABASE_URL: databaseUrl(template) }), APP_SCHEMA);
  project.provide('srpTemplateDatabase', template);
  return () => dropDatabase(template);
}
