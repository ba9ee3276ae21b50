import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser } from './support/browser.js';
import {
  REDIRECT_URI,
  authorizationUrl,
  basic,
  codeFlow,
  discover,
  register,
} from './support/oauth-client.js';
import type { Json } from './support/operations-requests.js';

const ADMIN_TOKEN = 'client-lifecycle-admin-token-0123456789';
const server = useAuthorizationServerOnTestSchema();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two instances on one database, behind one issuer (as behind a load balancer): what an RFC 7592
 * update or deletion does through one is seen at once by the token endpoint of the other.
 */
describe('client changes at the token endpoint, across two instances', () => {
  let a: ServerUnderTest;
  let b: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    a = await server.start({ ADMIN_TOKEN });
    b = await server.start({ ISSUER: a.issuer, ADMIN_TOKEN });
    as = await discover(a.issuer);
  });

  /** A token request to instance `at`. */
  async function token(at: ServerUnderTest, form: Record<string, string>, authorization?: string) {
    const response = await fetch(`${at.origin}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function rowsOf(clientId: string): Promise<number> {
    const [row] = await server
      .schema()
      .query<{ count: string }>('SELECT count(*) FROM identity_oidc_model WHERE client_id = $1', [
        clientId,
      ]);
    return Number(row?.count);
  }

  async function until(condition: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100 && !(await condition()); attempt++) await sleep(50);
  }

  const manage = (client: Json, init: RequestInit) =>
    fetch(client.registration_client_uri as string, {
      ...init,
      headers: {
        authorization: `Bearer ${client.registration_access_token as string}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });

  it('refuses a deleted client (RFC 7592 §2.3) at once, and revokes its grants and tokens', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const tokens = await codeFlow(as, a.origin, { clientId: client.client_id });
    const refresh = { grant_type: 'refresh_token', client_id: client.client_id };
    const first = await token(b, { ...refresh, refresh_token: tokens.refresh_token as string });
    expect(first.status).toBe(200);
    expect(await rowsOf(client.client_id)).toBeGreaterThan(0);

    expect((await manage(client, { method: 'DELETE' })).status).toBe(204);

    // The next request on the other instance: the client is gone.
    const after = await token(b, { ...refresh, refresh_token: first.body.refresh_token });
    expect(after).toEqual({
      status: 401,
      body: expect.objectContaining({ error: 'invalid_client' }),
    });
    // Its grants, codes and refresh tokens are deleted too (RFC 7592 §2.3).
    await until(async () => (await rowsOf(client.client_id)) === 0);
    expect(await rowsOf(client.client_id)).toBe(0);
  });

  it('revokes the tokens of a client an operator deletes', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    await codeFlow(as, a.origin, { clientId: client.client_id });
    const response = await fetch(`${b.origin}/admin/clients/${client.client_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(204);
    await until(async () => (await rowsOf(client.client_id)) === 0);
    expect(await rowsOf(client.client_id)).toBe(0);
  });

  it('applies an update (RFC 7592 §2.2) at the other instance at once', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials', 'authorization_code'],
    });
    const authorization = basic(client.client_id, client.client_secret);
    const credentials = { grant_type: 'client_credentials' };
    expect((await token(b, credentials, authorization)).status).toBe(200);

    const update = await manage(client, {
      method: 'PUT',
      body: JSON.stringify({
        client_id: client.client_id,
        redirect_uris: ['http://127.0.0.1:40000/new-callback'],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
      }),
    });
    expect(update.status).toBe(200);

    const refused = await token(b, credentials, authorization);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');

    // The old redirect URI is not registered any more: a 400 page, no redirect.
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const url = authorizationUrl(
      { ...as, authorization_endpoint: `${b.origin}/authorize` },
      { clientId: client.client_id, redirectUri: REDIRECT_URI },
      challenge,
    );
    const response = await new TestBrowser().request(url.href);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('expired client secrets', () => {
  it('are refused with invalid_client once client_secret_expires_at has passed', async () => {
    const app = await server.start({ CLIENT_SECRET_LIFETIME_SECONDS: '2' });
    const as = await discover(app.issuer);
    const client = await register(as, {
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials'],
    });
    expect(client.client_secret_expires_at).toBeGreaterThan(0);
    const form = {
      grant_type: 'client_credentials',
      client_id: client.client_id as string,
      client_secret: client.client_secret as string,
    };
    const post = async () => {
      const response = await fetch(as.token_endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    expect((await post()).status).toBe(200);
    const expiresInMs = (client.client_secret_expires_at as number) * 1000 - Date.now();
    await sleep(Math.max(0, expiresInMs) + 1100);
    expect(await post()).toEqual({
      status: 401,
      body: expect.objectContaining({ error: 'invalid_client' }),
    });
  });
});

describe('clients awaiting an operator’s approval (REGISTRATION_APPROVAL=pending)', () => {
  it('get neither an authorization nor a token until an operator approves them', async () => {
    const app = await server.start({ REGISTRATION_APPROVAL: 'pending', ADMIN_TOKEN });
    const as = await discover(app.issuer);
    const client = await register(as, {
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials', 'authorization_code'],
      redirect_uris: [REDIRECT_URI],
    });
    expect(client.approval_status).toBe('pending');
    const post = async () => {
      const response = await fetch(as.token_endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.client_id as string,
          client_secret: client.client_secret as string,
        }),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    expect(await post()).toEqual({
      status: 401,
      body: expect.objectContaining({ error: 'invalid_client' }),
    });
    // Not a client yet: a 400 page, and its redirect URI is never used.
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const url = authorizationUrl(as, { clientId: client.client_id as string }, challenge);
    const refused = await new TestBrowser().request(url.href);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();

    const approval = await fetch(
      `${app.origin}/admin/clients/${client.client_id as string}/approval`,
      { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    expect(approval.status).toBe(204);
    expect((await post()).status).toBe(200);
  });
});
