import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { DCR_ENTITIES, DCR_MIGRATIONS, runMigrationsUnderLock } from '../src/index.js';

/** Data sources migrating at the same moment: app instances started together on a new database. */
const INSTANCES = 4;

// Issue 8, Major 5. Instances started as processes come up one after another on a small machine,
// so the race hides there; data sources of one process, initialized first, run the migrations at
// the same moment. Without the lock, most of them fail on a duplicate object (a reproduction on
// the old code: 3 of 4 with `duplicate key value violates unique constraint
// "pg_type_typname_nsp_index"`).
describe('runMigrationsUnderLock, from several data sources at once on an empty schema', () => {
  let schema: TestSchema;
  let sources: DataSource[];

  beforeAll(async () => {
    schema = await createTestSchema('dcr_migrations_race');
    sources = await Promise.all(
      Array.from({ length: INSTANCES }, () =>
        new DataSource({
          type: 'postgres',
          ...schema.connection,
          entities: DCR_ENTITIES,
          migrations: DCR_MIGRATIONS,
        }).initialize(),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all((sources ?? []).map((source) => source.destroy()));
    await schema.drop();
  });

  it('succeeds in every one, and runs each migration exactly once', async () => {
    const results = await Promise.allSettled(
      sources.map((source) => runMigrationsUnderLock(source)),
    );
    expect(results.map((result) => result.status)).toEqual(Array(INSTANCES).fill('fulfilled'));
    const ran = results.flatMap((result) =>
      result.status === 'fulfilled' ? result.value.map((migration) => migration.name) : [],
    );
    expect(ran.sort()).toEqual(DCR_MIGRATIONS.map((migration) => migration.name).sort());
    const recorded = await schema.query<{ name: string }>('SELECT name FROM migrations');
    expect(recorded.map((row) => row.name).sort()).toEqual(
      DCR_MIGRATIONS.map((migration) => migration.name).sort(),
    );
  });
});
