import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DcrEvents, type DcrEvent } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  ADMIN_TOKEN,
  mintToken,
  registerWith,
  remainingUses,
} from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';
import { sleep } from './support/sleep.js';

const REALM_CHALLENGE = /^Bearer realm="https:\/\/issuer\.example"$/;
const INVALID_TOKEN_CHALLENGE = /^Bearer error="invalid_token"/;

describe('protected registration (RFC 7591 §3)', () => {
  let t: DcrTestApp;
  const events: DcrEvent[] = [];

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      dcr: { adminToken: ADMIN_TOKEN, registration: { mode: 'protected' } },
    });
    t.app.get(DcrEvents).subscribe((event) => events.push(event));
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a request without a token: 401, a challenge without an error code (RFC 6750 §3.1)', async () => {
    const before = await t.countClients();
    const response = await registerWith(t.server, publicClient).expect(401);
    expect(response.headers['www-authenticate']).toMatch(REALM_CHALLENGE);
    expect(response.body.error).toBe('invalid_token');
    expect(response.body.error_description).toMatch(/initial access token/);
    expect(await t.countClients()).toBe(before);
  });

  it.each([
    ['an unknown token', 'q1Jm8e2Xl5Pz0bVw7Ck4Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mc'],
    ['a malformed token', 'not a token'],
    ['the admin token', ADMIN_TOKEN],
  ])('refuses %s: 401 invalid_token with the Bearer challenge', async (_case, token) => {
    const response = await request(t.server)
      .post('/register')
      .set('Authorization', `Bearer ${token}`)
      .send(publicClient)
      .expect(401);
    expect(response.headers['www-authenticate']).toMatch(INVALID_TOKEN_CHALLENGE);
    expect(response.body.error).toBe('invalid_token');
  });

  it('registers with a valid token, records its id on the client and in the event, never its value', async () => {
    const minted = await mintToken(t, { expires_in: 3600, max_uses: 2 });
    const response = await registerWith(t.server, publicClient, minted.token).expect(201);
    const clientId = response.body.client_id as string;
    const [row] = await t.schema.query<{ initial_access_token_id: string }>(
      'SELECT initial_access_token_id FROM dcr_client WHERE client_id = $1',
      [clientId],
    );
    expect(row?.initial_access_token_id).toBe(minted.id);
    expect(await remainingUses(t, minted.id)).toBe(1);
    const event = events.find((candidate) => candidate.clientId === clientId);
    expect(event).toMatchObject({
      type: 'client.registered',
      details: { initial_access_token_id: minted.id },
    });
    expect(JSON.stringify(event)).not.toContain(minted.token);
    expect(JSON.stringify(response.body)).not.toContain(minted.token);
  });

  it('refuses a used-up token: 401 invalid_token', async () => {
    const minted = await mintToken(t, { expires_in: 3600, max_uses: 1 });
    await registerWith(t.server, publicClient, minted.token).expect(201);
    const response = await registerWith(t.server, publicClient, minted.token).expect(401);
    expect(response.headers['www-authenticate']).toMatch(INVALID_TOKEN_CHALLENGE);
    expect(await remainingUses(t, minted.id)).toBe(0);
  });

  it('refuses an expired token: 401 invalid_token', async () => {
    const minted = await mintToken(t, { expires_in: 1, max_uses: 5 });
    await sleep(2100);
    const response = await registerWith(t.server, publicClient, minted.token).expect(401);
    expect(response.body.error).toBe('invalid_token');
    expect(await remainingUses(t, minted.id)).toBe(5);
  });

  it('refuses a revoked token: 401 invalid_token', async () => {
    const minted = await mintToken(t);
    await request(t.server)
      .delete(`/admin/initial-access-tokens/${minted.id}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(204);
    await registerWith(t.server, publicClient, minted.token).expect(401);
  });

  it('refuses a token revoked elsewhere (another instance, the CLI) just after it was used here: 401 invalid_token, nothing stored, a dry run too', async () => {
    const minted = await mintToken(t, { expires_in: 3600, max_uses: 5 });
    await registerWith(t.server, publicClient, minted.token).expect(201);
    // Not through this app: its guard still believes the token usable (for 2 s).
    await t.schema.query('UPDATE dcr_initial_access_token SET revoked_at = now() WHERE id = $1', [
      minted.id,
    ]);
    const before = await t.countClients();
    const refused = await registerWith(t.server, publicClient, minted.token).expect(401);
    expect(refused.headers['www-authenticate']).toMatch(INVALID_TOKEN_CHALLENGE);
    expect(refused.body.error).toBe('invalid_token');
    const dryRun = await request(t.server)
      .post('/register?dry_run=true')
      .set('Authorization', `Bearer ${minted.token}`)
      .send(publicClient)
      .expect(401);
    expect(dryRun.body.error).toBe('invalid_token');
    expect(await t.countClients()).toBe(before);
    expect(await remainingUses(t, minted.id)).toBe(4);
  });

  it('uses nothing up when the registration fails', async () => {
    const minted = await mintToken(t, { expires_in: 3600, max_uses: 1 });
    const response = await registerWith(
      t.server,
      { redirect_uris: ['javascript:alert(1)'] },
      minted.token,
    ).expect(400);
    expect(response.body.error).toBe('invalid_redirect_uri');
    expect(await remainingUses(t, minted.id)).toBe(1);
    await registerWith(t.server, publicClient, minted.token).expect(201);
  });

  it('applies the policy bound to the token, naming it in the refusal', async () => {
    const minted = await mintToken(t, {
      expires_in: 3600,
      max_uses: 5,
      policy: { trusted_redirect_hosts: ['*.acme.example'] },
    });
    const response = await registerWith(
      t.server,
      {
        ...publicClient,
        redirect_uris: ['https://app.acme.example/cb', 'https://evil.example/cb'],
      },
      minted.token,
    ).expect(400);
    expect(response.body).toEqual({
      error: 'invalid_redirect_uri',
      error_description:
        "redirect_uris[1]: host 'evil.example' is not a trusted redirect host (trusted: *.acme.example); a rule of the initial access token policy (policy trusted_redirect_hosts)",
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/1',
    });
    await registerWith(
      t.server,
      { ...publicClient, redirect_uris: ['https://app.acme.example/cb'] },
      minted.token,
    ).expect(201);
    expect(await remainingUses(t, minted.id)).toBe(4);
  });

  it('keeps applying the token policy to the RFC 7592 updates of its clients', async () => {
    const minted = await mintToken(t, {
      expires_in: 3600,
      max_uses: 1,
      policy: { allowed_scopes: ['mcp:tools'] },
    });
    const registered = (
      await registerWith(t.server, { ...publicClient, scope: 'mcp:tools' }, minted.token).expect(
        201,
      )
    ).body as Record<string, string>;
    const response = await request(t.server)
      .put(new URL(registered.registration_client_uri).pathname)
      .set('Authorization', `Bearer ${registered.registration_access_token}`)
      .send({ ...publicClient, client_id: registered.client_id, scope: 'mcp:tools admin' })
      .expect(400);
    expect(response.body).toMatchObject({ policy: 'allowed_scopes', field: '/scope' });
  });
});

describe('mixed registration', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      dcr: {
        adminToken: ADMIN_TOKEN,
        registration: {
          mode: 'mixed',
          anonymousRules: { trustedRedirectHosts: ['127.0.0.1'] },
          initialAccessTokenRules: { allowedTokenEndpointAuthMethods: ['client_secret_basic'] },
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers anonymous requests under the anonymous rules', async () => {
    await registerWith(t.server, publicClient).expect(201);
    const response = await registerWith(t.server, {
      ...publicClient,
      redirect_uris: ['https://app.example/cb'],
    }).expect(400);
    expect(response.body).toMatchObject({
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/0',
    });
    expect(response.body.error_description).toMatch(/rules for anonymous registrations/);
  });

  it("registers token requests under the token's rules instead", async () => {
    const minted = await mintToken(t);
    await registerWith(
      t.server,
      {
        redirect_uris: ['https://app.example/cb'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      minted.token,
    ).expect(201);
    const response = await registerWith(t.server, publicClient, minted.token).expect(400);
    expect(response.body).toMatchObject({
      policy: 'allowed_token_endpoint_auth_methods',
      field: '/token_endpoint_auth_method',
    });
  });

  it('refuses a bad token rather than falling back to anonymous', async () => {
    const response = await registerWith(t.server, publicClient, 'unknown-token-value').expect(401);
    expect(response.body.error).toBe('invalid_token');
  });
});

describe('open registration', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers anyone, and does not look at an Authorization header', async () => {
    await registerWith(t.server, publicClient).expect(201);
    const response = await registerWith(t.server, publicClient, 'anything').expect(201);
    const [row] = await t.schema.query<{ initial_access_token_id: string | null }>(
      'SELECT initial_access_token_id FROM dcr_client WHERE client_id = $1',
      [response.body.client_id],
    );
    expect(row?.initial_access_token_id).toBeNull();
  });
});
