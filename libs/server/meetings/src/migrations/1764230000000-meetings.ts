import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings (#6): series, meetings, invitations (groups, people, guests), answers, attendance,
 * agenda items and private calendar feeds.
 */
export class Meetings1764230000000 implements MigrationInterface {
  name = 'Meetings1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "description" text NOT NULL DEFAULT '', "format" character varying(16) NOT NULL, "online_url" character varying(2000), "address" character varying(300), "room" character varying(120), "capacity" integer, "host_group_id" uuid, "organizer_id" uuid, "rule" jsonb NOT NULL, "invite_all" boolean NOT NULL DEFAULT false, "invited_group_ids" uuid array NOT NULL DEFAULT '{}', "invited_person_ids" uuid array NOT NULL DEFAULT '{}', "agenda_template" jsonb NOT NULL DEFAULT '[]', "reminder_settings" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_meeting_series_format" CHECK ("format" IN ('online', 'in_person', 'hybrid')), CONSTRAINT "CHK_meeting_series_kind" CHECK ("kind" IN ('monatsrunde', 'uag_sitzung', 'workshop', 'messe', 'sonstiges')), CONSTRAINT "PK_4eca052972681e25409955b1774" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid, "occurrence_date" date, "kind" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "format" character varying(16) NOT NULL, "online_url" character varying(2000), "address" character varying(300), "room" character varying(120), "capacity" integer, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "host_group_id" uuid, "organizer_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "cancel_reason" character varying(500), "cancelled_at" TIMESTAMP WITH TIME ZONE, "invite_all" boolean NOT NULL DEFAULT false, "call_for_items" boolean NOT NULL DEFAULT true, "detached" boolean NOT NULL DEFAULT false, "ics_sequence" integer NOT NULL DEFAULT '0', "agenda_version" integer NOT NULL DEFAULT '1', "created_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_meeting_series_occurrence" UNIQUE ("series_id", "occurrence_date"), CONSTRAINT "CHK_meeting_times" CHECK ("ends_at" > "starts_at"), CONSTRAINT "CHK_meeting_status" CHECK ("status" IN ('scheduled', 'cancelled')), CONSTRAINT "CHK_meeting_format" CHECK ("format" IN ('online', 'in_person', 'hybrid')), CONSTRAINT "CHK_meeting_kind" CHECK ("kind" IN ('monatsrunde', 'uag_sitzung', 'workshop', 'messe', 'sonstiges')), CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_series" ON "meeting"  ("series_id", "starts_at") WHERE "series_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_host_group" ON "meeting"  ("host_group_id", "starts_at") WHERE "host_group_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_meeting_starts" ON "meeting"  ("starts_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "position" double precision NOT NULL DEFAULT '0', "title" character varying(200) NOT NULL, "presenter" character varying(200), "planned_minutes" integer, "notes" text NOT NULL DEFAULT '', "links" jsonb NOT NULL DEFAULT '[]', "status" character varying(16) NOT NULL DEFAULT 'accepted', "proposed_by" uuid, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(500), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_agenda_item_status" CHECK ("status" IN ('proposed', 'accepted', 'rejected')), CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_agenda_item_meeting" ON "agenda_item"  ("meeting_id", "status", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_calendar_feed_token" UNIQUE ("token_hash"), CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feed_account_active" ON "calendar_feed"  ("account_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_attendance" ("meeting_id" uuid NOT NULL, "account_id" uuid NOT NULL, "status" character varying(8) NOT NULL, "mode" character varying(8), "organization_id" uuid, "deputy_for" uuid, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_meeting_attendance_mode" CHECK ("mode" IS NULL OR "mode" IN ('on_site', 'online')), CONSTRAINT "CHK_meeting_attendance_status" CHECK ("status" IN ('present', 'excused', 'absent')), CONSTRAINT "PK_eef22683969bef5f08a812909cb" PRIMARY KEY ("meeting_id", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_attendance_organization" ON "meeting_attendance"  ("organization_id") WHERE "organization_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_meeting_attendance_account" ON "meeting_attendance"  ("account_id") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_guest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "token_hash" character(64) NOT NULL, "answer" character varying(8), "answered_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_meeting_guest_token" UNIQUE ("token_hash"), CONSTRAINT "UQ_meeting_guest_email" UNIQUE ("meeting_id", "email"), CONSTRAINT "CHK_meeting_guest_answer" CHECK ("answer" IS NULL OR "answer" IN ('yes', 'no', 'maybe')), CONSTRAINT "PK_03c2a8db2f8e25f5f03ceb26d1b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_group_invitation" ("meeting_id" uuid NOT NULL, "group_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_73f13c92816dae60c74fd570a09" PRIMARY KEY ("meeting_id", "group_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_group_invitation_group" ON "meeting_group_invitation"  ("group_id", "meeting_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_person_invitation" ("meeting_id" uuid NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4c49e2171a936316ef63b7e103" PRIMARY KEY ("meeting_id", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_person_invitation_account" ON "meeting_person_invitation"  ("account_id", "meeting_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_response" ("meeting_id" uuid NOT NULL, "account_id" uuid NOT NULL, "answer" character varying(8) NOT NULL, "mode" character varying(8), "deputy_id" uuid, "comment" character varying(500), "waitlisted" boolean NOT NULL DEFAULT false, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_meeting_response_mode" CHECK ("mode" IS NULL OR "mode" IN ('on_site', 'online')), CONSTRAINT "CHK_meeting_response_answer" CHECK ("answer" IN ('yes', 'no', 'maybe')), CONSTRAINT "PK_27fd562811e4f3b4c9cf1e2ca35" PRIMARY KEY ("meeting_id", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_response_waitlist" ON "meeting_response"  ("meeting_id", "responded_at") WHERE "waitlisted"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_meeting_response_account" ON "meeting_response"  ("account_id", "meeting_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_24e8223726b5e4051244216bf38" FOREIGN KEY ("host_group_id") REFERENCES "working_group"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_f1f3ea8315b52632e216f36cd5b" FOREIGN KEY ("organizer_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_4eca052972681e25409955b1774" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_3267e752914da85f61d4a09e91d" FOREIGN KEY ("host_group_id") REFERENCES "working_group"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_83dc0faac6fcb85fba0c7384a56" FOREIGN KEY ("organizer_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_ea240ace355bb4a73e18fdfd1a8" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_attendance" ADD CONSTRAINT "FK_2bf53a2dc49796d33484ed1fe5c" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_attendance" ADD CONSTRAINT "FK_36a73d841c12767708e276c6456" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_guest" ADD CONSTRAINT "FK_47d5bbc84937854bea19f78ddc3" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_group_invitation" ADD CONSTRAINT "FK_090d07146b2b03cc7a538939fd4" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_person_invitation" ADD CONSTRAINT "FK_ec5b87e8ecd60499e9de3aa828d" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_response" ADD CONSTRAINT "FK_9b157cae8c6d1e26d5a3a68c785" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_response" ADD CONSTRAINT "FK_9af1cdf5bc98ac014212fd0eda4" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_response" ADD CONSTRAINT "FK_8c5f9e788b4a1a8578648638bdc" FOREIGN KEY ("deputy_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting_response" DROP CONSTRAINT "FK_8c5f9e788b4a1a8578648638bdc"`);
    await queryRunner.query(`ALTER TABLE "meeting_response" DROP CONSTRAINT "FK_9af1cdf5bc98ac014212fd0eda4"`);
    await queryRunner.query(`ALTER TABLE "meeting_response" DROP CONSTRAINT "FK_9b157cae8c6d1e26d5a3a68c785"`);
    await queryRunner.query(`ALTER TABLE "meeting_person_invitation" DROP CONSTRAINT "FK_ec5b87e8ecd60499e9de3aa828d"`);
    await queryRunner.query(`ALTER TABLE "meeting_group_invitation" DROP CONSTRAINT "FK_090d07146b2b03cc7a538939fd4"`);
    await queryRunner.query(`ALTER TABLE "meeting_guest" DROP CONSTRAINT "FK_47d5bbc84937854bea19f78ddc3"`);
    await queryRunner.query(`ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_36a73d841c12767708e276c6456"`);
    await queryRunner.query(`ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_2bf53a2dc49796d33484ed1fe5c"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_ea240ace355bb4a73e18fdfd1a8"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_83dc0faac6fcb85fba0c7384a56"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_3267e752914da85f61d4a09e91d"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_4eca052972681e25409955b1774"`);
    await queryRunner.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_f1f3ea8315b52632e216f36cd5b"`);
    await queryRunner.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_24e8223726b5e4051244216bf38"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_response_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_response_waitlist"`);
    await queryRunner.query(`DROP TABLE "meeting_response"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_person_invitation_account"`);
    await queryRunner.query(`DROP TABLE "meeting_person_invitation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_group_invitation_group"`);
    await queryRunner.query(`DROP TABLE "meeting_group_invitation"`);
    await queryRunner.query(`DROP TABLE "meeting_guest"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_attendance_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_attendance_organization"`);
    await queryRunner.query(`DROP TABLE "meeting_attendance"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_account_active"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_agenda_item_meeting"`);
    await queryRunner.query(`DROP TABLE "agenda_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_host_group"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_meeting_series"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
    await queryRunner.query(`DROP TABLE "meeting_series"`);
  }
}
