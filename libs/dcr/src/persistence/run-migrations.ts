import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';

/**
 * Key of the PostgreSQL advisory lock taken around migrations: a fixed 64-bit value, the same in
 * every instance of every app that uses this function on the database.
 */
export const MIGRATIONS_LOCK_KEY = '7287497525323196775'; // the bytes of 'e"dcrmig' as a big-endian int64

/**
 * Runs the data source's pending migrations (the module's `DCR_MIGRATIONS` and the host's own)
 * while holding a PostgreSQL advisory lock, in one transaction. Instances started at the same time
 * on a fresh database then migrate one after the other: the first creates the schema, the others
 * find nothing pending. (TypeORM's `migrationsRun` alone lets two instances both see a migration
 * pending, and the second fails on a duplicate object.)
 *
 * Everything runs on one connection, so this also works with a pool of one (the embedded PGlite).
 * Use it instead of `migrationsRun: true`, e.g. in `TypeOrmModule.forRootAsync`'s
 * `dataSourceFactory`, after `dataSource.initialize()`.
 *
 * @returns the migrations that this call ran
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
