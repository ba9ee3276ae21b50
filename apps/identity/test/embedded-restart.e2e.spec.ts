import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// The built app, run the way `npm start` runs it: from the workspace root. The Nx `test` target
// depends on `build`, so dist is current when the tests run through Nx.
const WORKSPACE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const MAIN = join(WORKSPACE_ROOT, 'apps/identity/dist/main.js');

// PGlite compiles PostgreSQL to WebAssembly and runs initdb on a fresh folder: a start takes
// seconds, more on a busy machine.
const START_TIMEOUT_MS = 45_000;
const TEST_TIMEOUT_MS = 60_000;

/** Every variable the app reads: none is inherited from the environment the tests run in. */
const IDENTITY_VARIABLES = [
  'PORT',
  'HOST',
  'ISSUER',
  'DATABASE_URL',
  'DATA_DIR',
  'DATABASE_POOL_SIZE',
  'CLIENT_SECRET_LIFETIME_SECONDS',
  'AUTHORIZATION_ENDPOINT',
  'TOKEN_ENDPOINT',
];

const PUBLIC_CLIENT = {
  client_name: 'Embedded restart e2e',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

interface RunningApp extends AppProcess {
  readonly url: string;
}

const children = new Set<ChildProcess>();
const folders: string[] = [];

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function appEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of IDENTITY_VARIABLES) delete inherited[name];
  // Jest's own flags (--experimental-vm-modules) would add warnings to the app's stderr.
  delete inherited.NODE_OPTIONS;
  return { ...inherited, NO_COLOR: '1', ...env };
}

/** Runs `node apps/identity/dist/main.js` from the workspace root with `env`. */
function spawnApp(env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [MAIN], {
    cwd: WORKSPACE_ROOT,
    env: appEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolveExit, rejectExit) => {
    child.once('error', rejectExit);
    child.once('close', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });
  return { child, exited, stdout: () => stripAnsi(stdout), stderr: () => stripAnsi(stderr) };
}

/** Starts the app and waits for its "Listening on http://127.0.0.1:PORT" line. */
async function startApp(env: Record<string, string>): Promise<RunningApp> {
  // The port is picked by the OS, so the issuer cannot derive from it: any loopback issuer will do.
  const app = spawnApp({ PORT: '0', ISSUER: 'http://127.0.0.1', ...env });
  const listening = /Listening on (http:\/\/127\.0\.0\.1:(\d+))/;
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const describeOutput = () => `\nstdout:\n${app.stdout()}\nstderr:\n${app.stderr()}`;
    const timer = setTimeout(() => {
      clearInterval(poll);
      rejectUrl(new Error(`the app did not start in ${START_TIMEOUT_MS} ms${describeOutput()}`));
    }, START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const match = listening.exec(app.stdout());
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    }, 50);
    void app.exited.then((exit) => {
      clearInterval(poll);
      clearTimeout(timer);
      rejectUrl(
        new Error(`the app exited before listening: ${JSON.stringify(exit)}${describeOutput()}`),
      );
    });
  });
  return { ...app, url };
}

async function stopApp(app: AppProcess): Promise<Exit> {
  app.child.kill('SIGTERM');
  return app.exited;
}

async function register(app: RunningApp): Promise<string> {
  const response = await fetch(`${app.url}/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(PUBLIC_CLIENT),
  });
  const body = (await response.json()) as { client_id?: unknown };
  expect({ status: response.status, body }).toEqual({
    status: 201,
    body: expect.objectContaining({ client_id: expect.any(String) }),
  });
  return body.client_id as string;
}

const PGLITE_QUERY = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create({ dataDir: process.env.PGLITE_DATA_DIR });
try {
  const { rows } = await db.query('SELECT client_id FROM dcr_client ORDER BY client_id');
  process.stdout.write(JSON.stringify(rows.map((row) => row.client_id)));
} finally {
  await db.close();
}
`;

/**
 * The client ids stored in the embedded database in `dataDir`, read by a separate Node process
 * (PGlite's WebAssembly does not load in Jest's module sandbox). The app must be stopped: PGlite
 * opens a data folder in one process at a time.
 */
async function storedClientIds(dataDir: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', PGLITE_QUERY],
    { cwd: WORKSPACE_ROOT, env: { ...appEnv({}), PGLITE_DATA_DIR: dataDir }, timeout: 30_000 },
  );
  return JSON.parse(stdout) as string[];
}

async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'identity-embedded-'));
  folders.push(folder);
  return folder;
}

beforeAll(() => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the app first (npx nx run identity:build)`);
  }
});

afterAll(async () => {
  // Even when a test failed half-way: no app outlives the tests, and no data folder stays behind.
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...children].map((child) => new Promise((done) => child.once('close', done))));
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('the built app on its embedded PostgreSQL', () => {
  let dataDir: string;
  let firstClientId: string | undefined;

  beforeAll(async () => {
    dataDir = join(await newFolder(), 'pglite');
  });

  it(
    'keeps a registered client after a SIGTERM stop',
    async () => {
      const app = await startApp({ DATA_DIR: dataDir });
      expect(app.stdout()).toContain(`embedded PostgreSQL in ${dataDir}`);
      firstClientId = await register(app);

      const exit = await stopApp(app);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(app.stdout()).toContain('SIGTERM: closing');

      expect(await storedClientIds(dataDir)).toEqual([firstClientId]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'starts again on the same folder (migrations already applied) and adds to its data',
    async () => {
      expect(firstClientId).toEqual(expect.any(String));
      const app = await startApp({ DATA_DIR: dataDir });
      const secondClientId = await register(app);
      expect(secondClientId).not.toBe(firstClientId);

      const exit = await stopApp(app);
      expect(exit).toEqual({ code: 0, signal: null });

      expect((await storedClientIds(dataDir)).sort()).toEqual(
        [firstClientId, secondClientId].sort(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the built app with an invalid configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['ISSUER', 'http://example.com'],
  ])(
    'exits with code 1 and one stderr line naming %s (%s), starting nothing',
    async (variable, value) => {
      const dataDir = join(await newFolder(), 'never-created');
      const app = spawnApp({ DATA_DIR: dataDir, [variable]: value });
      const exit = await app.exited;

      expect(exit).toEqual({ code: 1, signal: null });
      const lines = app
        .stderr()
        .split('\n')
        .filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${variable} `);
      expect(lines[0]).toContain(value);
      expect(app.stdout()).not.toContain('Listening');
      // Nothing was started: the embedded database did not create its folder.
      expect(existsSync(dataDir)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );
});
