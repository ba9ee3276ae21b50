import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  DataSource,
  EntityTarget,
  ObjectLiteral,
  QueryRunner,
  ReplicationMode,
} from 'typeorm';
import { isDatabaseUnavailable } from '../errors/database-unavailable.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { EntityTable } from './entity-table.js';

/** Injection token of the TypeORM `DataSource` the module uses (the `dataSource` extra). */
export const DCR_DATA_SOURCE = Symbol('DCR_DATA_SOURCE');

/** The rows and the affected-row count of one statement. */
export interface SqlResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/** Runs parameterized SQL: on the pool, or on the connection of a transaction. */
export interface SqlExecutor {
  run(sql: string, parameters: readonly unknown[]): Promise<SqlResult>;
}

/** After a replica failed, how long reads go to the primary before a replica is tried again. */
const REPLICA_RETRY_AFTER_MS = 5000;

/**
 * The module's access to PostgreSQL, through TypeORM's public API on the host's data source, and
 * the one place that decides where a statement runs:
 *
 * - every statement is sent unnamed (the extended protocol without a prepared-statement name),
 *   which works through a transaction-pooling PgBouncer (any version) and on the embedded PGlite,
 *   whose one backend session outlives pooled connections and would keep a named statement;
 * - {@link transaction} bounds its statements with `SET LOCAL statement_timeout` (transaction
 *   scoped, so it also works through a pooler, which refuses the startup parameter);
 * - {@link read} serves reads that may be slightly stale from a read replica when the data source
 *   has `replication` configured, and falls back to the primary while no replica answers. Writes,
 *   reads inside a transaction and {@link run} always go to the primary.
 */
@Injectable()
export class DcrDatabase implements SqlExecutor {
  private readonly logger = new Logger('DcrDatabase');
  private readonly tables = new Map<EntityTarget<ObjectLiteral>, EntityTable<ObjectLiteral>>();
  private replicaRetryAt = 0;

  constructor(
    @Inject(DCR_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
  ) {}

  /**
   * The SQL of an entity's table, built once from its metadata. Throws, naming `DCR_ENTITIES`, when
   * the host's data source does not list the entity (hosts that list entities by hand and added
   * only `DcrClientEntity`).
   */
  table<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): EntityTable<Entity> {
    let table = this.tables.get(target);
    if (!table) {
      if (!this.dataSource.hasMetadata(target)) {
        const name = typeof target === 'function' ? target.name : JSON.stringify(target);
        throw new Error(
          `DcrModule: ${name} is not an entity of the data source; list DCR_ENTITIES in its entities`,
        );
      }
      table = new EntityTable(this.dataSource, target);
      this.tables.set(target, table);
    }
    return table as EntityTable<Entity>;
  }

  /** Whether {@link read} may be served by a read replica (the data source has `replication`). */
  get replicated(): boolean {
    return this.dataSource.driver.isReplicated;
  }

  /** Runs a statement on the primary. */
  run(sql: string, parameters: readonly unknown[]): Promise<SqlResult> {
    return this.runOn('master', sql, parameters);
  }

  /**
   * Runs a read that may be served slightly stale: on a replica when there is one, on the primary
   * when there is none or no replica can be reached. Callers that must see their own writes (or
   * another instance's latest one) use {@link run}.
   */
  async read(sql: string, parameters: readonly unknown[]): Promise<SqlResult> {
    if (this.replicated && Date.now() >= this.replicaRetryAt) {
      try {
        return await this.runOn('slave', sql, parameters);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.replicaRetryAt = Date.now() + REPLICA_RETRY_AFTER_MS;
        this.logger.warn(
          `No read replica answers; reading from the primary for ${REPLICA_RETRY_AFTER_MS / 1000} s`,
        );
      }
    }
    return this.run(sql, parameters);
  }

  /**
   * Runs `work` in one transaction on the primary: everything it runs through the executor it is
   * given commits together, or nothing does if it throws. Its statements are bounded by the
   * `statementTimeoutMs` option (`SET LOCAL`, so the setting ends with the transaction).
   */
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner as QueryRunner;
      const executor: SqlExecutor = { run: (sql, parameters) => execute(runner, sql, parameters) };
      const timeout = this.options.statementTimeoutMs;
      if (timeout > 0) {
        await execute(runner, `SELECT set_config('statement_timeout', $1, true)`, [`${timeout}`]);
      }
      return work(executor);
    });
  }

  private async runOn(
    mode: ReplicationMode,
    sql: string,
    parameters: readonly unknown[],
  ): Promise<SqlResult> {
    const runner = this.dataSource.createQueryRunner(mode);
    try {
      return await execute(runner, sql, parameters);
    } finally {
      await runner.release();
    }
  }
}

async function execute(
  runner: QueryRunner,
  sql: string,
  parameters: readonly unknown[],
): Promise<SqlResult> {
  const result = await runner.query(sql, parameters as unknown[], true);
  return {
    rows: (result.records ?? []) as Record<string, unknown>[],
    rowCount: result.affected ?? 0,
  };
}
