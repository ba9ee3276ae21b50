import { Injectable } from '@nestjs/common';
import { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrDatabase, type SqlExecutor } from '../persistence/dcr-database.js';
import type { EntityTable } from '../persistence/entity-table.js';
import { tryTableLock } from '../persistence/table-lock.js';

/** Why a client is reaped: it never authenticated, or not for too long. */
export type ReapReason = 'never_used' | 'idle';

/** A client the reaper's rules select, and the rule that selects it. */
export interface ReapCandidate {
  readonly clientId: string;
  readonly reason: ReapReason;
}

/** The reaper's two rules, in whole hours and days; `undefined` is off. */
export interface ReapRules {
  readonly unusedAfterHours: number | undefined;
  readonly idleAfterDays: number | undefined;
}

/** The statements of one batch, bound to its transaction (see {@link ClientReaperRepository.batch}). */
export interface ReaperBatch {
  /**
   * Up to `limit` clients the rules select, after `afterClientId` in client id order, locked for
   * the transaction; clients locked by another transaction (being updated or authenticated right
   * now) are skipped, not waited for.
   */
  candidates(afterClientId: string, rules: ReapRules, limit: number): Promise<ReapCandidate[]>;
  /** Deletes those of `clientIds` that the rules still select; returns what it deleted. */
  delete(clientIds: readonly string[], rules: ReapRules): Promise<ReapCandidate[]>;
}

/**
 * SQL of the client reaper, and nothing else. The rules live here, in one SQL condition that
 * selects and deletes alike, on the database's clock (`now()`), so that every instance agrees:
 *
 * - never used: `first_authenticated_at` is null and the client was issued more than
 *   `unusedAfterHours` ago;
 * - idle: its last authentication (or, if it never authenticated, its registration) is more than
 *   `idleAfterDays` old.
 */
@Injectable()
export class ClientReaperRepository {
  private readonly table: EntityTable<DcrClientEntity>;
  private readonly candidatesSql: string;
  private readonly deleteSql: string;

  constructor(private readonly database: DcrDatabase) {
    const table = database.table(DcrClientEntity);
    this.table = table;
    const [id, issued, first, last] = [
      table.column('clientId'),
      table.column('issuedAt'),
      table.column('firstAuthenticatedAt'),
      table.column('lastAuthenticatedAt'),
    ];
    // $2: unusedAfterHours, $3: idleAfterDays; a null rule selects nothing (NULL comparisons).
    const neverUsed = `(${first} IS NULL AND ${issued} < now() - make_interval(hours => $2::integer))`;
    const idle = `(COALESCE(${last}, ${issued}) < now() - make_interval(days => $3::integer))`;
    const reason = `CASE WHEN ${neverUsed} THEN 'never_used' ELSE 'idle' END`;
    this.candidatesSql = `SELECT ${id} AS client_id, ${reason} AS reason FROM ${table.name}
      WHERE ${id} > $1 AND (${neverUsed} OR ${idle})
      ORDER BY ${id} LIMIT $4 FOR UPDATE SKIP LOCKED`;
    this.deleteSql = `DELETE FROM ${table.name}
      WHERE ${id} = ANY($1::text[]) AND (${neverUsed} OR ${idle})
      RETURNING ${id} AS client_id, ${reason} AS reason`;
  }

  /**
   * Runs one batch in a transaction, if this instance takes the reaper's advisory lock; `'locked'`
   * when another instance holds it (it is reaping). The lock ends with the transaction.
   */
  async batch<T>(work: (batch: ReaperBatch) => Promise<T>): Promise<T | 'locked'> {
    return this.database.transaction(async (transaction) => {
      if (!(await tryTableLock(transaction, 'reaper', this.table.name))) return 'locked';
      return work(this.boundTo(transaction));
    });
  }

  private boundTo(transaction: SqlExecutor): ReaperBatch {
    const rulesOf = (rules: ReapRules) => [
      rules.unusedAfterHours ?? null,
      rules.idleAfterDays ?? null,
    ];
    return {
      candidates: async (afterClientId, rules, limit) =>
        toCandidates(
          await transaction.run(this.candidatesSql, [afterClientId, ...rulesOf(rules), limit]),
        ),
      delete: async (clientIds, rules) =>
        toCandidates(await transaction.run(this.deleteSql, [clientIds, ...rulesOf(rules)])),
    };
  }
}

function toCandidates(result: { rows: Record<string, unknown>[] }): ReapCandidate[] {
  return result.rows.map((row) => ({
    clientId: String(row.client_id),
    reason: row.reason === 'never_used' ? 'never_used' : 'idle',
  }));
}
