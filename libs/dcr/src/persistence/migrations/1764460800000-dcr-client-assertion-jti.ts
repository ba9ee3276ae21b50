import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `dcr_client_assertion_jti`, the `jti` values of accepted `private_key_jwt` client
 * assertions (RFC 7523 §3), so each is accepted once. Names are unqualified, so the table lands in
 * the connection's schema.
 */
export class DcrClientAssertionJti1764460800000 implements MigrationInterface {
  name = 'DcrClientAssertionJti1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dcr_client_assertion_jti" (
        "client_id" text NOT NULL,
        "jti_digest" bytea NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "dcr_client_assertion_jti_pkey" PRIMARY KEY ("client_id", "jti_digest"),
        CONSTRAINT "dcr_client_assertion_jti_digest_length" CHECK (octet_length("jti_digest") = 32)
      )`);
    // Expired rows are deleted by a range scan on this index.
    await queryRunner.query(
      `CREATE INDEX "dcr_client_assertion_jti_expires_at_idx" ON "dcr_client_assertion_jti" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dcr_client_assertion_jti"`);
  }
}
