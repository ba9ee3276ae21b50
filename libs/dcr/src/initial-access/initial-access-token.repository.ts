import { Injectable } from '@nestjs/common';
import { DcrDatabase, type SqlExecutor } from '../persistence/dcr-database.js';
import type { EntityTable } from '../persistence/entity-table.js';
import { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';

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
  private readonly consumeSql: string;
  private readonly refundSql: string;
  private readonly listSql: string;
  private readonly revokeSql: string;

  /** Where statements run: the pool, or the connection of a transaction. */
  private executor: SqlExecutor;

  constructor(private readonly database: DcrDatabase) {
    this.executor = database;
    const table = database.table(DcrInitialAccessTokenEntity);
    this.table = table;
    const [id, digest, remaining, expires, revoked, created] = [
      table.column('id'),
      table.column('tokenDigest'),
      table.column('remainingUses'),
      table.column('expiresAt'),
      table.column('revokedAt'),
      table.column('createdAt'),
    ];
    const usable = `${remaining} > 0 AND ${expires} > now() AND ${revoked} IS NULL`;
    this.usableByDigestSql = `SELECT ${table.columnList} FROM ${table.name} WHERE ${digest} = $1 AND ${usable}`;
    this.usableByIdSql = `SELECT 1 FROM ${table.name} WHERE ${id} = $1 AND ${usable}`;
    // One conditional statement: the row lock serializes concurrent uses, on any instance, and a
    // token with no use left matches no row. `synchronous_commit` is turned off for this
    // statement's own transaction only (`set_config(..., true)`): the lock is released without
    // waiting for a WAL flush, and every registration with the token takes that lock in turn.
    this.consumeSql = `UPDATE ${table.name} SET ${remaining} = ${remaining} - 1
      FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
      WHERE ${id} = $1 AND ${usable}`;
    this.refundSql = `UPDATE ${table.name} SET ${remaining} = ${remaining} + 1 WHERE ${id} = $1`;
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

  /** Whether the token with this id can be used now (not expired, not revoked, uses left). */
  async isUsable(id: string): Promise<boolean> {
    return (await this.executor.run(this.usableByIdSql, [id])).rows.length === 1;
  }

  /**
   * Counts one use of a usable token, committed at once without waiting for the disk: the
   * registration that follows commits durably, which flushes this count too (the WAL is written
   * in order). `false`: no use left, expired or revoked.
   */
  async consumeUse(id: string): Promise<boolean> {
    return (await this.database.run(this.consumeSql, [id])).rowCount === 1;
  }

  /** Gives back a use counted by {@link consumeUse} for a registration that did not happen. */
  async refundUse(id: string): Promise<void> {
    await this.database.run(this.refundSql, [id]);
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
