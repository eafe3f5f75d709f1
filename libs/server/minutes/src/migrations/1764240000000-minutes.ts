import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minutes (#6): minutes with notes per agenda item, typed entries (information, decision, action
 * item), approvals and comments in review, released revisions, and the decision register with its
 * German full-text index (an expression index, so it lives here only).
 */
export class Minutes1764240000000 implements MigrationInterface {
  name = 'Minutes1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "revision" integer NOT NULL DEFAULT '1', "publish_level" character varying(16) NOT NULL DEFAULT 'group', "review_deadline" date, "general_notes" text NOT NULL DEFAULT '', "item_notes" jsonb NOT NULL DEFAULT '{}', "pending_change_note" character varying(500), "submitted_at" TIMESTAMP WITH TIME ZONE, "released_at" TIMESTAMP WITH TIME ZONE, "released_by" uuid, "updated_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_minutes_meeting" UNIQUE ("meeting_id"), CONSTRAINT "REL_b5f85480864d8582430e488a93" UNIQUE ("meeting_id"), CONSTRAINT "CHK_minutes_publish_level" CHECK ("publish_level" IN ('group', 'initiative')), CONSTRAINT "CHK_minutes_status" CHECK ("status" IN ('draft', 'in_review', 'released')), CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "revision" integer NOT NULL, "group_id" uuid, "agenda_item_title" character varying(200), "text" text NOT NULL, "confidential" boolean NOT NULL DEFAULT false, "decided_on" date NOT NULL, "publish_level" character varying(16) NOT NULL, CONSTRAINT "UQ_decision_entry" UNIQUE ("entry_id"), CONSTRAINT "CHK_decision_publish_level" CHECK ("publish_level" IN ('group', 'initiative')), CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_decision_group" ON "decision"  ("group_id", "decided_on") WHERE "group_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_decision_decided" ON "decision"  ("decided_on", "id") `);
    await queryRunner.query(
      `CREATE TABLE "minutes_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "agenda_item_id" uuid, "position" double precision NOT NULL DEFAULT '0', "kind" character varying(16) NOT NULL, "text" text NOT NULL, "confidential" boolean NOT NULL DEFAULT false, "assignee_ids" uuid array NOT NULL DEFAULT '{}', "due_date" date, "group_id" uuid, "task_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_minutes_entry_kind" CHECK ("kind" IN ('information', 'decision', 'action_item')), CONSTRAINT "PK_1e637d56d1d9e69e038ac694419" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_minutes_entry_task" ON "minutes_entry"  ("task_id") WHERE "task_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_minutes_entry_minutes" ON "minutes_entry"  ("minutes_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "minutes_approval" ("minutes_id" uuid NOT NULL, "revision" integer NOT NULL, "account_id" uuid NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38d06d237e20d02f76f7221f5db" PRIMARY KEY ("minutes_id", "revision", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "revision" integer NOT NULL, "author_id" uuid, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1df13fb11165baa6e40d26bd332" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_minutes_comment_minutes" ON "minutes_comment"  ("minutes_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "revision" integer NOT NULL, "snapshot" jsonb NOT NULL, "change_note" character varying(500), "released_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_by" uuid, CONSTRAINT "UQ_minutes_revision" UNIQUE ("minutes_id", "revision"), CONSTRAINT "PK_6e7e931214fcca40281edcf683e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_b5f85480864d8582430e488a93d" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "FK_05bb7e13345990b2d691a1fcc37" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_entry" ADD CONSTRAINT "FK_b6bec5a3610c5ccae05d8b601d0" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_entry" ADD CONSTRAINT "FK_d7e90b54ead5b4f96504e60b271" FOREIGN KEY ("group_id") REFERENCES "working_group"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_entry" ADD CONSTRAINT "FK_003cf7843be1b69263f39f50b1a" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_approval" ADD CONSTRAINT "FK_4909f9f26fee09ed67de75a0d4e" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_approval" ADD CONSTRAINT "FK_5cdaad2e5f58e875bc1c5b22dd2" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_comment" ADD CONSTRAINT "FK_9bb55d4987c9dfc84b4bcf997c2" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_comment" ADD CONSTRAINT "FK_1e6664d38c1c0385416ddd57582" FOREIGN KEY ("author_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_revision" ADD CONSTRAINT "FK_c87650d858829f0f22c00a1613d" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_decision_search" ON "decision" USING gin (to_tsvector('german', coalesce("agenda_item_title", '') || ' ' || "text"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_decision_search"`);
    await queryRunner.query(`ALTER TABLE "minutes_revision" DROP CONSTRAINT "FK_c87650d858829f0f22c00a1613d"`);
    await queryRunner.query(`ALTER TABLE "minutes_comment" DROP CONSTRAINT "FK_1e6664d38c1c0385416ddd57582"`);
    await queryRunner.query(`ALTER TABLE "minutes_comment" DROP CONSTRAINT "FK_9bb55d4987c9dfc84b4bcf997c2"`);
    await queryRunner.query(`ALTER TABLE "minutes_approval" DROP CONSTRAINT "FK_5cdaad2e5f58e875bc1c5b22dd2"`);
    await queryRunner.query(`ALTER TABLE "minutes_approval" DROP CONSTRAINT "FK_4909f9f26fee09ed67de75a0d4e"`);
    await queryRunner.query(`ALTER TABLE "minutes_entry" DROP CONSTRAINT "FK_003cf7843be1b69263f39f50b1a"`);
    await queryRunner.query(`ALTER TABLE "minutes_entry" DROP CONSTRAINT "FK_d7e90b54ead5b4f96504e60b271"`);
    await queryRunner.query(`ALTER TABLE "minutes_entry" DROP CONSTRAINT "FK_b6bec5a3610c5ccae05d8b601d0"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_05bb7e13345990b2d691a1fcc37"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_b5f85480864d8582430e488a93d"`);
    await queryRunner.query(`DROP TABLE "minutes_revision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_minutes_comment_minutes"`);
    await queryRunner.query(`DROP TABLE "minutes_comment"`);
    await queryRunner.query(`DROP TABLE "minutes_approval"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_minutes_entry_minutes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_minutes_entry_task"`);
    await queryRunner.query(`DROP TABLE "minutes_entry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_decision_decided"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_decision_group"`);
    await queryRunner.query(`DROP TABLE "decision"`);
    await queryRunner.query(`DROP TABLE "minutes"`);
  }
}
