import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestSchema,
  killAllBuiltApps,
  listeningUrl,
  spawnBuiltApp,
  type BuiltAppProcess,
  type TestSchema,
} from '@agent-runtimes/testing';
import { schemaDatabaseUrl } from './support/consumer-test-app.js';
import { basicAuthorization, confidentialClient, form } from './support/oauth-requests.js';

// The built app, run the way a user runs it: Node loads `@agent-runtimes/dcr` from the library's
// dist, as a published package would be loaded, not from the sources Jest maps it to. The Nx
// `test` target depends on `build`, so both dists are current when the tests run through Nx.
const WORKSPACE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const MAIN = join(WORKSPACE_ROOT, 'apps/example-consumer/dist/main.js');

const START_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 45_000;

/** Every variable the app reads: none is inherited from the environment the tests run in. */
const CONSUMER_VARIABLES = ['PORT', 'HOST', 'ISSUER', 'DATABASE_URL', 'REGISTRATION_PATH'];

let schema: TestSchema | undefined;

function spawnApp(env: Record<string, string>): BuiltAppProcess {
  return spawnBuiltApp({ main: MAIN, cwd: WORKSPACE_ROOT, appVariables: CONSUMER_VARIABLES, env });
}

beforeAll(async () => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the app first (npx nx run example-consumer:build)`);
  }
  schema = await createTestSchema('consumer_main');
});

afterAll(async () => {
  // Even when a test failed half-way: no app outlives the tests.
  await killAllBuiltApps();
  await schema?.drop();
});

describe('the built app (node dist/main.js)', () => {
  it(
    'starts from environment variables, registers and authenticates a client, and stops on SIGTERM',
    async () => {
      const app = spawnApp({
        PORT: '0',
        ISSUER: 'https://consumer.example',
        DATABASE_URL: schemaDatabaseUrl(schema!),
      });
      const url = await listeningUrl(app, START_TIMEOUT_MS);
      expect(app.output()).toContain(
        'registration endpoint https://consumer.example/api/oauth/register',
      );

      const registered = await fetch(`${url}/api/oauth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(confidentialClient('client_secret_basic')),
      });
      const client = (await registered.json()) as Record<string, string | undefined>;
      expect(registered.status).toBe(201);
      expect(client.registration_client_uri).toBe(
        `https://consumer.example/api/oauth/register/${client.client_id}`,
      );

      const token = await fetch(`${url}/api/oauth/token`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: basicAuthorization(client.client_id!, client.client_secret!),
        },
        body: form({ grant_type: 'client_credentials' }),
      });
      expect({ status: token.status, body: await token.json() }).toEqual({
        status: 200,
        body: { client_id: client.client_id, token_endpoint_auth_method: 'client_secret_basic' },
      });

      app.child.kill('SIGTERM');
      const exit = await app.exited;
      // Nest's shutdown hooks close the app, then re-raise the signal.
      expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses to start without DATABASE_URL, with one line naming it and exit code 1',
    async () => {
      const app = spawnApp({ PORT: '0', ISSUER: 'https://consumer.example' });
      const exit = await app.exited;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(app.output().trim()).toBe(
        'example-consumer: invalid configuration: DATABASE_URL must be set',
      );
    },
    TEST_TIMEOUT_MS,
  );
});
