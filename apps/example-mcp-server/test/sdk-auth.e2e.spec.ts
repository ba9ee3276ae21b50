import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMcpServerApp, type McpServerTestApp } from './support/mcp-server-test-app.js';
import {
  startTestAuthorizationServer,
  TEST_CLIENT,
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

describe('the MCP SDK’s own auth() against this server', () => {
  it('goes from the 401 through resource metadata and discovery to a token for this resource, then calls whoami', async () => {
    const client = new Client({ name: 'machine-client', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(app.resource), {
      authProvider: new ClientCredentialsProvider({
        clientId: TEST_CLIENT.clientId,
        clientSecret: TEST_CLIENT.clientSecret,
        expectedIssuer: identity.issuer,
      }),
    });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toMatchObject({
        subject: TEST_CLIENT.clientId,
        client_id: TEST_CLIENT.clientId,
        scopes: ['mcp:tools'],
      });
    } finally {
      await client.close();
    }

    // One token request, for this resource (RFC 8707). The SDK's client_credentials provider sends
    // its own configured scope (none here), not the challenge's: the authorization server grants
    // the resource's default scope, as apps/identity must for such clients.
    expect(identity.tokenRequests).toHaveLength(1);
    const [tokenRequest] = identity.tokenRequests;
    expect(tokenRequest.get('grant_type')).toBe('client_credentials');
    expect(tokenRequest.get('resource')).toBe(app.resource);
    expect(tokenRequest.get('scope')).toBeNull();
    expect(identity.requests.get('/.well-known/oauth-authorization-server')).toBeGreaterThanOrEqual(
      1,
    );
  });
});
