import { Injectable } from '@nestjs/common';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { DcrCimdDocumentEntity } from './dcr-cimd-document.entity.js';
import { DcrDatabase } from './dcr-database.js';
import type { EntityTable } from './entity-table.js';

/** What {@link DcrCimdDocumentRepository.peek} finds for a URL. */
export interface CimdDocumentState {
  /** The row, when it holds metadata that is fresh now and validated under the given policy. */
  readonly fresh: DcrCimdDocumentEntity | null;
  /** Whether an instance holds a live lease on the URL: it is fetching the document now. */
  readonly fetching: boolean;
}

/**
 * SQL access to the shared cache of Client ID Metadata Documents, and nothing else: when to fetch,
 * store or wait is decided by the caller. Every statement is one atomic statement on the primary,
 * and every time is the database's clock (`now()`), so that instances whose clocks differ agree
 * on freshness and leases.
 */
@Injectable()
export class DcrCimdDocumentRepository {
  private readonly peekSql: string;
  private readonly claimSql: string;
  private readonly storeSql: string;
  private readonly releaseSql: string;
  private readonly deleteExpiredSql: string;
  private readonly table: EntityTable<DcrCimdDocumentEntity>;

  constructor(private readonly database: DcrDatabase) {
    this.table = database.table(DcrCimdDocumentEntity);
    const { name, columnList } = this.table;
    const [id, metadata, policy, fetched, expires, lease, leaseExpires] = (
      [
        'clientId',
        'metadata',
        'policyDigest',
        'fetchedAt',
        'expiresAt',
        'fetchLeaseId',
        'fetchLeaseExpiresAt',
      ] as const
    ).map((property) => this.table.column(property));
    const fresh = (row: string) =>
      `${row}${metadata} IS NOT NULL AND ${row}${expires} > now() AND ${row}${policy} = $2`;
    const leaseFree = (row: string) =>
      `(${row}${leaseExpires} IS NULL OR ${row}${leaseExpires} <= now())`;

    this.peekSql = `SELECT ${columnList}, (${fresh('')}) AS "is_fresh", NOT ${leaseFree('')} AS "is_fetching"
      FROM ${name} WHERE ${id} = $1`;
    // A new URL gets a row holding only the lease; an existing one is taken over only when its
    // metadata is not fresh under this policy and nobody's lease is live. Concurrent claims of
    // one URL queue on its key, and only the first one's condition holds (READ COMMITTED
    // re-evaluates it on the row the first committed), on any instance.
    this.claimSql = `INSERT INTO ${name} AS doc (${id}, ${expires}, ${lease}, ${leaseExpires})
      VALUES ($1, now(), $3, now() + make_interval(secs => $4))
      ON CONFLICT (${id}) DO UPDATE SET ${lease} = EXCLUDED.${lease}, ${leaseExpires} = EXCLUDED.${leaseExpires}
      WHERE NOT (${fresh('doc.')}) AND ${leaseFree('doc.')}
      RETURNING ${id}`;
    this.storeSql = `UPDATE ${name} SET ${metadata} = $3::jsonb, ${policy} = $4, ${fetched} = now(),
        ${expires} = now() + make_interval(secs => $5), ${lease} = NULL, ${leaseExpires} = NULL
      WHERE ${id} = $1 AND ${lease} = $2
      RETURNING ${columnList}`;
    this.releaseSql = `DELETE FROM ${name} WHERE ${id} = $1 AND ${lease} = $2`;
    this.deleteExpiredSql = `DELETE FROM ${name} WHERE ${id} IN (
        SELECT ${id} FROM ${name} WHERE ${expires} < now() AND ${leaseFree('')}
        ORDER BY ${expires} LIMIT $1 FOR UPDATE SKIP LOCKED)`;
  }

  /** The fresh row for `clientId` validated under `policyDigest`, and whether a fetch is under way. */
  async peek(clientId: string, policyDigest: string): Promise<CimdDocumentState> {
    const [row] = (await this.database.run(this.peekSql, [clientId, policyDigest])).rows;
    if (!row) return { fresh: null, fetching: false };
    return {
      fresh: row.is_fresh === true ? this.table.fromRow(row) : null,
      fetching: row.is_fetching === true,
    };
  }

  /**
   * Takes the lease `leaseId` on `clientId` for `leaseSeconds`, unless the row holds fresh
   * metadata validated under `policyDigest` or another lease is live. Returns whether it did.
   */
  async claim(
    clientId: string,
    policyDigest: string,
    leaseId: string,
    leaseSeconds: number,
  ): Promise<boolean> {
    const result = await this.database.run(this.claimSql, [
      clientId,
      policyDigest,
      leaseId,
      leaseSeconds,
    ]);
    return result.rows.length === 1;
  }

  /**
   * Stores the metadata, fresh for `lifetimeSeconds` from now, and ends the lease; returns the
   * row, or `null` when the lease was lost meanwhile (it expired and another instance took it).
   */
  async store(
    clientId: string,
    leaseId: string,
    metadata: ClientMetadata,
    policyDigest: string,
    lifetimeSeconds: number,
  ): Promise<DcrCimdDocumentEntity | null> {
    const [row] = (
      await this.database.run(this.storeSql, [
        clientId,
        leaseId,
        JSON.stringify(metadata),
        policyDigest,
        lifetimeSeconds,
      ])
    ).rows;
    return row ? this.table.fromRow(row) : null;
  }

  /** Ends the lease by deleting the row: after a failed or uncacheable fetch, nothing is kept. */
  async release(clientId: string, leaseId: string): Promise<void> {
    await this.database.run(this.releaseSql, [clientId, leaseId]);
  }

  /**
   * Deletes up to `limit` rows that are neither fresh nor being fetched (oldest first, skipping
   * rows other transactions hold), so the table holds about the documents in use. Returns how
   * many it deleted.
   */
  async deleteExpired(limit: number): Promise<number> {
    return (await this.database.run(this.deleteExpiredSql, [limit])).rowCount;
  }
}
