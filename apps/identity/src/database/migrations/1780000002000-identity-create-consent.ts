import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `identity_consent`, the consents people gave clients, remembered across sign-in
 * sessions (see `IdentityConsentEntity`). Names are unqualified.
 */
export class IdentityCreateConsent1780000002000 implements MigrationInterface {
  name = 'IdentityCreateConsent1780000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity_consent" (
        "subject" text NOT NULL,
        "client_id" text NOT NULL,
        "scopes" text NOT NULL,
        "resources" jsonb NOT NULL,
        "granted_at" timestamptz NOT NULL,
        PRIMARY KEY ("subject", "client_id")
      )`);
    // Deleting a client deletes its consents.
    await queryRunner.query(
      `CREATE INDEX "identity_consent_client_id" ON "identity_consent" ("client_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity_consent"`);
  }
}
