import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions and the audit log. */
export class Identity1764170000000 implements MigrationInterface {
  name = 'Identity1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "organization_id" uuid, "role" character varying(16) NOT NULL DEFAULT 'member', "status" character varying(16) NOT NULL DEFAULT 'invited', "locale" character varying(8) NOT NULL DEFAULT 'de', "password_hash" text, "password_changed_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_4c8f96ccf523e9a3faefd5bdd4c" UNIQUE ("email"), CONSTRAINT "CHK_account_status" CHECK ("status" IN ('invited', 'active', 'deactivated')), CONSTRAINT "CHK_account_role" CHECK ("role" IN ('admin', 'coordinator', 'member')), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" character varying(64) NOT NULL, "subject_type" character varying(32), "subject_id" character varying(64), "ip" character varying(64), "user_agent" character varying(512), "details" jsonb, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_event_action" ON "audit_event" ("action", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_event_actor" ON "audit_event" ("actor_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_event_occurred" ON "audit_event" ("occurred_at")`);
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_agent" character varying(512), "ip" character varying(64), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), CONSTRAINT "UQ_a83507eb0338ac037780e02f2b9" UNIQUE ("token_hash"), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_session_account_active" ON "session" ("account_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_account_active"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_action"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "account"`);
  }
}
