import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';

/**
 * Key of the PostgreSQL advisory lock taken around migrations: a fixed 64-bit value, the same in
 * every instance of every app that uses this function on the database.
 */
export const MIGRATIONS_LOCK_KEY = '7287497525323196775'; // the bytes of 'e"dcrmig' as a big-endian int64

/**
 * Runs the data source's pending migrations (the module's `DCR_MIGRATIONS` and the host's own) in
 * one transaction that first takes a PostgreSQL advisory lock. Instances started at the same time
 * on a fresh database then migrate one after the other: the first creates the schema, the others
 * find nothing pending. (TypeORM's `migrationsRun` alone lets two instances both see a migration
 * pending, and the second fails on a duplicate object.)
 *
 * The lock is transaction-scoped (`pg_advisory_xact_lock`), so it also works through a
 * transaction-pooling PgBouncer, where a session-level lock would stay on whichever server
 * connection took it. Everything runs on one connection, so this also works with a pool of one
 * (the embedded PGlite). Use it instead of `migrationsRun: true`, e.g. in
 * `TypeOrmModule.forRootAsync`'s `dataSourceFactory`, after `dataSource.initialize()`.
 *
 * @returns the migrations that this call ran
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK_KEY]);
      const executor = new MigrationExecutor(dataSource, runner);
      // This function's transaction holds the lock: the executor must not open its own.
      executor.transaction = 'none';
      const ran = await executor.executePendingMigrations();
      await runner.commitTransaction();
      return ran;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
