import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMcpServerApp, type McpServerTestApp } from './support/mcp-server-test-app.js';
import { generateSigningKey, unsignedJwt } from './support/test-access-tokens.js';
import {
  startTestAuthorizationServer,
  type TestAuthorizationServer,
} from './support/test-authorization-server.js';

let identity: TestAuthorizationServer;
/** Resource A and resource B: two MCP servers trusting the same authorization server. */
let serverA: McpServerTestApp;
let serverB: McpServerTestApp;

beforeAll(async () => {
  identity = await startTestAuthorizationServer();
  serverA = await startMcpServerApp({ issuer: identity.issuer });
  serverB = await startMcpServerApp({ issuer: identity.issuer, path: '/tools/mcp' });
});

afterAll(async () => {
  await serverA?.close();
  await serverB?.close();
  await identity?.close();
});

/** Calls `tools/list` at `app` with `token`; returns the status, challenge and body. */
async function listTools(app: McpServerTestApp, token: string) {
  const response = await fetch(app.resource, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Expects `token` to be refused at `app` with invalid_token and a description containing `why`. */
async function expectRefused(app: McpServerTestApp, token: string, why: string): Promise<void> {
  const { status, challenge, body } = await listTools(app, token);
  expect({ status, error: body.error }).toEqual({ status: 401, error: 'invalid_token' });
  expect(body.error_description).toContain(why);
  expect(challenge).toContain('Bearer error="invalid_token", error_description="');
  expect(challenge).toContain(
    `resource_metadata="${app.origin}/.well-known/oauth-protected-resource${new URL(app.resource).pathname}"`,
  );
}

describe('RFC 8707 audience: a token for resource A is refused by resource B', () => {
  it('is accepted by A and refused by B', async () => {
    const forA = await identity.mint({ audience: serverA.resource });
    expect((await listTools(serverA, forA)).status).toBe(200);
    await expectRefused(serverB, forA, 'not issued for this resource');
  });

  it('refuses a token without aud, and one for the resource’s origin only', async () => {
    await expectRefused(serverA, await identity.mint({ audience: undefined }), "no 'aud' claim");
    await expectRefused(
      serverA,
      await identity.mint({ audience: serverA.origin }),
      'not issued for this resource',
    );
  });

  it('makes the MCP SDK client fail to connect to B with a token for A', async () => {
    const client = new Client({ name: 'test', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(serverB.resource), {
      requestInit: {
        headers: { Authorization: `Bearer ${await identity.mint({ audience: serverA.resource })}` },
      },
    });
    const refused = client.connect(transport);
    await expect(refused).rejects.toMatchObject({ code: 401 });
    await expect(refused).rejects.toThrow('not issued for this resource');
    await client.close();
  });
});

describe('RFC 9068 §4 validation', () => {
  const forA = (options: Parameters<TestAuthorizationServer['mint']>[0] = {}) =>
    identity.mint({ audience: serverA.resource, ...options });

  it('refuses another issuer, even when the token is signed with a published key', async () => {
    await expectRefused(
      serverA,
      await forA({ claims: { iss: 'http://127.0.0.1:1' } }),
      'not issued by the authorization server',
    );
    await expectRefused(
      serverA,
      await forA({ claims: { iss: `${identity.issuer}/` } }),
      'not issued by the authorization server',
    );
  });

  it('refuses an expired token, and one not valid yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      serverA,
      await forA({ claims: { iat: now - 600, exp: now - 60 } }),
      'has expired',
    );
    await expectRefused(serverA, await forA({ claims: { nbf: now + 600 } }), 'not valid yet');
  });

  it.each([
    ['JWT', 'not an RFC 9068 JWT access token'],
    ['application/jwt', 'not an RFC 9068 JWT access token'],
    [undefined, 'not an RFC 9068 JWT access token'],
  ])('refuses typ %j', async (typ, why) => {
    await expectRefused(serverA, await forA({ header: { typ } }), why);
  });

  it('accepts typ application/at+jwt (RFC 9068 §4)', async () => {
    const token = await forA({ header: { typ: 'application/at+jwt' } });
    expect((await listTools(serverA, token)).status).toBe(200);
  });

  it.each(['sub', 'client_id', 'jti', 'iat', 'exp'])(
    'refuses a token without the %s claim (RFC 9068 §2.2)',
    async (claim) => {
      await expectRefused(serverA, await forA({ claims: { [claim]: undefined } }), `'${claim}'`);
    },
  );

  it('refuses alg none', async () => {
    const header = { alg: 'none', typ: 'at+jwt' };
    const payload = {
      iss: identity.issuer,
      aud: serverA.resource,
      sub: 'alice',
      client_id: 'test-client',
      scope: 'mcp:tools',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
      jti: 'none-1',
    };
    await expectRefused(serverA, unsignedJwt(header, payload), 'asymmetric algorithm');
  });

  it('refuses HS256, even keyed with a published public key (algorithm confusion)', async () => {
    const { SignJWT } = await import('jose');
    const now = Math.floor(Date.now() / 1000);
    const secret = new TextEncoder().encode(JSON.stringify(identity.keys.rsa.publicJwk));
    const token = await new SignJWT({
      client_id: 'test-client',
      scope: 'mcp:tools',
      jti: 'hs-1',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: identity.keys.rsa.kid })
      .setIssuer(identity.issuer)
      .setAudience(serverA.resource)
      .setSubject('alice')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(secret);
    await expectRefused(serverA, token, 'asymmetric algorithm');
  });

  it('refuses a token whose kid names no published key', async () => {
    const outsider = await generateSigningKey('outsider-1', 'RS256');
    await expectRefused(serverA, await forA({ key: outsider }), 'no key published');
  });

  it('refuses a token signed by another key under a published kid', async () => {
    const impostor = { ...(await generateSigningKey('x', 'RS256')), kid: identity.keys.rsa.kid };
    await expectRefused(serverA, await forA({ key: impostor }), 'signature');
  });

  it.each([
    ['not a JWT', 'abc'],
    ['two parts', 'abc.def'],
    ['a header that is not JSON', 'YWJj.YWJj.YWJj'],
  ])('refuses %s', async (_, token) => {
    await expectRefused(serverA, token, 'not a signed JWT');
  });
});

describe('scopes', () => {
  it('answers a valid token without the required scope with 403 insufficient_scope', async () => {
    const token = await identity.mint({
      audience: serverA.resource,
      claims: { scope: 'openid profile' },
    });
    const { status, challenge, body } = await listTools(serverA, token);
    expect(status).toBe(403);
    expect(body).toEqual({
      error: 'insufficient_scope',
      error_description: 'the access token lacks the scope mcp:tools',
    });
    expect(challenge).toBe(
      'Bearer error="insufficient_scope", ' +
        'error_description="the access token lacks the scope mcp:tools", scope="mcp:tools", ' +
        `resource_metadata="${serverA.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it('treats a token without a scope claim as one with no scope', async () => {
    const token = await identity.mint({
      audience: serverA.resource,
      claims: { scope: undefined },
    });
    expect((await listTools(serverA, token)).status).toBe(403);
  });
});
