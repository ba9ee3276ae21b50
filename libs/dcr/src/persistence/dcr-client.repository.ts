import { Injectable } from '@nestjs/common';
import { DcrInitialAccessTokenEntity } from '../initial-access/dcr-initial-access-token.entity.js';
import { tokenStillValidSql } from '../initial-access/initial-access-token-validity.js';
import { DcrClientEntity } from './dcr-client.entity.js';
import { DcrDatabase, type SqlExecutor } from './dcr-database.js';
import type { EntityTable } from './entity-table.js';

/**
 * SQL access to registered clients, and nothing else: no protocol rules live here. Statements
 * are built from the entity's metadata ({@link EntityTable}); each call is one statement.
 */
@Injectable()
export class DcrClientRepository {
  private readonly table: EntityTable<DcrClientEntity>;
  private readonly recordAuthenticationSql: string;
  private readonly markTokenUsedSql: string;
  private readonly approveSql: string;
  private readonly insertWhileTokenValidSql: string;

  /** Where statements run: the pool, or the connection of a transaction. */
  private executor: SqlExecutor;

  constructor(private readonly database: DcrDatabase) {
    this.executor = database;
    const table = database.table(DcrClientEntity);
    this.table = table;
    const [id, lastAuthenticated, firstAuthenticated, tokenDigest, tokenUsed] = [
      table.column('clientId'),
      table.column('lastAuthenticatedAt'),
      table.column('firstAuthenticatedAt'),
      table.column('registrationTokenDigest'),
      table.column('registrationTokenUsedAt'),
    ];
    // The first authentication is recorded once: COALESCE keeps the value once it is set, and the
    // same statement writes it, so it costs nothing beyond the last-authentication write.
    this.recordAuthenticationSql = `UPDATE ${table.name}
      SET ${lastAuthenticated} = $2, ${firstAuthenticated} = COALESCE(${firstAuthenticated}, $2)
      WHERE ${id} = $1
        AND (${lastAuthenticated} IS NULL OR ${lastAuthenticated} < $3 OR ${firstAuthenticated} IS NULL)`;
    this.markTokenUsedSql = `UPDATE ${table.name} SET ${tokenUsed} = $3
      WHERE ${id} = $1 AND ${tokenDigest} = $2 AND ${tokenUsed} IS NULL`;
    const [approval, updated, version] = [
      table.column('approvalStatus'),
      table.column('updatedAt'),
      table.column('version'),
    ];
    const tokens = database.table(DcrInitialAccessTokenEntity);
    this.insertWhileTokenValidSql = `${table.insertSelectSql} WHERE EXISTS (
      SELECT 1 FROM ${tokens.name}
      WHERE ${tokens.column('id')} = ${table.parameter('initialAccessTokenId')}
        AND ${tokenStillValidSql(tokens)})`;
    this.approveSql = `UPDATE ${table.name}
      SET ${approval} = 'approved', ${updated} = $2, ${version} = ${version} + 1
      WHERE ${id} = $1 AND ${approval} = 'pending'`;
  }

  /**
   * Runs `work` in one transaction, with a repository bound to it: everything it writes is
   * committed together, or nothing is if it throws.
   */
  transaction<T>(work: (clients: DcrClientRepository) => Promise<T>): Promise<T> {
    return this.database.transaction((executor) => work(this.boundTo(executor)));
  }

  /** Inserts a new client in one statement, so a failed request leaves no row behind. */
  async insert(client: DcrClientEntity): Promise<void> {
    await this.executor.run(this.table.insertSql, this.table.parameters(client));
  }

  /**
   * Inserts a client registered with an initial access token, in the one statement that checks
   * the token is still valid (not expired, not revoked): a token revoked on another instance an
   * instant ago stores nothing. Returns whether the client was stored.
   */
  async insertWhileTokenValid(client: DcrClientEntity): Promise<boolean> {
    const result = await this.executor.run(
      this.insertWhileTokenValidSql,
      this.table.parameters(client),
    );
    return result.rowCount === 1;
  }

  /** Reads a client from the primary (or the transaction), as it is now. */
  async findById(clientId: string): Promise<DcrClientEntity | null> {
    return this.one(await this.executor.run(this.table.selectByIdSql, [clientId]));
  }

  /**
   * Reads a client where a slightly stale answer is acceptable: from a read replica when the data
   * source has one. Callers that get no client, or one that does not match what they expect,
   * read again with {@link findById} (read-your-writes after a fresh registration).
   */
  async findByIdOnReplica(clientId: string): Promise<DcrClientEntity | null> {
    return this.one(await this.database.read(this.table.selectByIdSql, [clientId]));
  }

  /** Whether {@link findByIdOnReplica} may answer from a replica rather than the primary. */
  get readsFromReplicas(): boolean {
    return this.database.replicated;
  }

  /**
   * Reads a client and locks its row until the transaction ends (`SELECT ... FOR UPDATE`), so that
   * concurrent changes of one client apply one after the other. Use inside `transaction`.
   */
  async findByIdForUpdate(clientId: string): Promise<DcrClientEntity | null> {
    return this.one(await this.executor.run(`${this.table.selectByIdSql} FOR UPDATE`, [clientId]));
  }

  /** Writes every column of an existing client. Returns whether the row still existed. */
  async update(client: DcrClientEntity): Promise<boolean> {
    const result = await this.executor.run(this.table.updateSql, this.table.parameters(client));
    return result.rowCount === 1;
  }

  /** Deletes a client. Returns whether it existed. */
  async delete(clientId: string): Promise<boolean> {
    const result = await this.executor.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('clientId')} = $1`,
      [clientId],
    );
    return result.rowCount === 1;
  }

  /**
   * Records that the client authenticated at `at`, unless it was already recorded less than
   * `resolutionSeconds` earlier: the busiest clients then cost one write a minute, not one per
   * token request. The first authentication is recorded too, once (a conditional update).
   */
  async recordAuthentication(clientId: string, at: Date, resolutionSeconds: number): Promise<void> {
    await this.executor.run(this.recordAuthenticationSql, [
      clientId,
      at,
      new Date(at.getTime() - resolutionSeconds * 1000),
    ]);
  }

  /**
   * Records the first use of the client's current registration access token (given by its
   * digest), unless it was recorded already or the token was replaced meanwhile.
   */
  async markRegistrationTokenUsed(clientId: string, tokenDigest: Buffer, at: Date): Promise<void> {
    await this.executor.run(this.markTokenUsedSql, [clientId, tokenDigest, at]);
  }

  /**
   * Approves a client waiting for an operator's approval. Returns whether it was waiting (an
   * approved or unknown client is left as it is).
   */
  async approve(clientId: string, at: Date): Promise<boolean> {
    return (await this.executor.run(this.approveSql, [clientId, at])).rowCount === 1;
  }

  /**
   * This repository, with its statements running on `executor`: the transaction of another
   * repository's work, so that writes to several tables commit together.
   */
  on(executor: SqlExecutor): DcrClientRepository {
    return this.boundTo(executor);
  }

  /** This repository, with its statements running on `executor`. */
  private boundTo(executor: SqlExecutor): DcrClientRepository {
    const bound = Object.create(this) as DcrClientRepository;
    bound.executor = executor;
    return bound;
  }

  private one(result: { rows: Record<string, unknown>[] }): DcrClientEntity | null {
    const [row] = result.rows;
    return row ? this.table.fromRow(row) : null;
  }
}
