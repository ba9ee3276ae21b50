import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `identity_oidc_model`, where node-oidc-provider's models live (see `OidcModelEntity`).
 * Names are unqualified, so the table lands in the connection's schema.
 */
export class IdentityCreateOidcModel1780000000000 implements MigrationInterface {
  name = 'IdentityCreateOidcModel1780000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity_oidc_model" (
        "id" text PRIMARY KEY,
        "kind" text NOT NULL,
        "payload" jsonb NOT NULL,
        "grant_id" text,
        "uid" text,
        "user_code" text,
        "client_id" text,
        "expires_at" timestamptz,
        "consumed_at" timestamptz,
        CONSTRAINT "identity_oidc_model_payload_is_object" CHECK (jsonb_typeof("payload") = 'object')
      )`);
    for (const column of ['grant_id', 'uid', 'user_code', 'client_id', 'expires_at']) {
      await queryRunner.query(
        `CREATE INDEX "identity_oidc_model_${column}_idx" ON "identity_oidc_model" ("${column}")`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity_oidc_model"`);
  }
}
