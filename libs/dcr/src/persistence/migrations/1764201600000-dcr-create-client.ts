import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates `dcr_client`. Names are unqualified, so the table lands in the connection's schema. */
export class DcrCreateClient1764201600000 implements MigrationInterface {
  name = 'DcrCreateClient1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dcr_client" (
        "client_id" text PRIMARY KEY,
        "metadata" jsonb NOT NULL,
        "client_secret_digest" bytea,
        "client_secret_expires_at" timestamptz,
        "registration_token_digest" bytea NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "version" integer NOT NULL,
        CONSTRAINT "dcr_client_metadata_is_object" CHECK (jsonb_typeof("metadata") = 'object'),
        CONSTRAINT "dcr_client_secret_digest_length" CHECK (octet_length("client_secret_digest") = 32),
        CONSTRAINT "dcr_client_registration_token_digest_length" CHECK (octet_length("registration_token_digest") = 32),
        CONSTRAINT "dcr_client_secret_expiry_needs_secret" CHECK ("client_secret_expires_at" IS NULL OR "client_secret_digest" IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dcr_client_registration_token_digest_key" ON "dcr_client" ("registration_token_digest")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dcr_client"`);
  }
}
