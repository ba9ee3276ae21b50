import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `identity_key`, the authorization server's signing and cookie keys (see
 * `IdentityKeyEntity`), private parts encrypted. Names are unqualified.
 */
export class IdentityCreateKey1780000001000 implements MigrationInterface {
  name = 'IdentityCreateKey1780000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity_key" (
        "kid" text PRIMARY KEY,
        "use" text NOT NULL,
        "alg" text,
        "public_jwk" jsonb,
        "encrypted_private_key" bytea NOT NULL,
        "created_at" timestamptz NOT NULL,
        "retired_at" timestamptz,
        "expires_at" timestamptz,
        CONSTRAINT "identity_key_use" CHECK ("use" IN ('sig', 'cookie')),
        CONSTRAINT "identity_key_signing_key_is_public" CHECK (
          ("use" = 'sig') = ("alg" IS NOT NULL AND "public_jwk" IS NOT NULL)),
        CONSTRAINT "identity_key_retirement" CHECK (("retired_at" IS NULL) = ("expires_at" IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity_key"`);
  }
}
