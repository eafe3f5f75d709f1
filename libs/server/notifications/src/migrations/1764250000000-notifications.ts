import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and notifications (#7): `reminder` (what must reach whom when), `notification` (the
 * in-app centre, one per reminder), `notification_preference` (a person's channel per kind) and
 * `notification_settings` (the coordinators' defaults, one row).
 */
export class Notifications1764250000000 implements MigrationInterface {
  name = 'Notifications1764250000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_preference" ("account_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(8) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_preference_channel" CHECK ("channel" IN ('email', 'in_app', 'off')), CONSTRAINT "PK_f9793aa7953fa63e9a2747a0274" PRIMARY KEY ("account_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("id" smallint NOT NULL, "settings" jsonb NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, CONSTRAINT "CHK_notification_settings_single" CHECK ("id" = 1), CONSTRAINT "PK_d131abd7996c475ef768d4559ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "account_id" uuid, "subject_type" character varying(16) NOT NULL, "subject_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'planned', "dedupe_key" character varying(200) NOT NULL, "batch_key" character varying(160), "payload" jsonb NOT NULL DEFAULT '{}', "outcome" character varying(60), "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "queued_at" TIMESTAMP WITH TIME ZONE, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_reminder_subject" CHECK ("subject_type" IN ('meeting', 'task', 'minutes', 'organization', 'group', 'person')), CONSTRAINT "CHK_reminder_status" CHECK ("status" IN ('planned', 'queued', 'done', 'skipped', 'cancelled', 'failed')), CONSTRAINT "CHK_reminder_kind" CHECK ("kind" IN ('meeting_invitation', 'meeting_changed', 'meeting_cancelled', 'meeting_reminder', 'agenda_call', 'task_assigned', 'task_mentioned', 'task_due', 'task_overdue', 'minutes_review', 'minutes_released', 'membership_decided', 'group_join_decided', 'weekly_digest')), CONSTRAINT "PK_9ec029d17cb8dece186b9221ede" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reminder_pending_fanout" ON "reminder"  ("kind", "subject_id") WHERE "account_id" IS NULL AND "status" IN ('planned', 'queued')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reminder_processed" ON "reminder"  ("processed_at") WHERE "processed_at" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_reminder_dedupe" ON "reminder"  ("dedupe_key") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reminder_batch" ON "reminder"  ("batch_key") WHERE "status" = 'planned'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reminder_subject" ON "reminder"  ("subject_type", "subject_id") WHERE "status" = 'planned'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reminder_queued" ON "reminder"  ("queued_at") WHERE "status" = 'queued'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_reminder_due" ON "reminder"  ("due_at") WHERE "status" = 'planned'`);
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "reminder_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "link" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_6a6c55ab808a55b434c8b0ce6e3" UNIQUE ("reminder_id"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_unread" ON "notification"  ("account_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_notification_account" ON "notification"  ("account_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "notification_preference" ADD CONSTRAINT "FK_0de9a88591fd099ec107a3fb9a6" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "FK_8d14e19a69b35371b3befe20d40" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_6bfa96ab97f1a09d73091294efc" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_6a6c55ab808a55b434c8b0ce6e3" FOREIGN KEY ("reminder_id") REFERENCES "reminder"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_6a6c55ab808a55b434c8b0ce6e3"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_6bfa96ab97f1a09d73091294efc"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "FK_8d14e19a69b35371b3befe20d40"`);
    await queryRunner.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_0de9a88591fd099ec107a3fb9a6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_unread"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reminder_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reminder_queued"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reminder_subject"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reminder_batch"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reminder_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reminder_processed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reminder_pending_fanout"`);
    await queryRunner.query(`DROP TABLE "reminder"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP TABLE "notification_preference"`);
  }
}
