import { Injectable } from '@nestjs/common';
import { DcrDatabase, type EntityTable } from '@agent-runtimes/dcr';
import { OidcModelEntity } from './oidc-model.entity.js';

/**
 * Key of the advisory lock taken while expired models are deleted, so that one instance at a time
 * does it: the bytes of 'idoidcgc' as a big-endian int64.
 */
export const EXPIRED_MODELS_LOCK_KEY = '7594317370099984227';

/** The columns a model can be looked up by, besides its identifier. */
export type LookupColumn = 'uid' | 'userCode';

/**
 * SQL access to node-oidc-provider's stored models, and nothing else. Statements are built from
 * the entity's metadata and sent unnamed (through `DcrDatabase`), so they work through a
 * transaction-pooling PgBouncer and on the embedded PostgreSQL.
 */
@Injectable()
export class OidcModelRepository {
  private readonly table: EntityTable<OidcModelEntity>;
  private readonly upsertSql: string;
  private readonly selectSql: string;
  private readonly consumeSql: string;
  private readonly deleteExpiredSql: string;

  constructor(private readonly database: DcrDatabase) {
    const table = database.table(OidcModelEntity);
    this.table = table;
    const [id, kind, consumed, expires] = [
      table.column('id'),
      table.column('kind'),
      table.column('consumedAt'),
      table.column('expiresAt'),
    ];
    // A re-saved model keeps its consumption: single use cannot be undone by an upsert.
    const assignments = table.columnNames
      .slice(1)
      .map((column) =>
        column === consumed
          ? `${column} = COALESCE(${table.name}.${column}, EXCLUDED.${column})`
          : `${column} = EXCLUDED.${column}`,
      );
    this.upsertSql = `${table.insertSql} ON CONFLICT (${id}) DO UPDATE SET ${assignments.join(', ')}`;
    this.selectSql = `SELECT ${table.columnList} FROM ${table.name} WHERE ${kind} = $1`;
    this.consumeSql = `UPDATE ${table.name} SET ${consumed} = $3
      WHERE ${id} = $1 AND ${kind} = $2 AND ${consumed} IS NULL`;
    this.deleteExpiredSql = `DELETE FROM ${table.name} WHERE ${id} IN (
      SELECT ${id} FROM ${table.name} WHERE ${expires} < $1 LIMIT $2)`;
  }

  /** Inserts the model, or replaces the stored one with the same identifier. */
  async upsert(model: OidcModelEntity): Promise<void> {
    await this.database.run(this.upsertSql, this.table.parameters(model));
  }

  /** The model of `kind` stored under `id`, or `null`. */
  async find(kind: string, id: string): Promise<OidcModelEntity | null> {
    return this.one(
      await this.database.run(`${this.selectSql} AND ${this.table.column('id')} = $2`, [kind, id]),
    );
  }

  /** The model of `kind` whose `column` holds `value`, or `null`. */
  async findBy(kind: string, column: LookupColumn, value: string): Promise<OidcModelEntity | null> {
    return this.one(
      await this.database.run(`${this.selectSql} AND ${this.table.column(column)} = $2 LIMIT 1`, [
        kind,
        value,
      ]),
    );
  }

  /**
   * Marks a single-use model consumed, in one conditional statement: of any number of concurrent
   * calls, exactly one gets `true`.
   */
  async consume(kind: string, id: string, at: Date): Promise<boolean> {
    return (await this.database.run(this.consumeSql, [id, kind, at])).rowCount === 1;
  }

  /** Deletes the model of `kind` stored under `id`. */
  async destroy(kind: string, id: string): Promise<void> {
    await this.database.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('id')} = $1 AND ${this.table.column('kind')} = $2`,
      [id, kind],
    );
  }

  /** Deletes the models of `kind` that belong to the grant. */
  async deleteByGrantId(kind: string, grantId: string): Promise<void> {
    await this.database.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('grantId')} = $1 AND ${this.table.column('kind')} = $2`,
      [grantId, kind],
    );
  }

  /** Deletes a grant and every model that belongs to it. Returns how many rows went. */
  async deleteGrant(grantId: string): Promise<number> {
    const result = await this.database.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('grantId')} = $1`,
      [grantId],
    );
    return result.rowCount;
  }

  /**
   * Deletes the grants `accountId` gave `clientId`, and every model that belongs to them (codes,
   * refresh tokens). Returns how many rows went.
   */
  async deleteGrantsOf(clientId: string, accountId: string): Promise<number> {
    const { name } = this.table;
    const [grantId, kind, client, payload] = [
      this.table.column('grantId'),
      this.table.column('kind'),
      this.table.column('clientId'),
      this.table.column('payload'),
    ];
    const result = await this.database.run(
      `DELETE FROM ${name} WHERE ${grantId} IN (
        SELECT ${grantId} FROM ${name}
         WHERE ${kind} = 'Grant' AND ${client} = $1 AND ${payload} ->> 'accountId' = $2)`,
      [clientId, accountId],
    );
    return result.rowCount;
  }

  /** Deletes every model that belongs to the client. Returns how many rows went. */
  async deleteByClientId(clientId: string): Promise<number> {
    const result = await this.database.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('clientId')} = $1`,
      [clientId],
    );
    return result.rowCount;
  }

  /**
   * Deletes up to `limit` models that expired before `before`, unless another instance is doing
   * the same (a transaction-scoped advisory lock, which works through PgBouncer). Returns how many
   * rows went, `undefined` when another instance holds the lock.
   */
  async deleteExpired(before: Date, limit: number): Promise<number | undefined> {
    return this.database.transaction(async (executor) => {
      const { rows } = await executor.run('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        EXPIRED_MODELS_LOCK_KEY,
      ]);
      if (rows[0]?.locked !== true) return undefined;
      return (await executor.run(this.deleteExpiredSql, [before, limit])).rowCount;
    });
  }

  private one(result: { rows: Record<string, unknown>[] }): OidcModelEntity | null {
    const [row] = result.rows;
    return row ? this.table.fromRow(row) : null;
  }
}
