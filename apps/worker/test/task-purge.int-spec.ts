import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, JobQueueService, QueueName } from '@srp/server/platform';
import { TaskPurgeHandler } from '@srp/server/tasks';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig } from '@srp/server/testing';
import { WorkerModule } from '../src/app/app.module';

/** Tasks archived more than 30 days ago are deleted by a daily job in the worker. */
describe('purging archived tasks in the worker', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  });

  afterAll(async () => {
    await worker?.close();
    await pg?.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  async function newTask(title: string, archivedDaysAgo: number | null): Promise<string> {
    const { rows } = await pg.query(
      `INSERT INTO task (group_id, title, version, archived_at)
       SELECT id, $1, 1, CASE WHEN $2::int IS NULL THEN NULL ELSE now() - make_interval(days => $2::int) END
         FROM working_group WHERE number = 1 RETURNING id`,
      [title, archivedDaysAgo],
    );
    await pg.query(`INSERT INTO task_comment (task_id, body) VALUES ($1, 'Kommentar')`, [rows[0].id]);
    return rows[0].id;
  }

  it('schedules the purge daily at 03:30 Europe/Berlin', async () => {
    const schedulers = await worker.get(JobQueueService).queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers.find((s) => s.key === 'task-purge-archived')).toEqual(
      expect.objectContaining({ key: 'task-purge-archived', pattern: '30 3 * * *', tz: 'Europe/Berlin' }),
    );
  });

  it('deletes tasks archived more than 30 days ago with their comments, keeps the rest, and audits it', async () => {
    const old = await newTask('Lange gelöscht', 31);
    const recent = await newTask('Gerade gelöscht', 29);
    const live = await newTask('Aktiv', null);
    const { purged } = await worker.get(TaskPurgeHandler).purge();
    expect(purged).toBe(1);
    const { rows } = await pg.query(`SELECT id FROM task WHERE id = ANY($1::uuid[]) ORDER BY title`, [
      [old, recent, live],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([recent, live].sort());
    const comments = await pg.query(`SELECT count(*)::int AS n FROM task_comment WHERE task_id = $1`, [old]);
    expect(comments.rows[0].n).toBe(0);
    const audit = await pg.query(`SELECT details FROM audit_event WHERE action = 'task.purged' AND subject_id = $1`, [
      old,
    ]);
    expect(audit.rows[0].details).toMatchObject({ title: 'Lange gelöscht', archivedDays: 30 });
    expect((await worker.get(TaskPurgeHandler).purge()).purged).toBe(0);
  });
});
