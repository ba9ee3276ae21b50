import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';
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

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
};

function post(headers: Record<string, string> = {}): Promise<Response> {
  return fetch(app.resource, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(initialize),
  });
}

function metadataUrl(): string {
  return `${app.origin}/.well-known/oauth-protected-resource/mcp`;
}

describe('a request without an access token', () => {
  it.each([
    ['no Authorization header', {}],
    ['another scheme (RFC 6750 §3.1: no credentials)', { Authorization: 'Basic dTpw' }],
    ['an empty Authorization header', { Authorization: '' }],
  ])('with %s gets 401 and the resource_metadata challenge (RFC 9728 §5.1)', async (_, headers) => {
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer scope="mcp:tools", resource_metadata="${metadataUrl()}"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: 'invalid_token',
      error_description: expect.stringContaining('bearer token is required'),
    });
  });

  it('gets the same challenge for GET, so that clients probing with GET discover it too', async () => {
    const response = await fetch(app.resource);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      `resource_metadata="${metadataUrl()}"`,
    );
  });

  it.each([
    ['Bearer', 'Bearer'],
    ['Bearer with a space in the token', 'Bearer abc def'],
    ['Bearer with characters outside b64token', 'Bearer abc!def'],
  ])('with a malformed header (%s) gets 401 invalid_token', async (_, authorization) => {
    const response = await post({ Authorization: authorization });
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge.startsWith('Bearer error="invalid_token", error_description="')).toBe(true);
    expect(challenge.endsWith(`", scope="mcp:tools", resource_metadata="${metadataUrl()}"`)).toBe(
      true,
    );
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('from a browser page on another origin gets 403 before its token is looked at', async () => {
    const response = await post({ Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    // From the resource's own origin, the request goes on to the token check.
    expect((await post({ Origin: app.origin })).status).toBe(401);
  });
});

describe('protected resource metadata (RFC 9728)', () => {
  const expected = () => ({
    resource: app.resource,
    authorization_servers: [identity.issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: ['mcp:tools'],
    resource_name: 'Example MCP server',
  });

  it('is served at the URL of the challenge and at the bare well-known URL', async () => {
    for (const url of [metadataUrl(), `${app.origin}/.well-known/oauth-protected-resource`]) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual(expected());
    }
  });

  it('is not served under another path', async () => {
    const response = await fetch(`${app.origin}/.well-known/oauth-protected-resource/other`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('leads the MCP SDK from the 401 to the authorization server’s metadata', async () => {
    const challenge = extractWWWAuthenticateParams(await post());
    expect(challenge.resourceMetadataUrl?.href).toBe(metadataUrl());
    expect(challenge.scope).toBe('mcp:tools');

    const resourceMetadata = await discoverOAuthProtectedResourceMetadata(app.resource, {
      resourceMetadataUrl: challenge.resourceMetadataUrl,
    });
    expect(resourceMetadata).toEqual(expected());
    // Without the challenge's URL, the SDK finds it by the path-aware well-known URL.
    expect(await discoverOAuthProtectedResourceMetadata(app.resource)).toEqual(expected());

    const authorizationServer = await discoverAuthorizationServerMetadata(
      resourceMetadata.authorization_servers![0],
    );
    expect(authorizationServer?.issuer).toBe(identity.issuer);
  });
});

describe('other routes', () => {
  it('get an RFC-style 404', async () => {
    const response = await fetch(`${app.origin}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});
