import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds when the current registration access token was first used, so that the token a rotation
 * replaced dies once its successor is used and its reuse can be recognised (RFC 9700 §4.14.2).
 */
export class DcrRegistrationTokenUsedAt1764374400000 implements MigrationInterface {
  name = 'DcrRegistrationTokenUsedAt1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dcr_client" ADD COLUMN "registration_token_used_at" timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dcr_client" DROP COLUMN "registration_token_used_at"`);
  }
}
