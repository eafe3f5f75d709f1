import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitation and reset tokens, the second factor (TOTP, recovery codes) and pending sign-ins. */
export class IdentityTokensTotp1764180000000 implements MigrationInterface {
  name = 'IdentityTokensTotp1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "account_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "UQ_afb41d941d437f47a0d75373f88" UNIQUE ("token_hash"), CONSTRAINT "CHK_account_token_kind" CHECK ("kind" IN ('invitation', 'password_reset')), CONSTRAINT "PK_a55842d3341d42534e39f85e931" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_account_token_account" ON "account_token" ("account_id", "kind")`);
    await queryRunner.query(`ALTER TABLE "account" ADD "privacy_accepted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "totp_secret" text`);
    await queryRunner.query(`ALTER TABLE "account" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "totp_last_step" bigint`);
    await queryRunner.query(`ALTER TABLE "account" ADD "recovery_code_hashes" jsonb`);
    await queryRunner.query(`ALTER TABLE "session" ADD "second_factor_pending" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "account_token" ADD CONSTRAINT "FK_f7da95d0844aa751d562d730fed" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account_token" DROP CONSTRAINT "FK_f7da95d0844aa751d562d730fed"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "second_factor_pending"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "recovery_code_hashes"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_last_step"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_enabled_at"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_secret"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "privacy_accepted_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_account_token_account"`);
    await queryRunner.query(`DROP TABLE "account_token"`);
  }
}
