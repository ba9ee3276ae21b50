import { afterAll, beforeAll } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { loadIdentityConfig } from '../../src/config/identity-config.js';
import { createIdentityApp, type IdentityApp } from '../../src/create-identity-app.js';
import { allowSwaggerUiUnderJest } from './swagger-ui-under-jest.js';
import { databaseUrlFor } from './test-database-url.js';

type Server = ReturnType<IdentityApp['app']['getHttpServer']>;

export interface RunningApp {
  identity: IdentityApp;
  server: Server;
}

/**
 * Starts the app in-process on `schema`, configured as `main.ts` does it: from environment
 * variables. The app joins `started` as soon as it exists, so that closing those closes it too.
 */
export async function startInProcess(
  schema: TestSchema | undefined,
  env: Record<string, string>,
  started: IdentityApp[],
): Promise<RunningApp> {
  if (!schema) throw new Error('the test schema was not created');
  const config = loadIdentityConfig({ ...env, DATABASE_URL: databaseUrlFor(schema) });
  const identity = await createIdentityApp(config, false);
  started.push(identity);
  await identity.app.init();
  await identity.app.getHttpAdapter().getInstance().ready();
  return { identity, server: identity.app.getHttpServer() };
}

/** Closes the apps first (they hold connections to the schema), then drops the schema. */
export async function closeAppsThenDropSchema(
  started: IdentityApp[],
  schema: TestSchema | undefined,
): Promise<void> {
  const results = await Promise.allSettled(started.map((identity) => identity.close()));
  await schema?.drop();
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
  }
}

/** What `useIdentityOnTestSchema` gives a test file. */
export interface IdentityTestSchema {
  /** Starts an app on the file's schema. */
  startApp(env: Record<string, string>): Promise<RunningApp>;
  /** The file's schema, once created. */
  schema(): TestSchema;
}

/**
 * For a test file: a schema of its own, created before its tests and dropped after them, with
 * every app the file started closed first.
 */
export function useIdentityOnTestSchema(): IdentityTestSchema {
  let schema: TestSchema | undefined;
  const started: IdentityApp[] = [];
  beforeAll(async () => {
    await allowSwaggerUiUnderJest();
    schema = await createTestSchema('identity');
  });
  afterAll(async () => {
    await closeAppsThenDropSchema(started, schema);
  });
  return {
    startApp: (env) => startInProcess(schema, env, started),
    schema: () => {
      if (!schema) throw new Error('the test schema was not created');
      return schema;
    },
  };
}
