import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InvalidTargetError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { PUBLIC_MCP_CLIENT } from '../../identity/test/support/mcp-client-provider.js';
import {
  SIGNED_IN_SUBJECT,
  startIdentityWithMcpServers,
  type IdentityWithMcpServers,
} from './support/identity-with-mcp-servers.js';
import { SigningInMcpOAuthProvider } from './support/signing-in-mcp-oauth-provider.js';

// Three built apps and PostgreSQL migrations start in beforeAll; each test is a few dozen requests.
const START_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 60_000;

let apps: IdentityWithMcpServers;
/** Identity's default resource (first in `RESOURCES`) and a second one. */
let resourceA: string;
let resourceB: string;

beforeAll(async () => {
  apps = await startIdentityWithMcpServers(2);
  [resourceA, resourceB] = apps.mcpServers.map((server) => server.resource);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await apps?.close();
});

const newProvider = (metadata: OAuthClientMetadata = PUBLIC_MCP_CLIENT) =>
  new SigningInMcpOAuthProvider(metadata, apps.issuer);

const transportFor = (resource: string, provider: SigningInMcpOAuthProvider) =>
  new StreamableHTTPClientTransport(new URL(resource), {
    authProvider: provider,
    fetch: provider.fetch,
  });

/**
 * What an MCP agent does: connect; on `UnauthorizedError` (the SDK has registered and sent the
 * user to sign in) finish the authorization with the code from the redirect URI, and connect again.
 */
async function connect(resource: string, provider: SigningInMcpOAuthProvider): Promise<Client> {
  const client = new Client({ name: 'mcp-e2e-agent', version: '1.0.0' });
  try {
    await client.connect(transportFor(resource, provider));
    return client;
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || provider.code === undefined) throw error;
  }
  const code = provider.code;
  provider.code = undefined;
  await transportFor(resource, provider).finishAuth(code);
  const authorized = new Client({ name: 'mcp-e2e-agent', version: '1.0.0' });
  await authorized.connect(transportFor(resource, provider));
  return authorized;
}

async function whoami(client: Client): Promise<Record<string, unknown>> {
  try {
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.isError).toBeFalsy();
    return result.structuredContent as Record<string, unknown>;
  } finally {
    await client.close();
  }
}

/** A refresh token grant at identity's token endpoint, as a public client sends it. */
async function refreshAt(clientId: string, refreshToken: string): Promise<Response> {
  return fetch(`${apps.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
    }),
  });
}

async function oauthError(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

describe('the MCP SDK client against example-mcp-server and identity (three built processes)', () => {
  it(
    'with no prior state: 401, resource metadata, discovery, registration, sign-in, token, then whoami succeeds',
    async () => {
      const provider = newProvider();
      const result = await whoami(await connect(resourceA, provider));

      expect(provider.registrations).toBe(1);
      const clientId = provider.information?.client_id;
      expect(result).toMatchObject({
        subject: SIGNED_IN_SUBJECT,
        client_id: clientId,
        scopes: ['mcp:tools'],
      });
      // RFC 9207: the authorization response names identity.
      expect(provider.responseIssuer).toBe(apps.issuer);
      // The token is for this resource (RFC 8707), from identity.
      const claims = decodeJwt(provider.savedTokens?.access_token as string);
      expect(claims).toMatchObject({ iss: apps.issuer, aud: resourceA, client_id: clientId });

      // The SDK's own requests, in order (the user's redirects are not the SDK's).
      const origin = new URL(resourceA).origin;
      const steps = provider.exchanges.map(
        ({ method, url, status }) => `${method} ${url} ${status}`,
      );
      expect(steps.slice(0, 5)).toEqual([
        // initialize, without a token
        `POST ${resourceA} 401`,
        `GET ${origin}/.well-known/oauth-protected-resource/mcp 200`,
        `GET ${apps.issuer}/.well-known/oauth-authorization-server 200`,
        `POST ${apps.issuer}/register 201`,
        // finishAuth: discovery again (the provider keeps no discovery state), then the code.
        `GET ${origin}/.well-known/oauth-protected-resource/mcp 200`,
      ]);
      expect(steps).toContain(`POST ${apps.issuer}/token 200`);
      expect(steps.at(-1)).toMatch(new RegExp(`^POST ${resourceA} 2\\d\\d$`));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refreshes through auth() when the resource refuses the stored access token, and the call succeeds',
    async () => {
      const provider = newProvider();
      await whoami(await connect(resourceA, provider));
      const before = provider.savedTokens as OAuthTokens;

      // As after expiry: the resource answers 401 invalid_token to the stored access token.
      provider.savedTokens = { ...before, access_token: `${before.access_token}x` };
      const result = await whoami(await connect(resourceA, provider));

      expect(result).toMatchObject({ subject: SIGNED_IN_SUBJECT });
      const after = provider.tokens() as OAuthTokens;
      expect(after.access_token).not.toBe(before.access_token);
      expect(after.refresh_token).not.toBe(before.refresh_token);
      // No new registration, no new sign-in: a refresh token grant for the same resource.
      expect(provider.registrations).toBe(1);
      expect(provider.code).toBeUndefined();
      expect(decodeJwt(after.access_token)).toMatchObject({ aud: resourceA });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a replayed refresh token fails and revokes the grant: the newest refresh token stops working too',
    async () => {
      const provider = newProvider();
      await whoami(await connect(resourceA, provider));
      const first = provider.savedTokens?.refresh_token as string;
      expect(await auth(provider, { serverUrl: new URL(resourceA), fetchFn: provider.fetch })).toBe(
        'AUTHORIZED',
      );
      const second = provider.savedTokens?.refresh_token as string;
      expect(second).not.toBe(first);

      // The replaced refresh token again (a stolen copy): invalid_grant, the SDK drops its
      // tokens and starts a new authorization.
      provider.savedTokens = { ...(provider.savedTokens as OAuthTokens), refresh_token: first };
      expect(await auth(provider, { serverUrl: new URL(resourceA), fetchFn: provider.fetch })).toBe(
        'REDIRECT',
      );
      expect(provider.savedTokens).toBeUndefined();

      const answer = await refreshAt(provider.information?.client_id as string, second);
      expect(answer.status).toBe(400);
      expect(await oauthError(answer)).toBe('invalid_grant');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a wrong client secret is answered invalid_client, and the SDK registers again and gets through',
    async () => {
      const provider = newProvider({
        ...PUBLIC_MCP_CLIENT,
        token_endpoint_auth_method: 'client_secret_basic',
      });
      await whoami(await connect(resourceA, provider));
      const firstClient = provider.information?.client_id;
      expect(provider.information).toHaveProperty('client_secret');

      provider.information = {
        ...(provider.information as OAuthClientInformationMixed),
        client_secret: 'wrong',
      };
      // And an access token the resource refuses, so that the SDK has to refresh.
      const tokens = provider.savedTokens as OAuthTokens;
      provider.savedTokens = { ...tokens, access_token: `${tokens.access_token}x` };
      const refused = await fetch(`${apps.issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${firstClient}:wrong`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: provider.savedTokens?.refresh_token as string,
        }),
      });
      expect(refused.status).toBe(401);
      expect(await oauthError(refused)).toBe('invalid_client');

      // The SDK's refresh gets the same answer: invalidateCredentials('all'), a new registration,
      // a new sign-in.
      const result = await whoami(await connect(resourceA, provider));
      expect(provider.registrations).toBe(2);
      expect(provider.information?.client_id).not.toBe(firstClient);
      expect(result).toMatchObject({ client_id: provider.information?.client_id });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a token for resource A is refused by resource B with 401 invalid_token, and cannot be refreshed for B',
    async () => {
      const provider = newProvider();
      await whoami(await connect(resourceA, provider));
      const tokenForA = provider.savedTokens?.access_token as string;
      expect(decodeJwt(tokenForA)).toMatchObject({ aud: resourceA });

      const refused = await fetch(resourceB, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokenForA}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);

      // The grant covers A only: a refresh for B is refused (RFC 8707 §2.2), and the SDK passes
      // the error on rather than starting over.
      await expect(connect(resourceB, provider)).rejects.toThrow(InvalidTargetError);

      // An agent that keeps its state per server gets its own token for B, and B accepts it.
      const forB = newProvider();
      expect(await whoami(await connect(resourceB, forB))).toMatchObject({
        subject: SIGNED_IN_SUBJECT,
      });
      expect(decodeJwt(forB.savedTokens?.access_token as string)).toMatchObject({ aud: resourceB });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a client deleted through RFC 7592 cannot refresh any more',
    async () => {
      const provider = newProvider();
      await whoami(await connect(resourceA, provider));
      const [registration] = provider.registrationResponses;
      const clientId = provider.information?.client_id as string;
      expect(registration).toMatchObject({
        client_id: clientId,
        registration_access_token: expect.any(String),
        registration_client_uri: expect.any(String),
      });

      const deleted = await fetch(registration.registration_client_uri as string, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${registration.registration_access_token as string}` },
      });
      expect(deleted.status).toBe(204);

      const answer = await refreshAt(clientId, provider.savedTokens?.refresh_token as string);
      expect(answer.status).toBe(401);
      expect(await oauthError(answer)).toBe('invalid_client');
    },
    TEST_TIMEOUT_MS,
  );
});
