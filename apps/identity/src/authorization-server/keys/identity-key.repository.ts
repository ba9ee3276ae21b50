import { Injectable } from '@nestjs/common';
import { DcrDatabase, type EntityTable, type SqlExecutor } from '@agent-runtimes/dcr';
import { IdentityKeyEntity, type KeyUse } from './identity-key.entity.js';

/**
 * Key of the advisory lock that serializes key creation and rotation across instances: the bytes
 * of 'idkeyrot' as a big-endian int64.
 */
export const KEY_CHANGES_LOCK_KEY = '7594312955226910580';

/** SQL access to the authorization server's keys, and nothing else. */
@Injectable()
export class IdentityKeyRepository {
  private readonly table: EntityTable<IdentityKeyEntity>;
  private executor: SqlExecutor;

  constructor(private readonly database: DcrDatabase) {
    this.table = database.table(IdentityKeyEntity);
    this.executor = database;
  }

  /**
   * Runs `work` in one transaction that holds the key-changes lock, with a repository bound to
   * it: instances that start or rotate at the same time change the keys one after the other.
   */
  changeKeys<T>(work: (keys: IdentityKeyRepository) => Promise<T>): Promise<T> {
    return this.database.transaction(async (executor) => {
      await executor.run('SELECT pg_advisory_xact_lock($1)', [KEY_CHANGES_LOCK_KEY]);
      const bound = Object.create(this) as IdentityKeyRepository;
      bound.executor = executor;
      return work(bound);
    });
  }

  /** The keys still in use at `now` (active, or retired but not expired), newest first. */
  async findLive(now: Date): Promise<IdentityKeyEntity[]> {
    const expires = this.table.column('expiresAt');
    const { rows } = await this.executor.run(
      `SELECT ${this.table.columnList} FROM ${this.table.name}
        WHERE ${expires} IS NULL OR ${expires} > $1
        ORDER BY ${this.table.column('createdAt')} DESC, ${this.table.column('kid')}`,
      [now],
    );
    return rows.map((row) => this.table.fromRow(row));
  }

  async insert(key: IdentityKeyEntity): Promise<void> {
    await this.executor.run(this.table.insertSql, this.table.parameters(key));
  }

  /** Retires the active keys of `use` at `at`; they expire at `expiresAt`. Returns their ids. */
  async retireActive(use: KeyUse, at: Date, expiresAt: Date): Promise<string[]> {
    const { rows } = await this.executor.run(
      `UPDATE ${this.table.name}
          SET ${this.table.column('retiredAt')} = $2, ${this.table.column('expiresAt')} = $3
        WHERE ${this.table.column('use')} = $1 AND ${this.table.column('retiredAt')} IS NULL
        RETURNING ${this.table.column('kid')} AS kid`,
      [use, at, expiresAt],
    );
    return rows.map((row) => String(row.kid));
  }

  /** Deletes the keys that expired before `now`. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.executor.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('expiresAt')} <= $1`,
      [now],
    );
    return result.rowCount;
  }
}
