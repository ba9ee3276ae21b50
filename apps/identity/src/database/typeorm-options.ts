import type { TypeOrmModuleAsyncOptions, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DCR_ENTITIES, DCR_MIGRATIONS, runMigrationsUnderLock } from '@agent-runtimes/dcr';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from './migrations/index.js';

/** Where the app's data lives and how it is reached. */
export interface DatabaseTarget {
  readonly url: string;
  readonly poolSize: number;
  /** Read replicas (streaming standbys of `url`); empty for none. */
  readonly replicaUrls?: readonly string[];
  /** How long an idle pooled connection is kept, in ms (pg's default: 10 s). */
  readonly idleTimeoutMs?: number;
  /**
   * The longest a statement may take, in ms (0: no limit). Module transactions set it with `SET
   * LOCAL`; the client also gives up on any statement a second later, so that a request never
   * hangs on a database that does not answer.
   */
  readonly statementTimeoutMs?: number;
}

/** Reads that may be stale go to the replicas; everything else to the primary. */
function connection(target: DatabaseTarget): object {
  const replicas = target.replicaUrls ?? [];
  return replicas.length === 0
    ? { url: target.url }
    : {
        replication: {
          master: { url: target.url },
          slaves: replicas.map((url) => ({ url })),
        },
      };
}

/**
 * TypeORM options for the app: the module's entity and migrations, and the app's own (the
 * authorization server's tables). Never `synchronize`: the
 * schema changes only through migrations, which {@link typeOrmModuleOptions} runs under an
 * advisory lock. A pool per app instance (and per replica); several instances share the database
 * (see the README's scale-out notes).
 *
 * No session parameter is sent at connection start (PgBouncer in transaction mode refuses
 * `statement_timeout` there); see the README for a role-level `statement_timeout`.
 */
export function typeOrmOptions(target: DatabaseTarget): TypeOrmModuleOptions {
  const statementTimeoutMs = target.statementTimeoutMs ?? 10_000;
  return {
    type: 'postgres',
    ...connection(target),
    entities: [...DCR_ENTITIES, ...IDENTITY_ENTITIES],
    migrations: [...DCR_MIGRATIONS, ...IDENTITY_MIGRATIONS],
    migrationsRun: false,
    synchronize: false,
    // Start-up waits for the database itself (one log line per attempt), so no retry loop here.
    retryAttempts: 1,
    toRetry: () => false,
    extra: {
      max: target.poolSize,
      // While the database is away, a request fails within seconds (503) instead of queueing.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: target.idleTimeoutMs ?? 10_000,
      ...(statementTimeoutMs > 0 ? { query_timeout: statementTimeoutMs + 1000 } : {}),
      keepAlive: true,
    },
  };
}

/**
 * `TypeOrmModule.forRootAsync` options: the data source is initialized, then its migrations run
 * under a PostgreSQL advisory lock, so that instances started together on a fresh database all
 * come up.
 */
export function typeOrmModuleOptions(target: DatabaseTarget): TypeOrmModuleAsyncOptions {
  return {
    useFactory: () => typeOrmOptions(target),
    dataSourceFactory: async (options) => {
      const dataSource = await new DataSource(options as DataSourceOptions).initialize();
      try {
        await runMigrationsUnderLock(dataSource);
      } catch (error) {
        await dataSource.destroy();
        throw error;
      }
      return dataSource;
    },
  };
}
