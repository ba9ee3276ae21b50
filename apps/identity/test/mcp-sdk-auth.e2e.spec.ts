import { beforeAll, describe, expect, it } from '@jest/globals';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser, expectRedirect } from './support/browser.js';
import { InMemoryMcpOAuthProvider, PUBLIC_MCP_CLIENT } from './support/mcp-client-provider.js';

const server = useAuthorizationServerOnTestSchema();

/**
 * The MCP TypeScript SDK's own `auth()` against the identity app alone: with no protected
 * resource metadata to find, the SDK treats the server URL as the authorization server, discovers
 * it (RFC 8414), registers (RFC 7591), and sends no `resource`.
 */
describe('the MCP SDK client (auth() of @modelcontextprotocol/sdk)', () => {
  let app: ServerUnderTest;

  beforeAll(async () => {
    app = await server.start();
  });

  /** What an agent does after auth() answered REDIRECT: open the URL, catch the code. */
  async function signInThroughBrowser(provider: InMemoryMcpOAuthProvider): Promise<string> {
    expect(provider.authorizationUrl).toBeDefined();
    const url = provider.authorizationUrl as URL;
    const callback = expectRedirect(await new TestBrowser().follow(url.href, app.origin));
    expect(callback.searchParams.get('iss')).toBe(app.issuer);
    return callback.searchParams.get('code') as string;
  }

  async function authorized(provider: InMemoryMcpOAuthProvider): Promise<void> {
    expect(await auth(provider, { serverUrl: app.issuer })).toBe('REDIRECT');
    const code = await signInThroughBrowser(provider);
    expect(await auth(provider, { serverUrl: app.issuer, authorizationCode: code })).toBe(
      'AUTHORIZED',
    );
  }

  const refreshWith = (provider: InMemoryMcpOAuthProvider, refreshToken: string) =>
    fetch(`${app.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: provider.information?.client_id as string,
      }),
    });

  it('discovers, registers, authorizes and gets tokens for the default resource', async () => {
    const provider = new InMemoryMcpOAuthProvider(PUBLIC_MCP_CLIENT);
    await authorized(provider);
    expect(provider.registrations).toBe(1);
    const tokens = provider.savedTokens;
    expect(tokens?.refresh_token).toEqual(expect.any(String));
    const jwks = createRemoteJWKSet(new URL(`${app.issuer}/jwks`));
    const { payload } = await jwtVerify(tokens?.access_token as string, jwks, {
      issuer: app.issuer,
      audience: app.issuer,
      typ: 'at+jwt',
    });
    expect(payload).toMatchObject({ sub: 'alice', client_id: provider.information?.client_id });
  });

  it('refreshes, and a replayed refresh token fails and revokes the grant', async () => {
    const provider = new InMemoryMcpOAuthProvider(PUBLIC_MCP_CLIENT);
    await authorized(provider);
    const first = provider.savedTokens?.refresh_token as string;

    expect(await auth(provider, { serverUrl: app.issuer })).toBe('AUTHORIZED');
    const second = provider.savedTokens?.refresh_token as string;
    expect(second).not.toBe(first);

    // The agent presents the replaced refresh token again (a stolen copy, or a stale store).
    provider.savedTokens = { ...(provider.savedTokens as OAuthTokens), refresh_token: first };
    // The SDK gets invalid_grant, drops its tokens and starts a new authorization.
    expect(await auth(provider, { serverUrl: app.issuer })).toBe('REDIRECT');
    expect(provider.savedTokens).toBeUndefined();
    // The whole grant was revoked: the newest refresh token is dead too.
    const answer = await refreshWith(provider, second);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('re-registers after invalid_client (a wrong client secret)', async () => {
    const provider = new InMemoryMcpOAuthProvider({
      ...PUBLIC_MCP_CLIENT,
      token_endpoint_auth_method: 'client_secret_post',
    });
    await authorized(provider);
    const firstClient = provider.information?.client_id;
    expect(provider.information).toHaveProperty('client_secret');

    provider.information = {
      ...(provider.information as OAuthClientInformationMixed),
      client_secret: 'wrong',
    };
    // The refresh is answered invalid_client: the SDK forgets everything and registers again.
    expect(await auth(provider, { serverUrl: app.issuer })).toBe('REDIRECT');
    expect(provider.registrations).toBe(2);
    expect(provider.information?.client_id).not.toBe(firstClient);

    const code = await signInThroughBrowser(provider);
    expect(await auth(provider, { serverUrl: app.issuer, authorizationCode: code })).toBe(
      'AUTHORIZED',
    );
  });
});
