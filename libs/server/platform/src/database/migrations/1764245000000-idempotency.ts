import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests sent with an Idempotency-Key and their stored answers (one object per double submit). */
export class Idempotency1764245000000 implements MigrationInterface {
  name = 'Idempotency1764245000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotent_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "key" character varying(128) NOT NULL, "method" character varying(8) NOT NULL, "path" text NOT NULL, "body_hash" character varying(64) NOT NULL, "state" character varying(8) NOT NULL DEFAULT 'pending', "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_idempotent_request_key" UNIQUE ("account_id", "key"), CONSTRAINT "CHK_idempotent_request_state" CHECK ("state" IN ('pending', 'done')), CONSTRAINT "PK_842a92d7b730d1869af3681b1af" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotent_request"`);
  }
}
