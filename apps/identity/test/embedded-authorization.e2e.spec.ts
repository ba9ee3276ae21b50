import { stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { KEY_FILE_NAME } from '../src/authorization-server/keys/key-encryption-key.js';
import { TEST_SWITCHES } from './support/authorization-server-on-test-schema.js';
import { freeLoopbackPort } from './support/identity-on-test-schema.js';
import {
  assertBuilt,
  killAllApps,
  logLines,
  spawnApp,
  stopApp,
  untilListening,
  type RunningApp,
} from './support/identity-process.js';
import { INSECURE, codeFlow, discover, register } from './support/oauth-client.js';

const TEST_TIMEOUT_MS = 120_000;

/**
 * `npm start` with nothing configured but the test switches: the built app on the embedded
 * PostgreSQL, reached over HTTP, completes the whole flow for a client that sends no `resource`.
 */
describe('the built app on the embedded database (no DATABASE_URL)', () => {
  let folder: string;
  let dataDir: string;
  let issuer: string;
  let port: number;

  beforeAll(async () => {
    assertBuilt();
    folder = await mkdtemp(join(tmpdir(), 'identity-embedded-as-'));
    dataDir = join(folder, 'pglite');
    port = await freeLoopbackPort();
    issuer = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await killAllApps();
    await rm(folder, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>): Promise<RunningApp> =>
    untilListening(spawnApp({ PORT: String(port), ISSUER: issuer, DATA_DIR: dataDir, ...env }));

  it(
    'completes the flow for a client that sends no resource, and logs no credential',
    async () => {
      const app = await start(TEST_SWITCHES);
      try {
        const as = await discover(issuer);
        const client = await register(as, {
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
        });
        const tokens = await codeFlow(as, issuer, { clientId: client.client_id });
        const { payload } = await jwtVerify(
          tokens.access_token,
          createRemoteJWKSet(new URL(as.jwks_uri as string)),
          { issuer, audience: issuer, typ: 'at+jwt' },
        );
        expect(payload).toMatchObject({ sub: 'alice', scope: 'mcp:tools' });
        const caller = { client_id: client.client_id };
        const refreshed = await oauth.processRefreshTokenResponse(
          as,
          caller,
          await oauth.refreshTokenGrantRequest(
            as,
            caller,
            oauth.None(),
            tokens.refresh_token as string,
            INSECURE,
          ),
        );
        expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

        // The key-encryption key file, owner-only, next to the database files.
        expect((await stat(join(dataDir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);

        await stopApp(app);
        const lines = logLines(app);
        expect(lines.some((line) => String(line.msg).startsWith('TEST ONLY:'))).toBe(true);
        const requests = lines.filter((line) => line.msg === 'request');
        expect(requests.map((line) => line.path)).toEqual(
          expect.arrayContaining(['/authorize', '/token', '/register']),
        );
        // Paths only, no query string; no code, token or verifier anywhere in the output.
        expect(requests.every((line) => !String(line.path).includes('?'))).toBe(true);
        const output = app.stdout() + app.stderr();
        for (const value of [tokens.access_token, tokens.refresh_token, refreshed.refresh_token]) {
          expect(output.includes(value as string)).toBe(false);
        }
        expect(
          app
            .stdout()
            .split('\n')
            .filter((line) => line !== '' && !line.startsWith('{')),
        ).toEqual([]);
      } finally {
        await stopApp(app);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'restarts on its keys, and marks the development sign-in in the log when no switch is set',
    async () => {
      const jwksBefore = await (async () => {
        const app = await start(TEST_SWITCHES);
        try {
          return await (await fetch(`${issuer}/jwks`)).json();
        } finally {
          await stopApp(app);
        }
      })();
      const app = await start({});
      try {
        expect(await (await fetch(`${issuer}/jwks`)).json()).toEqual(jwksBefore);
      } finally {
        await stopApp(app);
      }
      expect(
        logLines(app).some(
          (line) =>
            line.level === 'warn' &&
            String(line.msg).startsWith('DEVELOPMENT ONLY: people sign in by typing any user name'),
        ),
      ).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'logs the upstream provider and the redirect URI to register there, never its secret',
    async () => {
      const app = await start({
        UPSTREAM_OIDC_ISSUER: 'https://login.example.com/tenant',
        UPSTREAM_OIDC_CLIENT_ID: 'identity-client',
        UPSTREAM_OIDC_CLIENT_SECRET: 'upstream-secret-never-logged',
      });
      await stopApp(app);
      expect(logLines(app).map((line) => String(line.msg))).toContain(
        `People sign in at https://login.example.com/tenant (redirect URI to register there: ${issuer}/interaction/callback/upstream)`,
      );
      expect(app.stdout() + app.stderr()).not.toContain('upstream-secret-never-logged');
    },
    TEST_TIMEOUT_MS,
  );
});
