import type { SqlExecutor } from './dcr-database.js';

/**
 * The tasks that run in one app instance at a time, each under its own PostgreSQL advisory lock
 * on one of the module's tables. The number is the high half of the lock's 64-bit key (the ASCII
 * of four letters); the low half is the table's OID, so that modules on other schemas of the same
 * database (other tenants, parallel test files) do not wait for each other.
 */
export const TABLE_LOCKS = {
  /** The client reaper, on `dcr_client`: 'DCRR'. */
  reaper: 0x44435252,
  /** The sweep of expired rate-limit counters, on `dcr_rate_limit`: 'DCRL'. */
  rateLimitSweep: 0x4443524c,
} as const;

/**
 * Takes the advisory lock of `task` on `table` for the rest of the current transaction, if no
 * other session holds it, and says whether it did. Transaction-scoped (`pg_try_advisory_xact_lock`)
 * on purpose: it ends with the transaction whatever happens, and unlike a session lock it works
 * through a transaction-pooling PgBouncer, which may give each statement outside a transaction
 * another server connection. Run it first in `DcrDatabase.transaction`.
 *
 * @param table the table's quoted name, as `EntityTable.name` gives it
 */
export async function tryTableLock(
  transaction: SqlExecutor,
  task: keyof typeof TABLE_LOCKS,
  table: string,
): Promise<boolean> {
  const { rows } = await transaction.run(
    `SELECT pg_try_advisory_xact_lock(($1::bigint << 32) | $2::text::regclass::oid::bigint) AS locked`,
    [TABLE_LOCKS[task], table],
  );
  return rows[0]?.locked === true;
}
