import { createServer } from 'node:net';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { loadIdentityConfig } from '../../src/config/identity-config.js';
import { createIdentityApp, type IdentityApp } from '../../src/create-identity-app.js';
import { allowSwaggerUiUnderJest } from './swagger-ui-under-jest.js';
import { databaseUrlFor } from './test-database-url.js';

/** The identity app started in-process on a schema of its own of the test PostgreSQL server. */
export interface IdentityOnTestSchema {
  readonly identity: IdentityApp;
  readonly schema: TestSchema;
  /** Closes the app (it holds connections to the schema), then drops the schema. */
  close(): Promise<void>;
}

/**
 * Creates the app as `main.ts` does (from environment variables) on a new schema, lets `prepare`
 * see it before its routes are registered, and initializes it (not listening).
 */
export async function startIdentityOnTestSchema(
  schemaPrefix: string,
  env: Record<string, string>,
  prepare?: (identity: IdentityApp) => void,
): Promise<IdentityOnTestSchema> {
  await allowSwaggerUiUnderJest();
  const schema = await createTestSchema(schemaPrefix);
  let identity: IdentityApp | undefined;
  try {
    const config = loadIdentityConfig({ ...env, DATABASE_URL: databaseUrlFor(schema) });
    identity = await createIdentityApp(config, false);
    prepare?.(identity);
    await identity.app.init();
    await identity.app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await identity?.close().catch(() => undefined);
    await schema.drop();
    throw error;
  }
  const started = identity;
  return {
    identity: started,
    schema,
    async close() {
      try {
        await started.close();
      } finally {
        await schema.drop();
      }
    },
  };
}

/** A TCP port that was free on the loopback interface a moment ago. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}
