import { Column, DataSource, DataSourceOptions, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { dataSourceOptions, loadConfig, migrateDatabase } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';

const { entities: ENTITIES, migrations: MIGRATIONS } = APP_SCHEMA;
import { createTestDatabase, databaseUrl, dropDatabase, TestDatabase, testDatabaseName } from '@srp/server/testing';

/** SQL TypeORM would run to make the database match the given entities. */
async function pendingSchemaChanges(
  url: string,
  entities: DataSourceOptions['entities'] = ENTITIES,
): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(loadConfig({ DATABASE_URL: url }), APP_SCHEMA), entities });
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

@Entity({ name: 'drift_probe' })
class DriftProbe {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  note!: string;
}

describe('database schema', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const drop of cleanup.splice(0).reverse()) await drop();
  });

  it('migrations produce exactly the schema the entities describe', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanup.push(db.drop);
    expect(await pendingSchemaChanges(db.url)).toEqual([]);
    // The other direction: no table a migration creates is missing from the entities.
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: db.url }), APP_SCHEMA));
    await dataSource.initialize();
    try {
      const rows: Array<{ table_name: string }> = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      const entityTables = dataSource.entityMetadatas.map((m) => m.tableName).sort();
      expect(rows.map((r) => r.table_name).sort()).toEqual(entityTables);
    } finally {
      await dataSource.destroy();
    }
  });

  it('the drift check notices an entity without a migration', async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const pending = await pendingSchemaChanges(db.url, [...ENTITIES, DriftProbe]);
    expect(pending.join('\n')).toContain('CREATE TABLE "drift_probe"');
  });

  it('creates a missing database and migrates it once when several processes start together', async () => {
    const name = testDatabaseName('test');
    cleanup.push(() => dropDatabase(name));
    const config = loadConfig({ DATABASE_URL: databaseUrl(name) });
    const results = await Promise.all([
      migrateDatabase(config, APP_SCHEMA),
      migrateDatabase(config, APP_SCHEMA),
      migrateDatabase(config, APP_SCHEMA),
    ]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(results.filter((r) => r.createdDatabase)).toHaveLength(1);
    expect(await pendingSchemaChanges(databaseUrl(name))).toEqual([]);
  });

  it('every migration can be reverted', async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: db.url }), APP_SCHEMA));
    await dataSource.initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
