import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail outbox for notifications (#7): a dedupe key (one e-mail per reminder), extra headers
 * (List-Unsubscribe) and small attachments (.ics), and an index for the admins' failed list.
 */
export class MailOutboxExtras1764249000000 implements MigrationInterface {
  name = 'MailOutboxExtras1764249000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "dedupe_key" character varying(160)`);
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "UQ_f98b21146dd23ba194f53d8a3d5" UNIQUE ("dedupe_key")`,
    );
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "headers" jsonb`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "attachments" jsonb`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_attention" ON "mail_outbox"  ("updated_at") WHERE "status" IN ('failed', 'uncertain')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_attention"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "attachments"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "headers"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP CONSTRAINT "UQ_f98b21146dd23ba194f53d8a3d5"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "dedupe_key"`);
  }
}
