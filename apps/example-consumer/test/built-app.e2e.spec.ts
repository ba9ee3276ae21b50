import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
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

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  output(): string;
}

const children = new Set<ChildProcess>();
let schema: TestSchema | undefined;

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function spawnApp(env: Record<string, string>): AppProcess {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONSUMER_VARIABLES) delete inherited[name];
  // Jest's own flags (--experimental-vm-modules) would add warnings to the app's output.
  delete inherited.NODE_OPTIONS;
  const child = spawn(process.execPath, [MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<Exit>((resolveExit, rejectExit) => {
    child.once('error', rejectExit);
    child.once('close', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });
  return { child, exited, output: () => stripAnsi(output) };
}

/** Waits for the "Listening on http://127.0.0.1:PORT" line and returns that URL. */
async function listeningUrl(app: AppProcess): Promise<string> {
  const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/;
  return new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      rejectUrl(new Error(`the app did not start in ${START_TIMEOUT_MS} ms:\n${app.output()}`));
    }, START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const url = listening.exec(app.output())?.[1];
      if (url) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveUrl(url);
      }
    }, 50);
    void app.exited.then((exit) => {
      clearInterval(poll);
      clearTimeout(timer);
      rejectUrl(
        new Error(`the app exited before listening: ${JSON.stringify(exit)}\n${app.output()}`),
      );
    });
  });
}

beforeAll(async () => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the app first (npx nx run example-consumer:build)`);
  }
  schema = await createTestSchema('consumer_main');
});

afterAll(async () => {
  // Even when a test failed half-way: no app outlives the tests.
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...children].map((child) => new Promise((done) => child.once('close', done))));
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
      const url = await listeningUrl(app);
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
