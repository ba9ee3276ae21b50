import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';

interface Registered {
  client_id: string;
  registration_access_token: string;
  registration_client_uri: string;
}

describe('admin API', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adminPath: 'admin', dcr: { adminToken: ADMIN_TOKEN } });
  });

  afterAll(async () => {
    await t.close();
  });

  const register = async () =>
    (
      await request(t.server)
        .post('/register')
        .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'none' })
        .expect(201)
    ).body as Registered;
  const path = (client: Registered) => new URL(client.registration_client_uri).pathname;

  it('re-issues a lost registration access token: the new one works, the old one no longer', async () => {
    const client = await register();
    const response = await request(t.server)
      .post(`/admin/clients/${client.client_id}/registration-token`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(201);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      client_id: client.client_id,
      registration_access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      registration_client_uri: client.registration_client_uri,
    });
    await request(t.server)
      .get(path(client))
      .set('Authorization', `Bearer ${response.body.registration_access_token}`)
      .expect(200);
    await request(t.server)
      .get(path(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(401);
    const [row] = await t.schema.query<{ registration_token_digest: Buffer }>(
      'SELECT registration_token_digest FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(JSON.stringify(row)).not.toContain(response.body.registration_access_token);
  });

  it('revokes a client now', async () => {
    const client = await register();
    await request(t.server)
      .delete(`/admin/clients/${client.client_id}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(204);
    await request(t.server)
      .get(path(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(401);
  });

  it('answers 404 for an unknown client, to an authenticated operator', async () => {
    const response = await request(t.server)
      .delete('/admin/clients/unknown')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(404);
    expect(response.body.error).toBe('invalid_request');
  });

  it.each([
    ['no credential', undefined],
    ['a wrong credential', 'Bearer admin-token-for-tests-0123456789abcdeX'],
    ["a client's registration access token", 'client'],
  ])('refuses %s with 401 and changes nothing', async (_case, authorization) => {
    const client = await register();
    const call = request(t.server).delete(`/admin/clients/${client.client_id}`);
    if (authorization === 'client')
      call.set('Authorization', `Bearer ${client.registration_access_token}`);
    else if (authorization) call.set('Authorization', authorization);
    const response = await call;
    expect(response.status).toBe(401);
    // RFC 6750 §3.1: without any credentials, the challenge carries no error code.
    expect(response.headers['www-authenticate']).toMatch(
      authorization === undefined
        ? /^Bearer realm="https:\/\/issuer\.example"$/
        : /^Bearer error="invalid_token"/,
    );
    expect(await t.countClients()).toBeGreaterThan(0);
    await request(t.server)
      .get(path(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);
  });
});

describe('admin API without an admin token', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adminPath: 'admin' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses every request', async () => {
    await request(t.server)
      .delete('/admin/clients/any')
      .set('Authorization', 'Bearer anything-anything-anything-anything')
      .expect(401);
  });
});

describe('admin API not mounted', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ dcr: { adminToken: ADMIN_TOKEN } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('has no routes unless adminPath is set', async () => {
    await request(t.server)
      .delete('/admin/clients/any')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(404);
  });
});
