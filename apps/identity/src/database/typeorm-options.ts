import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DCR_MIGRATIONS, DcrClientEntity } from '@agent-runtimes/dcr';

/** Where the app's data lives: a PostgreSQL URL and how many connections to pool. */
export interface DatabaseTarget {
  readonly url: string;
  readonly poolSize: number;
}

/**
 * TypeORM options for the app: the module's entity and migrations, run at start. Never
 * `synchronize`: the schema changes only through migrations.
 */
export function typeOrmOptions(target: DatabaseTarget): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: [DcrClientEntity],
    migrations: DCR_MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    extra: { max: target.poolSize },
  };
}
