import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DCR_ENTITIES, DCR_MIGRATIONS } from '@agent-runtimes/dcr';
import type { ConsumerConfig } from '../config/consumer-config.js';
import { AuditEntry } from './audit-entry.entity.js';
import { CONSUMER_MIGRATIONS } from './migrations/index.js';

/**
 * The app's one data source: its own entity and migrations next to the module's, all run at start.
 * Never `synchronize`: the schema changes only through migrations.
 */
export function typeOrmOptions(config: ConsumerConfig): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: [...DCR_ENTITIES, AuditEntry],
    migrations: [...DCR_MIGRATIONS, ...CONSUMER_MIGRATIONS],
    migrationsRun: true,
    synchronize: false,
  };
}
