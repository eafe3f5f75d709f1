import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a person tells the initiative about themselves: contact role, function, phone, what others see. */
export class PersonProfile1764190000000 implements MigrationInterface {
  name = 'PersonProfile1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" ADD "is_contact" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "account" ADD "function_title" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "account" ADD "phone" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "account" ADD "show_email" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "account" ADD "show_phone" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE INDEX "IDX_account_organization" ON "account"("organization_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_account_organization"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "show_phone"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "show_email"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "function_title"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "is_contact"`);
  }
}
