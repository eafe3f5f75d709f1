import { MigrationInterface, QueryRunner } from 'typeorm';

const SEED_GROUPS: Array<[number, string, string, string]> = [
  [1, 'Bürger-Apps', 'Bürger-Apps', 'Digitale Angebote für Bürgerinnen und Bürger: Apps und Portale der Kommunen.'],
  [
    2,
    'Daten als Ressource / Kommunale Daten & Sensorik',
    'Daten & Sensorik',
    'Kommunale Daten als Ressource: Datenbestände, Sensorik und ihre Nutzung.',
  ],
  [3, 'Digitaler Zwilling', 'Digitaler Zwilling', 'Digitale Zwillinge von Städten und Gemeinden.'],
  [
    4,
    'Digitalisierung kommunaler Bekanntmachungen',
    'Bekanntmachungen',
    'Amtliche Bekanntmachungen der Kommunen digital veröffentlichen.',
  ],
  [
    5,
    'Stadtentwicklungskonzepte im digitalen Wandel',
    'Stadtentwicklung',
    'Stadtentwicklungskonzepte im digitalen Wandel.',
  ],
  [6, 'UAG 6', 'UAG 6', 'Das Thema dieser Unterarbeitsgruppe legt die Koordination fest.'],
];

/** Working groups and their members; seeds the six UAGs (data: coordinators rename and edit them). */
export class Groups1764210000000 implements MigrationInterface {
  name = 'Groups1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "working_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL DEFAULT 'uag', "number" integer, "name" character varying(200) NOT NULL, "short_name" character varying(40) NOT NULL, "description" text NOT NULL DEFAULT '', "goals" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'active', "phase" character varying(100), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_working_group_status" CHECK ("status" IN ('active', 'archived')), CONSTRAINT "CHK_working_group_kind" CHECK ("kind" IN ('uag', 'pilot_project', 'other')), CONSTRAINT "PK_9cbcc6e96966bec27f605e3c9f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_working_group_number" ON "working_group"("number") WHERE "number" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "group_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "account_id" uuid NOT NULL, "role" character varying(8) NOT NULL DEFAULT 'member', "status" character varying(16) NOT NULL DEFAULT 'active', "request_message" character varying(1000), "requested_at" TIMESTAMP WITH TIME ZONE, "joined_at" TIMESTAMP WITH TIME ZONE, "added_by" uuid, CONSTRAINT "UQ_group_membership" UNIQUE ("group_id", "account_id"), CONSTRAINT "CHK_group_membership_status" CHECK ("status" IN ('requested', 'active')), CONSTRAINT "CHK_group_membership_role" CHECK ("role" IN ('lead', 'member')), CONSTRAINT "PK_b631623cf04fa74513b975e7059" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_group_membership_account" ON "group_membership"("account_id")`);
    await queryRunner.query(
      `ALTER TABLE "group_membership" ADD CONSTRAINT "FK_7a1166a6e3a6a3431a699257719" FOREIGN KEY ("group_id") REFERENCES "working_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_membership" ADD CONSTRAINT "FK_969be8256f8dfd05fb405c6cc16" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The six UAGs as publicly documented (PRODUCT.md); names are data that coordinators edit.
    for (const [number, name, shortName, description] of SEED_GROUPS) {
      await queryRunner.query(
        `INSERT INTO "working_group" ("kind", "number", "name", "short_name", "description", "phase", "version")
         VALUES ('uag', $1, $2, $3, $4, 'Phase 2 (2024/25)', 1)`,
        [number, name, shortName, description],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "group_membership" DROP CONSTRAINT "FK_969be8256f8dfd05fb405c6cc16"`);
    await queryRunner.query(`ALTER TABLE "group_membership" DROP CONSTRAINT "FK_7a1166a6e3a6a3431a699257719"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_group_membership_account"`);
    await queryRunner.query(`DROP TABLE "group_membership"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_working_group_number"`);
    await queryRunner.query(`DROP TABLE "working_group"`);
  }
}
