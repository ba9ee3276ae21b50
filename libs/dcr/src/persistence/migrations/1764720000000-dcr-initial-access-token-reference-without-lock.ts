import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the foreign key from `dcr_client.initial_access_token_id` to `dcr_initial_access_token`,
 * keeping the column and its index. Every registration with a token counts the use in the token's
 * row (an UPDATE), and the foreign key made every such INSERT lock that same row too (`FOR KEY
 * SHARE`): concurrent registrations with one token then shared the row's lock through a MultiXact
 * and each UPDATE carried it over, which cut protected registrations by about 40 % (pgbench, 16
 * clients). The key protected nothing: the id is that of the token the request authenticated with,
 * tokens are never deleted (only revoked), and an audit record should keep the id even if one ever
 * were, which `ON DELETE SET NULL` did not.
 */
export class DcrInitialAccessTokenReferenceWithoutLock1764720000000 implements MigrationInterface {
  name = 'DcrInitialAccessTokenReferenceWithoutLock1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dcr_client" DROP CONSTRAINT "dcr_client_initial_access_token_id_fkey"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "dcr_client" ADD CONSTRAINT "dcr_client_initial_access_token_id_fkey"
        FOREIGN KEY ("initial_access_token_id") REFERENCES "dcr_initial_access_token" ("id")
        ON DELETE SET NULL`);
  }
}
