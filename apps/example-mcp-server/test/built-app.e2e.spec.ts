import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { killAllApps, listeningUrl, MAIN, spawnApp } from './support/built-app.js';
import {
  startTestAuthorizationServer,
  type TestAuthorizationServer,
} from './support/test-authorization-server.js';

const TEST_TIMEOUT_MS = 45_000;
/** The public URL of the resource, as behind a reverse proxy: not the address it listens on. */
const RESOURCE = 'https://mcp.example.com/mcp';

let identity: TestAuthorizationServer;

beforeAll(async () => {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${MAIN} is missing: build the app first (npx nx run example-mcp-server:build)`,
    );
  }
  identity = await startTestAuthorizationServer();
});

afterAll(async () => {
  await killAllApps();
  await identity?.close();
});

describe('the built app (node dist/main.js)', () => {
  it(
    'starts from environment variables, challenges, serves its metadata and its tool, and stops on SIGTERM',
    async () => {
      const app = spawnApp({ PORT: '0', MCP_RESOURCE: RESOURCE, IDENTITY_ISSUER: identity.issuer });
      const url = await listeningUrl(app);
      expect(app.output()).toContain(
        `resource ${RESOURCE}; authorization server ${identity.issuer}`,
      );

      const challenged = await fetch(`${url}/mcp`, { method: 'POST' });
      expect(challenged.status).toBe(401);
      expect(challenged.headers.get('www-authenticate')).toBe(
        'Bearer scope="mcp:tools", ' +
          'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
      );

      const metadata = await fetch(`${url}/.well-known/oauth-protected-resource/mcp`);
      expect(await metadata.json()).toMatchObject({
        resource: RESOURCE,
        authorization_servers: [identity.issuer],
      });

      const client = new Client({ name: 'built-app-test', version: '1.0.0' });
      const token = await identity.mint({ audience: RESOURCE });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toMatchObject({ subject: 'alice', scopes: ['mcp:tools'] });
      await client.close();
      // No token is ever written to the log.
      expect(app.output()).not.toContain(token);

      app.child.kill('SIGTERM');
      // Nest's shutdown hooks close the app, then re-raise the signal.
      expect(await app.exited).toEqual({ code: null, signal: 'SIGTERM' });
    },
    TEST_TIMEOUT_MS,
  );

  it.each([
    [
      { MCP_RESOURCE: 'http://mcp.example.com/mcp' },
      'MCP_RESOURCE must use https (http is accepted only for 127.0.0.1, [::1] and localhost) (got "http://mcp.example.com/mcp")',
    ],
    [
      { PORT: '0' },
      'MCP_RESOURCE must be set when PORT is 0: the port is not known before listening',
    ],
    [
      { IDENTITY_ISSUER: 'https://id.example.com?x=1' },
      'IDENTITY_ISSUER must not contain a query or fragment (RFC 8414 §2) (got "https://id.example.com?x=1")',
    ],
  ])(
    'refuses to start with %j, with one line naming the variable and exit code 1',
    async (env, message) => {
      const app = spawnApp(env);
      expect(await app.exited).toEqual({ code: 1, signal: null });
      expect(app.output().trim()).toBe(`example-mcp-server: invalid configuration: ${message}`);
    },
    TEST_TIMEOUT_MS,
  );
});
