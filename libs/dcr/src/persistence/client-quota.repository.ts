import { Injectable } from '@nestjs/common';
import type { ClientQuota } from '../policy/client-quotas.js';
import { DcrClientEntity } from './dcr-client.entity.js';
import { DcrDatabase, type SqlExecutor } from './dcr-database.js';

/**
 * First key of the advisory locks taken around quota checks (a 32-bit class id, the bytes of
 * "dcrq"); the second key is the `hashtext` of the quota's scope.
 */
export const QUOTA_LOCK_CLASS = 0x64637271;

/**
 * SQL for client quotas: counting the clients a quota covers, and the lock under which they are
 * counted and the new client inserted. SQL only; the limits are decided by `policy/client-quotas`.
 */
@Injectable()
export class ClientQuotaRepository {
  private readonly countSql: Readonly<Record<ClientQuota['scope']['kind'], string>>;

  /** Where statements run: the pool, or the connection of a transaction. */
  private executor: SqlExecutor;

  constructor(database: DcrDatabase) {
    this.executor = database;
    const table = database.table(DcrClientEntity);
    // Counting stops at the limit ($1): a quota check costs at most `limit` index entries, however
    // many clients there are.
    const bounded = (where: string) =>
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM ${table.name} ${where} LIMIT $1) AS counted`;
    this.countSql = {
      all: bounded(''),
      initial_access_token: bounded(`WHERE ${table.column('initialAccessTokenId')} = $2`),
      // The expression of the partial index `dcr_client_software_id_idx`.
      software_id: bounded(`WHERE (${table.column('metadata')} ->> 'software_id') = $2`),
    };
  }

  /** This repository, with its statements running on `executor` (a transaction's). */
  on(executor: SqlExecutor): ClientQuotaRepository {
    const bound = Object.create(this) as ClientQuotaRepository;
    bound.executor = executor;
    return bound;
  }

  /**
   * Takes the transaction-scoped advisory lock of the quota's scope, held until the transaction
   * ends: registrations counting against the same quota then count and insert one after the
   * other, on every app instance, so the limit holds exactly. Transaction-scoped locks work through
   * a transaction-pooling PgBouncer.
   */
  async lock(quota: ClientQuota): Promise<void> {
    await this.executor.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      QUOTA_LOCK_CLASS,
      scopeKey(quota.scope),
    ]);
  }

  /** How many clients the quota covers, counted up to `quota.limit` at most. */
  async count(quota: ClientQuota): Promise<number> {
    const { scope } = quota;
    const parameters =
      scope.kind === 'all'
        ? [quota.limit]
        : [quota.limit, scope.kind === 'initial_access_token' ? scope.id : scope.softwareId];
    const result = await this.executor.run(this.countSql[scope.kind], parameters);
    return Number(result.rows[0]?.count ?? 0);
  }
}

function scopeKey(scope: ClientQuota['scope']): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'initial_access_token':
      return `iat:${scope.id}`;
    case 'software_id':
      return `software_id:${scope.softwareId}`;
  }
}
