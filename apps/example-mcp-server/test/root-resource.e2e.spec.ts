import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMcpServerApp, type McpServerTestApp } from './support/mcp-server-test-app.js';
import {
  startTestAuthorizationServer,
  type TestAuthorizationServer,
} from './support/test-authorization-server.js';

let identity: TestAuthorizationServer;
let app: McpServerTestApp;

beforeAll(async () => {
  identity = await startTestAuthorizationServer();
  // MCP_RESOURCE without a path: the endpoint is the origin's root, and so is the metadata's URL.
  app = await startMcpServerApp({ issuer: identity.issuer, path: '', scopes: '' });
});

afterAll(async () => {
  await app?.close();
  await identity?.close();
});

describe('a resource at the root of its origin, requiring no scope', () => {
  it('challenges with the bare well-known URL and names no scope', async () => {
    const response = await fetch(`${app.origin}/`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${app.origin}/.well-known/oauth-protected-resource"`,
    );
    const metadata = await fetch(`${app.origin}/.well-known/oauth-protected-resource`);
    expect(await metadata.json()).toEqual({
      resource: app.origin,
      authorization_servers: [identity.issuer],
      bearer_methods_supported: ['header'],
      resource_name: 'Example MCP server',
    });
    const elsewhere = await fetch(`${app.origin}/.well-known/oauth-protected-resource/mcp`);
    expect(elsewhere.status).toBe(404);
  });

  it('serves the tool at / to a token without scope', async () => {
    const token = await identity.mint({ audience: app.origin, claims: { scope: undefined } });
    const client = new Client({ name: 'root-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${app.origin}/`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toMatchObject({ subject: 'alice', scopes: [] });
    } finally {
      await client.close();
    }
  });
});
