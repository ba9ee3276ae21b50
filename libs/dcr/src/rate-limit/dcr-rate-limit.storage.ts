import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DcrDatabase } from '../persistence/dcr-database.js';
import { DcrRateLimitEntity } from '../persistence/dcr-rate-limit.entity.js';
import type { EntityTable } from '../persistence/entity-table.js';
import { tryTableLock } from '../persistence/table-lock.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';

/** The SQL of the counters' table. */
interface RateLimitStatements {
  readonly table: EntityTable<DcrRateLimitEntity>;
  readonly increment: string;
  readonly deleteExpired: string;
}

/**
 * `@nestjs/throttler`'s storage, in PostgreSQL: the counters live in `dcr_rate_limit`, so every app
 * instance on the database counts against one limit. SQL only.
 *
 * Each hit is one atomic statement (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`): concurrent
 * hits on one key, from any instance, serialize on its row and each sees the count its own hit
 * made, so a limit of N lets exactly N through. Windows are fixed: the first hit after a window
 * ends starts the next one. A hit over the limit blocks the key for `blockDuration` (the window,
 * unless a throttler says otherwise), and hits while blocked are refused without being counted,
 * as `@nestjs/throttler`'s own storage does. Times come from the database's clock, so instances
 * with skewed clocks agree.
 */
@Injectable()
export class DcrRateLimitStorage implements ThrottlerStorage {
  private statements: RateLimitStatements | undefined;

  constructor(
    private readonly database: DcrDatabase,
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
  ) {
    // Built at start-up when a limit is on, so that a data source without the entity stops the
    // app then, not the first registration.
    if (options.rateLimit.enabled) this.sql();
  }

  /**
   * Counts a hit under `key` (`ttl` and `blockDuration` in milliseconds, as `ThrottlerGuard`
   * passes them) and returns the key's state after it, times in whole seconds.
   */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const { rows } = await this.database.run(this.sql().increment, [
      key,
      ttl,
      limit,
      blockDuration,
    ]);
    const row = rows[0] ?? {};
    return {
      totalHits: Number(row.hits),
      timeToExpire: Number(row.time_to_expire),
      isBlocked: row.is_blocked === true,
      timeToBlockExpire: Number(row.time_to_block_expire),
    };
  }

  /**
   * Deletes up to `batchSize` counters whose window and block are both over, in one transaction
   * under an advisory lock, so that one instance at a time sweeps. Returns how many it deleted,
   * or `'locked'` when another instance is sweeping.
   */
  async deleteExpired(batchSize: number): Promise<number | 'locked'> {
    const { table, deleteExpired } = this.sql();
    return this.database.transaction(async (transaction) => {
      if (!(await tryTableLock(transaction, 'rateLimitSweep', table.name))) return 'locked';
      return (await transaction.run(deleteExpired, [batchSize])).rowCount;
    });
  }

  private sql(): RateLimitStatements {
    if (this.statements) return this.statements;
    const table = this.database.table(DcrRateLimitEntity);
    const [key, hits, windowEnds, blockedUntil] = [
      table.column('key'),
      table.column('hits'),
      table.column('windowEndsAt'),
      table.column('blockedUntil'),
    ];
    const counter = `${table.name} AS counter`;
    const ms = (parameter: string) => `${parameter}::double precision * interval '1 millisecond'`;
    // In ON CONFLICT DO UPDATE, every expression reads the row as it was before this hit.
    const blocked = `counter.${blockedUntil} > now()`;
    const windowOver = `counter.${windowEnds} <= now()`;
    const increment = `INSERT INTO ${counter} (${key}, ${hits}, ${windowEnds}, ${blockedUntil})
      VALUES ($1, 1, now() + ${ms('$2')}, CASE WHEN 1 > $3 THEN now() + ${ms('$4')} END)
      ON CONFLICT (${key}) DO UPDATE SET
        ${hits} = CASE WHEN ${blocked} THEN counter.${hits}
          WHEN ${windowOver} THEN 1 ELSE counter.${hits} + 1 END,
        ${windowEnds} = CASE WHEN ${blocked} THEN counter.${windowEnds}
          WHEN ${windowOver} THEN now() + ${ms('$2')} ELSE counter.${windowEnds} END,
        ${blockedUntil} = CASE WHEN ${blocked} THEN counter.${blockedUntil}
          WHEN ${windowOver} THEN CASE WHEN 1 > $3 THEN now() + ${ms('$4')} END
          WHEN counter.${hits} + 1 > $3 THEN now() + ${ms('$4')} END
      RETURNING ${hits} AS hits,
        greatest(0, ceil(extract(epoch FROM ${windowEnds} - now())))::integer AS time_to_expire,
        coalesce(${blockedUntil} > now(), false) AS is_blocked,
        greatest(0, ceil(extract(epoch FROM coalesce(${blockedUntil}, now()) - now())))::integer
          AS time_to_block_expire`;
    // SKIP LOCKED: a counter being hit right now is not waited for; it is not expired anyway.
    const deleteExpired = `DELETE FROM ${table.name} WHERE ${key} IN (
        SELECT ${key} FROM ${table.name}
        WHERE ${windowEnds} <= now() AND (${blockedUntil} IS NULL OR ${blockedUntil} <= now())
        LIMIT $1 FOR UPDATE SKIP LOCKED)`;
    this.statements = { table, increment, deleteExpired };
    return this.statements;
  }
}
