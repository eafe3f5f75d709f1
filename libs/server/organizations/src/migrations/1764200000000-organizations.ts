import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations (municipalities with AGS and district), membership history, person profile fields. */
export class Organizations1764200000000 implements MigrationInterface {
  name = 'Organizations1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "ags" character varying(8), "official_name" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "district_key" character varying(5), "district_name" character varying(120), "population" integer, "address" character varying(500), "website" character varying(300), "status" character varying(16) NOT NULL DEFAULT 'active', "retired_at" TIMESTAMP WITH TIME ZONE, "retired_reason" character varying(500), "merged_into_id" uuid, "from_reference_data" boolean NOT NULL DEFAULT false, "membership_status" character varying(16) NOT NULL DEFAULT 'none', "membership_changed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_organization_ags" CHECK ("ags" ~ '^[0-9]{8}$'), CONSTRAINT "CHK_organization_membership" CHECK ("membership_status" IN ('none', 'interested', 'requested', 'active', 'paused', 'ended')), CONSTRAINT "CHK_organization_status" CHECK ("status" IN ('active', 'retired')), CONSTRAINT "CHK_organization_kind" CHECK ("kind" IN ('city', 'municipality', 'collective_municipality', 'district', 'state_body', 'agency', 'research', 'partner_initiative', 'other')), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_organization_membership" ON "organization"("membership_status")`);
    await queryRunner.query(`CREATE INDEX "IDX_organization_district" ON "organization"("district_key")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organization_ags" ON "organization"("ags") WHERE "ags" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "from_status" character varying(16) NOT NULL, "to_status" character varying(16) NOT NULL, "effective_on" date NOT NULL, "reason" character varying(2000), "message" character varying(2000), "actor_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_membership_event_kind" CHECK ("kind" IN ('requested', 'approved', 'declined', 'changed', 'merged')), CONSTRAINT "PK_a5bbbf1d51331d1ff4e6419c48e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_membership_event_organization" ON "membership_event"("organization_id", "occurred_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_event" ADD CONSTRAINT "FK_dc298078f395482cd0332c71da7" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership_event" DROP CONSTRAINT "FK_dc298078f395482cd0332c71da7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_event_organization"`);
    await queryRunner.query(`DROP TABLE "membership_event"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_organization_ags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_district"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_membership"`);
    await queryRunner.query(`DROP TABLE "organization"`);
  }
}
