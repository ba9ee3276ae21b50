import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds the previous registration access token (for rotation with a grace period, RFC 7592 §2.2)
 * and the time of the client's last authentication, with an index to find unused clients.
 */
export class DcrTokenRotationAndLastAuthentication1764288000000 implements MigrationInterface {
  name = 'DcrTokenRotationAndLastAuthentication1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "dcr_client"
        ADD COLUMN "previous_registration_token_digest" bytea,
        ADD COLUMN "previous_registration_token_expires_at" timestamptz,
        ADD COLUMN "last_authenticated_at" timestamptz,
        ADD CONSTRAINT "dcr_client_previous_registration_token_digest_length"
          CHECK (octet_length("previous_registration_token_digest") = 32),
        ADD CONSTRAINT "dcr_client_previous_registration_token_expiry"
          CHECK (("previous_registration_token_digest" IS NULL) = ("previous_registration_token_expires_at" IS NULL))`);
    await queryRunner.query(
      `CREATE INDEX "dcr_client_last_authenticated_at_idx" ON "dcr_client" ("last_authenticated_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "dcr_client_last_authenticated_at_idx"`);
    await queryRunner.query(`
      ALTER TABLE "dcr_client"
        DROP COLUMN "last_authenticated_at",
        DROP COLUMN "previous_registration_token_expires_at",
        DROP COLUMN "previous_registration_token_digest"`);
  }
}
