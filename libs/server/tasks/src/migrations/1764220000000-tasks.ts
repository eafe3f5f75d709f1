import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks (#5): tasks with assignees, comments, links, their activity history, and the `task_event`
 * outbox for the notifications domain. The expression indexes (due-date and priority orders with
 * undated tasks last, German full text) are not expressible on the entity and live here only.
 */
export class Tasks1764220000000 implements MigrationInterface {
  name = 'Tasks1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'open', "blocked_reason" character varying(1000), "priority" smallint NOT NULL DEFAULT '2', "due_date" date, "labels" text array NOT NULL DEFAULT '{}', "checklist" jsonb NOT NULL DEFAULT '[]', "rank" double precision NOT NULL DEFAULT '0', "origin_kind" character varying(32), "origin_id" uuid, "origin_label" character varying(300), "search" tsvector, "created_by" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, "archived_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_task_blocked_reason" CHECK ("status" <> 'blocked' OR "blocked_reason" IS NOT NULL), CONSTRAINT "CHK_task_origin_kind" CHECK ("origin_kind" IS NULL OR "origin_kind" IN ('minutes_action_item')), CONSTRAINT "CHK_task_priority" CHECK ("priority" BETWEEN 1 AND 4), CONSTRAINT "CHK_task_status" CHECK ("status" IN ('open', 'in_progress', 'blocked', 'done')), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_archived" ON "task"  ("group_id", "archived_at") WHERE "archived_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_done" ON "task"  ("group_id", "completed_at", "id") WHERE "status" = 'done' AND "archived_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_created" ON "task"  ("group_id", "created_at", "id") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_updated" ON "task"  ("group_id", "updated_at", "id") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_board" ON "task"  ("group_id", "status", "rank") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "task_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "mentions" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28da4411b195bfc3c451cfa21ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_comment_task" ON "task_comment"  ("task_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_task_comment_author" ON "task_comment"  ("author_id")`);
    await queryRunner.query(
      `CREATE TABLE "task_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "actor_id" uuid, "kind" character varying(32) NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "CHK_task_activity_kind" CHECK ("kind" IN ('created', 'updated', 'status_changed', 'assignees_changed', 'due_changed', 'checklist_changed', 'commented', 'linked', 'unlinked', 'archived', 'restored')), CONSTRAINT "PK_a8f24c7952c9ff5533f88279941" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_activity_task" ON "task_activity"  ("task_id", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "task_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "task_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_task_event_kind" CHECK ("kind" IN ('task.created', 'task.assignees_changed', 'task.due_changed', 'task.status_changed', 'task.mentioned', 'task.archived', 'task.restored')), CONSTRAINT "PK_5512953f207de074aea7e6b1515" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_event_pending" ON "task_event"  ("seq") WHERE "processed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "task_assignee" ("task_id" uuid NOT NULL, "account_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f7bbf6bced9cd2c1ab42b9db606" PRIMARY KEY ("task_id", "account_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_assignee_account" ON "task_assignee"  ("account_id", "task_id")`);
    await queryRunner.query(
      `CREATE TABLE "task_link" ("task_id" uuid NOT NULL, "related_task_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_task_link_order" CHECK ("task_id" < "related_task_id"), CONSTRAINT "PK_e306a19b90b7fa76c19ca590580" PRIMARY KEY ("task_id", "related_task_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_link_related" ON "task_link"  ("related_task_id")`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_465a127df1ace09f377dd2eef6f" FOREIGN KEY ("group_id") REFERENCES "working_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_comment" ADD CONSTRAINT "FK_55866536e2125e25624db4d963b" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_comment" ADD CONSTRAINT "FK_cdb2dcdeb59c097579beb53cb33" FOREIGN KEY ("author_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_activity" ADD CONSTRAINT "FK_7de35d88c452b75c02120595521" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_assignee" ADD CONSTRAINT "FK_0378b930c90a51bc04a5354446f" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_assignee" ADD CONSTRAINT "FK_b053823922eb1bdcb40bfe1c933" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_link" ADD CONSTRAINT "FK_dbda0fe8622b47b342d1068773e" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_link" ADD CONSTRAINT "FK_9d06393c95beb9944e31b0d5b17" FOREIGN KEY ("related_task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_due" ON "task" ("group_id", COALESCE("due_date", 'infinity'::date), "id") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_priority" ON "task" ("group_id", (-"priority"), COALESCE("due_date", 'infinity'::date), "id") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_search" ON "task" USING gin ("search")`);
    // The labels in use on a board, read from the index alone.
    await queryRunner.query(
      `CREATE INDEX "IDX_task_group_labels" ON "task" ("group_id") INCLUDE ("labels") WHERE "archived_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_labels"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_search"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_priority"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_due"`);
    await queryRunner.query(`ALTER TABLE "task_link" DROP CONSTRAINT "FK_9d06393c95beb9944e31b0d5b17"`);
    await queryRunner.query(`ALTER TABLE "task_link" DROP CONSTRAINT "FK_dbda0fe8622b47b342d1068773e"`);
    await queryRunner.query(`ALTER TABLE "task_assignee" DROP CONSTRAINT "FK_b053823922eb1bdcb40bfe1c933"`);
    await queryRunner.query(`ALTER TABLE "task_assignee" DROP CONSTRAINT "FK_0378b930c90a51bc04a5354446f"`);
    await queryRunner.query(`ALTER TABLE "task_activity" DROP CONSTRAINT "FK_7de35d88c452b75c02120595521"`);
    await queryRunner.query(`ALTER TABLE "task_comment" DROP CONSTRAINT "FK_cdb2dcdeb59c097579beb53cb33"`);
    await queryRunner.query(`ALTER TABLE "task_comment" DROP CONSTRAINT "FK_55866536e2125e25624db4d963b"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_465a127df1ace09f377dd2eef6f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_link_related"`);
    await queryRunner.query(`DROP TABLE "task_link"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_assignee_account"`);
    await queryRunner.query(`DROP TABLE "task_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_event_pending"`);
    await queryRunner.query(`DROP TABLE "task_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_activity_task"`);
    await queryRunner.query(`DROP TABLE "task_activity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_comment_author"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_comment_task"`);
    await queryRunner.query(`DROP TABLE "task_comment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_board"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_updated"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_done"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_group_archived"`);
    await queryRunner.query(`DROP TABLE "task"`);
  }
}
