import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appEnv,
  assertBuilt,
  killAllApps,
  spawnApp,
  startApp,
  stopApp,
  WORKSPACE_ROOT,
  type RunningApp,
} from './support/identity-process.js';

const TEST_TIMEOUT_MS = 60_000;

const PUBLIC_CLIENT = {
  client_name: 'Embedded restart e2e',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

const folders: string[] = [];

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

beforeAll(assertBuilt);

afterAll(async () => {
  // Even when a test failed half-way: no app outlives the tests, and no data folder stays behind.
  await killAllApps();
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
      expect(app.stdout()).toContain('SIGTERM: finishing requests in flight');

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
