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
  app = await startMcpServerApp({ issuer: identity.issuer });
});

afterAll(async () => {
  await app?.close();
  await identity?.close();
});

/** An MCP client of the SDK, presenting `token` in every request. */
async function connectedClient(token: string): Promise<Client> {
  const client = new Client({ name: 'example-mcp-server-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(app.resource), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

describe('the MCP endpoint with a valid access token', () => {
  it('lists whoami, and whoami answers with the token’s subject, client and scopes', async () => {
    const token = await identity.mint({
      audience: app.resource,
      claims: { sub: 'bob', client_id: 'client-b', scope: 'openid mcp:tools' },
    });
    const client = await connectedClient(token);
    try {
      expect(client.getServerVersion()).toEqual({ name: 'example-mcp-server', version: '0.1.0' });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['whoami']);

      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        subject: 'bob',
        client_id: 'client-b',
        scopes: ['openid', 'mcp:tools'],
        expires_at: expect.any(Number),
      });
      const [content] = result.content as { type: string; text: string }[];
      expect(JSON.parse(content.text)).toEqual(result.structuredContent);
    } finally {
      await client.close();
    }
  });

  it('accepts tokens signed with each published key, and an audience list that names it', async () => {
    const ecToken = await identity.mint({ audience: app.resource, key: identity.keys.ec });
    const listToken = await identity.mint({
      audience: ['https://other.example/mcp', app.resource],
    });
    for (const token of [ecToken, listToken]) {
      const client = await connectedClient(token);
      try {
        const result = await client.callTool({ name: 'whoami', arguments: {} });
        expect(result.structuredContent).toMatchObject({ subject: 'alice' });
      } finally {
        await client.close();
      }
    }
  });

  it('answers GET and DELETE with 405, as a stateless server without an SSE stream', async () => {
    const token = await identity.mint({ audience: app.resource });
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(app.resource, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('issues no session id: each request stands on its own token', async () => {
    const token = await identity.mint({ audience: app.resource });
    const response = await fetch(app.resource, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'fetch', version: '1' },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    expect(await response.json()).toMatchObject({
      id: 1,
      result: { serverInfo: { name: 'example-mcp-server' } },
    });
  });
});
