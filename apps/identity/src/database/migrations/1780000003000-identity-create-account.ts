import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `identity_account`, the claims the upstream provider gave about each person (see
 * `IdentityAccountEntity`). Names are unqualified.
 */
export class IdentityCreateAccount1780000003000 implements MigrationInterface {
  name = 'IdentityCreateAccount1780000003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity_account" (
        "subject" text PRIMARY KEY,
        "email" text,
        "name" text,
        "updated_at" timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity_account"`);
  }
}
