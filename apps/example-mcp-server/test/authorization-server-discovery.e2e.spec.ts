import { afterEach, describe, expect, it } from '@jest/globals';
import { startMcpServerApp, type McpServerTestApp } from './support/mcp-server-test-app.js';
import { generateSigningKey } from './support/test-access-tokens.js';
import {
  startTestAuthorizationServer,
  type TestAuthorizationServer,
} from './support/test-authorization-server.js';

const METADATA = '/.well-known/oauth-authorization-server';
const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const server of running.splice(0).reverse()) await server.close();
});

/** A fresh authorization server and a fresh app trusting it (so no keys are cached yet). */
async function start(issuerPath = ''): Promise<{
  identity: TestAuthorizationServer;
  app: McpServerTestApp;
}> {
  const identity = await startTestAuthorizationServer(issuerPath);
  running.push(identity);
  const app = await startMcpServerApp({ issuer: identity.issuer });
  running.push(app);
  return { identity, app };
}

async function listTools(app: McpServerTestApp, token: string): Promise<Response> {
  return fetch(app.resource, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(response.headers.get('www-authenticate')).toBeNull();
  expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
}

describe('finding the authorization server’s keys', () => {
  it('discovers them on first use and keeps them: one metadata and one JWKS request', async () => {
    const { identity, app } = await start();
    expect(identity.requests.get(METADATA)).toBeUndefined();
    for (let i = 0; i < 5; i += 1) {
      const response = await listTools(app, await identity.mint({ audience: app.resource }));
      expect(response.status).toBe(200);
    }
    expect(identity.requests.get(METADATA)).toBe(1);
    expect(identity.requests.get('/jwks')).toBe(1);
  });

  it('follows RFC 8414 §3.1 for an issuer with a path', async () => {
    const { identity, app } = await start('/tenant-a');
    expect(identity.issuer).toMatch(/\/tenant-a$/);
    const response = await listTools(app, await identity.mint({ audience: app.resource }));
    expect(response.status).toBe(200);
    expect(identity.requests.get(`${METADATA}/tenant-a`)).toBe(1);
    expect(identity.requests.get('/tenant-a/jwks')).toBe(1);
  });

  it('does not refetch the keys for every token with an unknown kid', async () => {
    const { identity, app } = await start();
    const outsider = await generateSigningKey('outsider', 'ES256');
    for (let i = 0; i < 5; i += 1) {
      const response = await listTools(
        app,
        await identity.mint({ audience: app.resource, key: outsider }),
      );
      expect(response.status).toBe(401);
    }
    // jose refetches a key set at most once per cooldown period (30 s).
    expect(identity.requests.get('/jwks')).toBeLessThanOrEqual(2);
  });

  it('answers 503 while the metadata cannot be had, and recovers once it can', async () => {
    const { identity, app } = await start();
    const token = await identity.mint({ audience: app.resource });
    identity.setMetadata(undefined);
    await expectUnavailable(await listTools(app, token));
    await expectUnavailable(await listTools(app, token));
    // A failed discovery is not remembered: the next request tries again.
    expect(identity.requests.get(METADATA)).toBe(2);

    identity.setMetadata(identity.defaultMetadata());
    expect((await listTools(app, token)).status).toBe(200);
  });

  it('refuses to use metadata that names another issuer (RFC 8414 §3.3)', async () => {
    const { identity, app } = await start();
    identity.setMetadata({ ...identity.defaultMetadata(), issuer: 'https://evil.example' });
    await expectUnavailable(await listTools(app, await identity.mint({ audience: app.resource })));
    expect(identity.requests.get('/jwks')).toBeUndefined();
  });

  it('answers 503 when the jwks_uri cannot be reached', async () => {
    const { identity, app } = await start();
    identity.setMetadata({ ...identity.defaultMetadata(), jwks_uri: 'http://127.0.0.1:1/jwks' });
    await expectUnavailable(await listTools(app, await identity.mint({ audience: app.resource })));
  });

  it('still answers a request without a token with 401 while the authorization server is down', async () => {
    const { identity, app } = await start();
    identity.setMetadata(undefined);
    const response = await fetch(app.resource, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(identity.requests.get(METADATA)).toBeUndefined();
  });
});
