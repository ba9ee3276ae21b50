import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  ADMIN_TOKEN,
  mintToken,
  registerWith,
  remainingUses,
} from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

describe('dry run (POST /register?dry_run=true)', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      dcr: {
        adminToken: ADMIN_TOKEN,
        registration: {
          mode: 'protected',
          rules: { allowedScopes: ['openid'], approval: 'pending' },
          maxClientsPerSoftwareId: 1,
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 200 with the effective metadata and no credentials; stores nothing, uses nothing', async () => {
    const minted = await mintToken(t, { expires_in: 3600, max_uses: 1 });
    const before = await t.countClients();
    const response = await registerWith(
      t.server,
      { ...publicClient, scope: 'openid', unknown_member: 'ignored' },
      minted.token,
      '?dry_run=true',
    ).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      redirect_uris: publicClient.redirect_uris,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: publicClient.client_name,
      scope: 'openid',
      approval_status: 'pending',
    });
    expect(await t.countClients()).toBe(before);
    expect(await remainingUses(t, minted.id)).toBe(1);
    // The token still registers for real afterwards.
    await registerWith(t.server, publicClient, minted.token).expect(201);
  });

  it('answers the same 4xx a registration would get', async () => {
    const minted = await mintToken(t);
    for (const query of ['?dry_run=true', '']) {
      const response = await registerWith(
        t.server,
        { ...publicClient, scope: 'admin' },
        minted.token,
        query,
      );
      expect([response.status, response.body.policy, response.body.field]).toEqual([
        400,
        'allowed_scopes',
        '/scope',
      ]);
    }
    const unauthenticated = await registerWith(t.server, publicClient, undefined, '?dry_run=true');
    expect(unauthenticated.status).toBe(401);
  });

  it('checks the quotas too', async () => {
    const minted = await mintToken(t);
    const body = { ...publicClient, software_id: 'one-only' };
    await registerWith(t.server, body, minted.token, '?dry_run=true').expect(200);
    await registerWith(t.server, body, minted.token).expect(201);
    const response = await registerWith(t.server, body, minted.token, '?dry_run=true').expect(403);
    expect(response.body).toMatchObject({
      error: 'access_denied',
      policy: 'max_clients_per_software_id',
    });
  });

  it.each(['?dry_run=yes', '?dry_run=', '?dry_run=true&dry_run=true'])(
    'refuses %s with 400 invalid_request rather than guessing',
    async (query) => {
      const minted = await mintToken(t);
      const before = await t.countClients();
      const response = await registerWith(t.server, publicClient, minted.token, query).expect(400);
      expect(response.body.error).toBe('invalid_request');
      expect(await t.countClients()).toBe(before);
    },
  );

  it('registers as usual with dry_run=false', async () => {
    const minted = await mintToken(t);
    const response = await registerWith(
      t.server,
      publicClient,
      minted.token,
      '?dry_run=false',
    ).expect(201);
    expect(response.body.client_id).toEqual(expect.any(String));
  });
});

describe('dry run on the Express adapter', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adapter: 'express' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 200 and stores nothing, then 201 without dry_run', async () => {
    const response = await registerWith(t.server, publicClient, undefined, '?dry_run=true').expect(
      200,
    );
    expect(response.body).not.toHaveProperty('client_id');
    expect(await t.countClients()).toBe(0);
    await registerWith(t.server, publicClient).expect(201);
    expect(await t.countClients()).toBe(1);
  });
});
