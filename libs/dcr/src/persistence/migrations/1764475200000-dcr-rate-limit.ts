import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the rate-limit counters shared by every app instance. `UNLOGGED`: a counter update
 * writes no WAL, so its commit does not wait for a disk flush, and the one row every registration
 * updates (the global cap) is held for microseconds. What that costs is acceptable for counters:
 * after a crash the table is empty (the limits start afresh) and standbys do not have it (the
 * module reads and writes it on the primary only).
 */
export class DcrRateLimit1764475200000 implements MigrationInterface {
  name = 'DcrRateLimit1764475200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "dcr_rate_limit" (
        "key" text PRIMARY KEY,
        "hits" integer NOT NULL,
        "window_ends_at" timestamptz NOT NULL,
        "blocked_until" timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dcr_rate_limit"`);
  }
}
