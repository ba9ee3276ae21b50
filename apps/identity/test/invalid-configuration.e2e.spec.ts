import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { assertBuilt, killAllApps, spawnApp, type AppProcess } from './support/identity-process.js';

// The single-variable cases (PORT, ISSUER) are in embedded-restart.e2e.spec.ts.

const TEST_TIMEOUT_MS = 60_000;
const PREFIX = 'identity: invalid configuration: ';

let folder: string;

beforeAll(async () => {
  assertBuilt();
  folder = await mkdtemp(join(tmpdir(), 'identity-config-'));
});

afterAll(async () => {
  await killAllApps();
  await rm(folder, { recursive: true, force: true });
});

/** Runs the built app with `env` until it exits, and returns its stderr lines. */
async function stderrLinesOfFailedStart(app: AppProcess, dataDir: string): Promise<string[]> {
  expect(await app.exited).toEqual({ code: 1, signal: null });
  expect(app.stdout()).not.toContain('Listening');
  // Nothing was started: the embedded database did not create its folder.
  expect(existsSync(dataDir)).toBe(false);
  return app
    .stderr()
    .split('\n')
    .filter((line) => line !== '');
}

describe('the built app with several invalid variables', () => {
  it(
    'exits with code 1 and one stderr line per variable, never echoing credentials',
    async () => {
      const dataDir = join(folder, 'several');
      const app = spawnApp({
        DATA_DIR: dataDir,
        PORT: 'abc',
        AUTHORIZATION_ENDPOINT: 'https://user:pass@host/x',
        DATABASE_URL: 'https://user:pass@host/x',
        ADMIN_TOKEN: 'pass-word-too-short',
      });
      const lines = await stderrLinesOfFailedStart(app, dataDir);
      expect(lines).toEqual([
        `${PREFIX}PORT must be a whole number from 0 to 65535 (got "abc")`,
        `${PREFIX}AUTHORIZATION_ENDPOINT must not contain user credentials (got "https://***@host/x")`,
        `${PREFIX}DATABASE_URL must be a postgres:// or postgresql:// URL`,
        `${PREFIX}ADMIN_TOKEN must be at least 32 characters long`,
      ]);
      expect(app.stderr()).not.toContain('pass');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses an http TOKEN_ENDPOINT on a public host, like an http ISSUER',
    async () => {
      const dataDir = join(folder, 'endpoint');
      const app = spawnApp({ DATA_DIR: dataDir, TOKEN_ENDPOINT: 'http://auth.example.com/token' });
      expect(await stderrLinesOfFailedStart(app, dataDir)).toEqual([
        `${PREFIX}TOKEN_ENDPOINT must use https (http is accepted only for 127.0.0.1, [::1] and localhost) (got "http://auth.example.com/token")`,
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses an upstream OpenID Connect provider without its client secret, never echoing values',
    async () => {
      const dataDir = join(folder, 'upstream');
      const app = spawnApp({
        DATA_DIR: dataDir,
        UPSTREAM_OIDC_ISSUER: 'https://login.example.com',
        UPSTREAM_OIDC_CLIENT_ID: 'identity-client-id',
      });
      expect(await stderrLinesOfFailedStart(app, dataDir)).toEqual([
        `${PREFIX}UPSTREAM_OIDC_ISSUER is set without UPSTREAM_OIDC_CLIENT_SECRET: the upstream provider needs all three UPSTREAM_OIDC_ variables`,
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the built app with a test switch and NODE_ENV=production', () => {
  it(
    'exits with code 1, naming each test-only variable',
    async () => {
      const dataDir = join(folder, 'production');
      const app = spawnApp({
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        IDENTITY_TEST_LOGIN_SUBJECT: 'alice',
        IDENTITY_CONSENT_AUTO_APPROVE: 'true',
      });
      expect(await stderrLinesOfFailedStart(app, dataDir)).toEqual([
        `${PREFIX}IDENTITY_TEST_LOGIN_SUBJECT is test-only: it must not be set when NODE_ENV=production`,
        `${PREFIX}IDENTITY_CONSENT_AUTO_APPROVE is test-only: it must not be set when NODE_ENV=production`,
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});
