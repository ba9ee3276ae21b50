import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import {
  DCR_ENTITIES,
  DCR_MIGRATIONS,
  DcrBodyErrorFilter,
  DcrModule,
  dcrFrameworkErrors,
  type DcrModuleOptions,
} from '../../src/index.js';

export const TEST_ISSUER = 'https://issuer.example';
export const BODY_LIMIT = 64 * 1024;

export interface DcrTestApp {
  readonly app: INestApplication;
  readonly schema: TestSchema;
  /** The `application_name` of the app's connections, to find them in `pg_stat_activity`. */
  readonly applicationName: string;
  /** The Node HTTP server, for supertest. */
  readonly server: ReturnType<INestApplication['getHttpServer']>;
  /** Rows of `dcr_client` in this test's schema. */
  countClients(): Promise<number>;
  close(): Promise<void>;
}

export interface DcrTestAppOptions {
  /** Controllers of the host app, next to the module's. */
  hostControllers?: Type<unknown>[];
  /** Modules of the host app (global providers, `APP_GUARD`s, one providing `DCR_REGISTRATION_POLICY`), imported by its root module. */
  hostModules?: Type<unknown>[];
  adapter?: 'fastify' | 'express';
  dcr?: Partial<DcrModuleOptions>;
  path?: string;
  adminPath?: string;
  /** Reuse a schema (e.g. to restart an app on the same data); created and dropped otherwise. */
  schema?: TestSchema;
  /** Reach the database at another URL (a proxy) than the test server's. */
  databaseUrl?: string;
  /** Options of the pg pool (`max`, `connectionTimeoutMillis`, ...). */
  poolOptions?: Record<string, unknown>;
  /** `app.setGlobalPrefix(...)`, set before the app is initialized. */
  globalPrefix?: string;
}

/**
 * An app composing DcrModule the way a host app does: its own TypeORM data source on the real
 * PostgreSQL server (in a schema of its own), the module's migrations run at start, a 64 KiB body
 * limit and `DcrBodyErrorFilter` bound globally for body-parser errors.
 */
export async function createDcrTestApp(options: DcrTestAppOptions = {}): Promise<DcrTestApp> {
  const schema = options.schema ?? (await createTestSchema('dcr'));
  const ownsSchema = options.schema === undefined;
  const applicationName = `dcr-test-${schema.name}-${Math.random().toString(36).slice(2, 8)}`;
  let app: INestApplication;
  try {
    app = await createApp(
      appModule(schema, applicationName, options),
      options.adapter ?? 'fastify',
      options.globalPrefix,
    );
  } catch (error) {
    if (ownsSchema) await schema.drop();
    throw error;
  }
  return {
    app,
    schema,
    applicationName,
    server: app.getHttpServer(),
    async countClients() {
      const [row] = await schema.query<{ count: string }>('SELECT count(*) FROM dcr_client');
      return Number(row?.count);
    },
    async close() {
      await app.close();
      if (ownsSchema) await schema.drop();
    },
  };
}

function appModule(
  schema: TestSchema,
  applicationName: string,
  options: DcrTestAppOptions,
): Type<unknown> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        ...schema.connection,
        url: options.databaseUrl ?? schema.connection.url,
        extra: { ...schema.connection.extra, ...options.poolOptions },
        applicationName,
        entities: DCR_ENTITIES,
        migrations: DCR_MIGRATIONS,
        migrationsRun: true,
        synchronize: false,
      }),
      DcrModule.forRoot({
        issuer: TEST_ISSUER,
        ...options.dcr,
        path: options.path,
        adminPath: options.adminPath,
      }),
      ...(options.hostModules ?? []),
    ],
    controllers: options.hostControllers ?? [],
  })
  class TestAppModule {}
  return TestAppModule;
}

async function createApp(
  module: Type<unknown>,
  adapter: 'fastify' | 'express',
  globalPrefix: string | undefined,
): Promise<INestApplication> {
  // abortOnError: false, so that a start-up failure is an exception the test can expect.
  const app =
    adapter === 'express'
      ? await NestFactory.create<NestExpressApplication>(module, new ExpressAdapter(), {
          logger: false,
          bodyParser: false,
          abortOnError: false,
        })
      : await NestFactory.create<NestFastifyApplication>(
          module,
          new FastifyAdapter({ bodyLimit: BODY_LIMIT, frameworkErrors: dcrFrameworkErrors }),
          { logger: false, abortOnError: false },
        );
  if (adapter === 'express') {
    (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT });
  }
  app.useGlobalFilters(app.get(DcrBodyErrorFilter));
  if (globalPrefix) app.setGlobalPrefix(globalPrefix);
  await app.init();
  if (adapter === 'fastify') {
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  }
  return app;
}
