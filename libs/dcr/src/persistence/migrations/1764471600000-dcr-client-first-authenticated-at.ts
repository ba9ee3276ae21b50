import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds when each client first authenticated, so the reaper can tell clients that were never used
 * from idle ones. Clients that authenticated before this column existed get their last
 * authentication as their first: all that is known is that they were used by then.
 */
export class DcrClientFirstAuthenticatedAt1764471600000 implements MigrationInterface {
  name = 'DcrClientFirstAuthenticatedAt1764471600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dcr_client" ADD COLUMN "first_authenticated_at" timestamptz`,
    );
    await queryRunner.query(
      `UPDATE "dcr_client" SET "first_authenticated_at" = "last_authenticated_at"
        WHERE "last_authenticated_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dcr_client" DROP COLUMN "first_authenticated_at"`);
  }
}
