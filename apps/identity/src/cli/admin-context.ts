import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DcrAdminService, DcrModule } from '@agent-runtimes/dcr';
import type { IdentityConfig } from '../config/identity-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres.js';
import { typeOrmModuleOptions } from '../database/typeorm-options.js';
import { dcrModuleOptions } from '../dcr-module-options.js';

/** The module's operator actions on the app's database, for the CLI. */
export interface AdminContext {
  readonly admin: DcrAdminService;
  close(): Promise<void>;
}

@Module({})
class CliModule {
  static forRoot(config: IdentityConfig, url: string, poolSize: number): DynamicModule {
    return {
      module: CliModule,
      imports: [
        // The app's own data source options: migrations run under the advisory lock first.
        TypeOrmModule.forRootAsync(
          typeOrmModuleOptions({
            url,
            poolSize,
            statementTimeoutMs: config.databaseStatementTimeoutMs,
            idleTimeoutMs: config.databaseIdleTimeoutMs,
          }),
        ),
        DcrModule.forRoot(dcrModuleOptions(config)),
      ],
    };
  }
}

/**
 * Opens `DcrModule` on the database the app uses (`DATABASE_URL`, or the embedded one in
 * `DATA_DIR`), without HTTP, and returns its `DcrAdminService`: the CLI does exactly what the admin
 * API and host tooling do.
 */
export async function openAdminContext(config: IdentityConfig): Promise<AdminContext> {
  const embedded: EmbeddedPostgres | undefined = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir);
  let context: INestApplicationContext | undefined;
  try {
    context = await NestFactory.createApplicationContext(
      CliModule.forRoot(
        config,
        config.databaseUrl ?? (embedded as EmbeddedPostgres).url,
        embedded ? 1 : 2,
      ),
      { logger: false, abortOnError: false },
    );
    const opened = context;
    return {
      admin: opened.get(DcrAdminService, { strict: false }),
      async close() {
        await opened.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
