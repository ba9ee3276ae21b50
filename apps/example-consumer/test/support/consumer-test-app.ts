import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { loadConsumerConfig, type ConsumerConfig } from '../../src/config/consumer-config.js';
import { createConsumerApp } from '../../src/create-consumer-app.js';

export const TEST_ISSUER = 'http://localhost:3001';

export interface ConsumerTestApp {
  readonly app: NestExpressApplication;
  readonly config: ConsumerConfig;
  readonly schema: TestSchema;
  /** The Node HTTP server, for supertest. */
  readonly server: ReturnType<NestExpressApplication['getHttpServer']>;
  /** Closes the app, then drops its schema unless the schema was given. */
  close(): Promise<void>;
}

export interface ConsumerTestAppOptions {
  /** Environment variables besides DATABASE_URL, as main.ts would read them. */
  env?: Record<string, string>;
  /** Reuse a schema (to restart an app on the same data); created and dropped otherwise. */
  schema?: TestSchema;
}

/**
 * The database URL of a test schema. The app's configuration only takes a URL, so the schema
 * travels as the libpq `options` parameter, which node-postgres reads from the connection string.
 */
export function schemaDatabaseUrl(schema: TestSchema): string {
  const separator = schema.connection.url.includes('?') ? '&' : '?';
  return `${schema.connection.url}${separator}options=${encodeURIComponent(`-c search_path=${schema.name}`)}`;
}

/** Starts the app in-process (not listening), configured as main.ts does it: from variables. */
export async function startConsumerTestApp(
  options: ConsumerTestAppOptions = {},
): Promise<ConsumerTestApp> {
  const schema = options.schema ?? (await createTestSchema('consumer'));
  const ownsSchema = options.schema === undefined;
  let app: NestExpressApplication | undefined;
  try {
    const config = loadConsumerConfig({
      ISSUER: TEST_ISSUER,
      ...options.env,
      DATABASE_URL: schemaDatabaseUrl(schema),
    });
    app = await createConsumerApp(config, false);
    await app.init();
    const started = app;
    return {
      app: started,
      config,
      schema,
      server: started.getHttpServer(),
      async close() {
        try {
          await started.close();
        } finally {
          if (ownsSchema) await schema.drop();
        }
      },
    };
  } catch (error) {
    await app?.close();
    if (ownsSchema) await schema.drop();
    throw error;
  }
}
