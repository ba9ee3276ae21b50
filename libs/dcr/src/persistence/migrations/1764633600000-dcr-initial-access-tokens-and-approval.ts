import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds initial access tokens (RFC 7591 §3), stored as digests, the token that registered each
 * client, whether a client waits for an operator's approval, and the indexes the client quotas
 * count with (per token, per `software_id`; partial, so registrations without them pay nothing).
 */
export class DcrInitialAccessTokensAndApproval1764633600000 implements MigrationInterface {
  name = 'DcrInitialAccessTokensAndApproval1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dcr_initial_access_token" (
        "id" text PRIMARY KEY,
        "token_digest" bytea NOT NULL,
        "label" text,
        "policy" jsonb,
        "max_uses" integer NOT NULL,
        "remaining_uses" integer NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        CONSTRAINT "dcr_initial_access_token_digest_length" CHECK (octet_length("token_digest") = 32),
        CONSTRAINT "dcr_initial_access_token_uses" CHECK ("max_uses" > 0 AND "remaining_uses" BETWEEN 0 AND "max_uses"),
        CONSTRAINT "dcr_initial_access_token_policy_is_object" CHECK ("policy" IS NULL OR jsonb_typeof("policy") = 'object')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dcr_initial_access_token_digest_key" ON "dcr_initial_access_token" ("token_digest")`,
    );
    await queryRunner.query(`
      ALTER TABLE "dcr_client"
        ADD COLUMN "initial_access_token_id" text
          REFERENCES "dcr_initial_access_token" ("id") ON DELETE SET NULL,
        ADD COLUMN "approval_status" text NOT NULL DEFAULT 'approved',
        ADD CONSTRAINT "dcr_client_approval_status" CHECK ("approval_status" IN ('approved', 'pending'))`);
    await queryRunner.query(
      `CREATE INDEX "dcr_client_initial_access_token_id_idx" ON "dcr_client" ("initial_access_token_id")
         WHERE "initial_access_token_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "dcr_client_software_id_idx" ON "dcr_client" (("metadata" ->> 'software_id'))
         WHERE ("metadata" ->> 'software_id') IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "dcr_client_software_id_idx"`);
    await queryRunner.query(`DROP INDEX "dcr_client_initial_access_token_id_idx"`);
    await queryRunner.query(`
      ALTER TABLE "dcr_client"
        DROP COLUMN "approval_status",
        DROP COLUMN "initial_access_token_id"`);
    await queryRunner.query(`DROP TABLE "dcr_initial_access_token"`);
  }
}
