import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `dcr_cimd_document`, the cache of Client ID Metadata Documents that every instance
 * shares, with the index the clean-up of expired rows uses.
 */
export class DcrCreateCimdDocument1764547200000 implements MigrationInterface {
  name = 'DcrCreateCimdDocument1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dcr_cimd_document" (
        "client_id" text PRIMARY KEY,
        "metadata" jsonb,
        "policy_digest" text,
        "fetched_at" timestamptz,
        "expires_at" timestamptz NOT NULL,
        "fetch_lease_id" text,
        "fetch_lease_expires_at" timestamptz,
        CONSTRAINT "dcr_cimd_document_metadata_is_object" CHECK (jsonb_typeof("metadata") = 'object'),
        CONSTRAINT "dcr_cimd_document_fetched" CHECK (
          ("metadata" IS NULL) = ("fetched_at" IS NULL) AND ("metadata" IS NULL) = ("policy_digest" IS NULL)),
        CONSTRAINT "dcr_cimd_document_lease" CHECK (
          ("fetch_lease_id" IS NULL) = ("fetch_lease_expires_at" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "dcr_cimd_document_expires_at_idx" ON "dcr_cimd_document" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dcr_cimd_document"`);
  }
}
