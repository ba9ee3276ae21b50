import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DCR_MIGRATIONS, DcrClientEntity } from '@agent-runtimes/dcr';

/** Where the app's data lives: a PostgreSQL URL and how many connections to pool. */
export interface DatabaseTarget {
  readonly url: string;
  readonly poolSize: number;
}

/**
 * TypeORM options for the app: the module's entity and migrations, run at start. Never
 * `synchronize`: the schema changes only through migrations. A pool per app instance; several
 * instances share the database (see the README's scale-out notes).
 */
export function typeOrmOptions(target: DatabaseTarget): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: [DcrClientEntity],
    migrations: DCR_MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    // Start-up waits for the database itself (one log line per attempt), so no retry loop here.
    retryAttempts: 1,
    toRetry: () => false,
    extra: {
      max: target.poolSize,
      // While the database is away, a request fails within seconds (503) instead of queueing.
      connectionTimeoutMillis: 3000,
      // A statement the server takes longer than this over is cancelled (and answered 503).
      statement_timeout: 10_000,
      keepAlive: true,
    },
  };
}
