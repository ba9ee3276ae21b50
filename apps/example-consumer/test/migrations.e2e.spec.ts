import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DCR_MIGRATIONS } from '@agent-runtimes/dcr';
import { CONSUMER_MIGRATIONS } from '../src/database/migrations/index.js';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test-app.js';

/** The names TypeORM records for migration classes, in the order they must have run. */
function migrationNames(migrations: readonly (new () => { name?: string })[]): string[] {
  return migrations.map((migration) => new migration().name ?? migration.name);
}

interface MigrationRow {
  timestamp: string;
  name: string;
}

// One data source for the app: the module's migrations run in it next to the app's own.
describe("the module's migrations in the app's data source", () => {
  let t: ConsumerTestApp;

  beforeAll(async () => {
    t = await startConsumerTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it("records the module's and the app's migrations in one migrations table", async () => {
    const rows = await t.schema.query<MigrationRow>(
      'SELECT timestamp::text AS timestamp, name FROM migrations ORDER BY timestamp',
    );
    expect(rows.map((row) => row.name)).toEqual(
      migrationNames([...DCR_MIGRATIONS, ...CONSUMER_MIGRATIONS]),
    );
    // TypeORM reads the timestamp from the class name's trailing digits.
    for (const row of rows) expect(row.name.endsWith(row.timestamp)).toBe(true);
  });

  it("creates the module's tables and the app's table side by side in the app's schema", async () => {
    const tables = await t.schema.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
         WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [t.schema.name],
    );
    expect(tables.map((table) => table.table_name)).toEqual([
      'consumer_audit_entry',
      'dcr_cimd_document',
      'dcr_client',
      'dcr_client_assertion_jti',
      'dcr_initial_access_token',
      'dcr_rate_limit',
      'migrations',
    ]);
  });

  it("applies every one of the module's migrations, not only the first", async () => {
    const columns = await t.schema.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'dcr_client'`,
      [t.schema.name],
    );
    expect(columns.map((column) => column.column_name)).toEqual(
      expect.arrayContaining([
        'client_id',
        'registration_token_digest',
        'previous_registration_token_digest',
        'last_authenticated_at',
      ]),
    );
  });

  it('never synchronizes the schema from the entities', () => {
    const dataSource = t.app.get(DataSource);
    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrationsRun).toBe(true);
  });

  it('starts again on the same schema without running any migration twice', async () => {
    const before = await t.schema.query('SELECT id FROM migrations');
    const again = await startConsumerTestApp({ schema: t.schema });
    try {
      expect(await t.schema.query('SELECT id FROM migrations')).toEqual(before);
    } finally {
      await again.close();
    }
  });
});
