import { Injectable } from '@nestjs/common';
import { DcrDatabase, type SqlExecutor } from '../persistence/dcr-database.js';
import type { EntityTable } from '../persistence/entity-table.js';
import { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';
import { tokenStillValidSql } from './initial-access-token-validity.js';

/** A lease never takes more than this many uses at once. */
export const USE_LEASE_MAX = 16;

/** A lease never takes more than this share of the uses left (1/64): a lease of 2 needs 128 left. */
export const USE_LEASE_SHARE = 64;

/**
 * SQL access to initial access tokens, and nothing else. Statements are built from the entity's
 * metadata; validity (not expired, not revoked, uses left) is decided by the database clock, the
 * same for every app instance.
 */
@Injectable()
export class InitialAccessTokenRepository {
  private readonly table: EntityTable<DcrInitialAccessTokenEntity>;
  private readonly usableByDigestSql: string;
  private readonly usableByIdSql: string;
  private readonly leaseSql: string;
  private readonly returnSql: string;
  private readonly listSql: string;
  private readonly revokeSql: string;

  /** Where statements run: the pool, or the connection of a transaction. */
  private executor: SqlExecutor;

  constructor(private readonly database: DcrDatabase) {
    this.executor = database;
    const table = database.table(DcrInitialAccessTokenEntity);
    this.table = table;
    const [id, digest, remaining, maxUses, revoked, created] = [
      table.column('id'),
      table.column('tokenDigest'),
      table.column('remainingUses'),
      table.column('maxUses'),
      table.column('revokedAt'),
      table.column('createdAt'),
    ];
    const usable = `${remaining} > 0 AND ${tokenStillValidSql(table)}`;
    this.usableByDigestSql = `SELECT ${table.columnList} FROM ${table.name} WHERE ${digest} = $1 AND ${usable}`;
    this.usableByIdSql = `SELECT 1 FROM ${table.name} WHERE ${id} = $1
      AND (${remaining} > 0 OR $2) AND ${tokenStillValidSql(table)}`;
    // One conditional statement: the row lock (taken by the CTE, which reads the row as it is
    // once locked) serializes concurrent leases, on any instance, and a token with no use left
    // matches no row, so leases never add up to more than the token has. The size is
    // LEAST(USE_LEASE_MAX, remaining / USE_LEASE_SHARE), at least 1: one use at a time while fewer
    // than 128 are left. `synchronous_commit` is turned off for this statement's own transaction
    // only (`set_config(..., true)`): the lock is released without waiting for a WAL flush; the
    // registration that follows commits durably, which flushes this count too (the WAL is written
    // in order).
    this.leaseSql = `WITH lease AS (
        SELECT ${id} AS id, LEAST($2::integer, GREATEST(1, ${remaining} / $3::integer)) AS size
        FROM ${table.name} WHERE ${id} = $1 AND ${usable} FOR UPDATE
      )
      UPDATE ${table.name} SET ${remaining} = ${table.name}.${remaining} - lease.size
      FROM lease, (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
      WHERE ${table.name}.${id} = lease.id
      RETURNING lease.size`;
    this.returnSql = `UPDATE ${table.name} SET ${remaining} = LEAST(${maxUses}, ${remaining} + $2)
      WHERE ${id} = $1`;
    this.listSql = `SELECT ${table.columnList} FROM ${table.name} ORDER BY ${created} DESC, ${id}`;
    this.revokeSql = `UPDATE ${table.name} SET ${revoked} = $2 WHERE ${id} = $1 AND ${revoked} IS NULL`;
  }

  /** Runs `work` in one transaction, with a repository bound to it. */
  transaction<T>(work: (tokens: InitialAccessTokenRepository) => Promise<T>): Promise<T> {
    return this.database.transaction((executor) => work(this.on(executor)));
  }

  /** This repository, with its statements running on `executor` (a transaction's). */
  on(executor: SqlExecutor): InitialAccessTokenRepository {
    const bound = Object.create(this) as InitialAccessTokenRepository;
    bound.executor = executor;
    return bound;
  }

  async insert(token: DcrInitialAccessTokenEntity): Promise<void> {
    await this.executor.run(this.table.insertSql, this.table.parameters(token));
  }

  /** The token with this digest if it can be used now (not expired, not revoked, uses left). */
  async findUsableByDigest(tokenDigest: Buffer): Promise<DcrInitialAccessTokenEntity | null> {
    return this.one(await this.executor.run(this.usableByDigestSql, [tokenDigest]));
  }

  /**
   * Whether the token with this id can be used now: not expired, not revoked, and uses left in
   * its row, or, with `leased`, held by the caller already.
   */
  async isUsable(id: string, leased = false): Promise<boolean> {
    return (await this.executor.run(this.usableByIdSql, [id, leased])).rows.length === 1;
  }

  /**
   * Takes a lease of uses from a usable token's row, committed at once without waiting for the
   * disk: 1 use while fewer than 128 are left, up to {@link USE_LEASE_MAX} (1/{@link
   * USE_LEASE_SHARE} of what is left) when many are, never more than `atMost`. Returns how many
   * uses were taken; 0: no use left, expired or revoked.
   */
  async leaseUses(id: string, atMost: number = USE_LEASE_MAX): Promise<number> {
    const { rows } = await this.database.run(this.leaseSql, [id, atMost, USE_LEASE_SHARE]);
    return rows.length === 1 ? Number(rows[0]?.size) : 0;
  }

  /** Gives back `uses` taken by {@link leaseUses} and not used (never above the token's maximum). */
  async returnUses(id: string, uses: number): Promise<void> {
    await this.database.run(this.returnSql, [id, uses]);
  }

  async findById(id: string): Promise<DcrInitialAccessTokenEntity | null> {
    return this.one(await this.executor.run(this.table.selectByIdSql, [id]));
  }

  /** Every token, newest first. */
  async list(): Promise<DcrInitialAccessTokenEntity[]> {
    const result = await this.executor.run(this.listSql, []);
    return result.rows.map((row) => this.table.fromRow(row));
  }

  /** Marks the token revoked at `at`, unless it already was. Returns whether it changed. */
  async revoke(id: string, at: Date): Promise<boolean> {
    return (await this.executor.run(this.revokeSql, [id, at])).rowCount === 1;
  }

  private one(result: { rows: Record<string, unknown>[] }): DcrInitialAccessTokenEntity | null {
    const [row] = result.rows;
    return row ? this.table.fromRow(row) : null;
  }
}
