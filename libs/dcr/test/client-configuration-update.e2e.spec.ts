import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  confidential,
  expectInvalidToken,
  pathOf,
  registerClientAt,
  type Registered,
} from './support/client-configuration-requests.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const registerClient = (body?: object) => registerClientAt(t.server, body);

describe('PUT registration_client_uri (RFC 7592 §2.2)', () => {
  const put = (client: Registered, body: object, token = client.registration_access_token) =>
    request(t.server).put(pathOf(client)).set('Authorization', `Bearer ${token}`).send(body);

  it('replaces the registration: omitted fields are removed or reset to defaults', async () => {
    const client = await registerClient({
      ...confidential,
      grant_types: ['authorization_code', 'refresh_token'],
      contacts: ['a@example.com'],
      'client_name#fr': 'Client de config',
    });
    const response = await put(client, {
      client_id: client.client_id,
      redirect_uris: ['https://app.example.com/new-cb'],
      client_name: 'Renamed',
    }).expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      client_id: client.client_id,
      client_id_issued_at: client.client_id_issued_at,
      client_secret_expires_at: 0,
      registration_access_token: client.registration_access_token,
      registration_client_uri: client.registration_client_uri,
      redirect_uris: ['https://app.example.com/new-cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: 'Renamed',
    });
    const read = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);
    expect(read.body).toEqual(response.body);
  });

  it('increments the version and sets updated_at', async () => {
    const client = await registerClient();
    await put(client, { ...confidential, client_id: client.client_id, client_name: 'v2' }).expect(
      200,
    );
    const [row] = await t.schema.query<{ version: number; updated_at: Date; issued_at: Date }>(
      'SELECT version, updated_at, issued_at FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(row?.version).toBe(2);
    expect(row.updated_at.getTime()).toBeGreaterThanOrEqual(row.issued_at.getTime());
  });

  it('echoes the current secret when the client sends it, and refuses any other', async () => {
    const client = await registerClient();
    const echoed = await put(client, {
      ...confidential,
      client_id: client.client_id,
      client_secret: client.client_secret,
    }).expect(200);
    expect(echoed.body.client_secret).toBe(client.client_secret);

    const before = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
      client.client_id,
    ]);
    const chosen = await put(client, {
      ...confidential,
      client_id: client.client_id,
      client_secret: 'a-secret-the-client-would-like',
    }).expect(400);
    expect(chosen.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(/^client_secret: must be the current client secret/),
    });
    const after = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
      client.client_id,
    ]);
    expect(after).toEqual(before);
  });

  it.each([
    ['a missing client_id', {}, /^client_id: /],
    ['another client_id', { client_id: 'someone-else' }, /^client_id: /],
    [
      'registration_access_token',
      { registration_access_token: 'x' },
      /^registration_access_token: /,
    ],
    [
      'registration_client_uri',
      { registration_client_uri: 'https://x' },
      /^registration_client_uri: /,
    ],
    ['client_secret_expires_at', { client_secret_expires_at: 0 }, /^client_secret_expires_at: /],
    ['client_id_issued_at', { client_id_issued_at: 1 }, /^client_id_issued_at: /],
  ])(
    'answers 400 invalid_client_metadata for %s, changing nothing',
    async (_case, extra, message) => {
      const client = await registerClient();
      const body = { ...confidential, client_id: client.client_id, ...extra };
      if (_case === 'a missing client_id') delete (body as { client_id?: string }).client_id;
      const before = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
        client.client_id,
      ]);

      const response = await put(client, body).expect(400);

      expect(response.body).toEqual({
        error: 'invalid_client_metadata',
        error_description: expect.stringMatching(message),
      });
      expect(
        await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [client.client_id]),
      ).toEqual(before);
    },
  );

  it('applies the registration rules, with the same errors', async () => {
    const client = await registerClient();
    const response = await put(client, {
      client_id: client.client_id,
      redirect_uris: ['http://app.example.com/cb'],
    }).expect(400);
    expect(response.body.error).toBe('invalid_redirect_uri');
  });

  it('checks the token before the body: a stranger learns nothing from body errors', async () => {
    const client = await registerClient();
    expectInvalidToken(await put(client, { client_id: 'x', redirect_uris: 'nope' }, 'wrong-token'));
  });

  it('checks the token before the content type: a wrong token with text/plain is a 401, not a 400', async () => {
    const client = await registerClient();
    for (const authorization of ['Bearer wrong-token', undefined]) {
      const call = request(t.server)
        .put(pathOf(client))
        .set('content-type', 'text/plain')
        .send('not json');
      if (authorization) call.set('Authorization', authorization);
      const response = await call;
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_token');
    }
  });

  it('issues a secret, once, when a public client becomes confidential, and removes it back', async () => {
    const client = await registerClient({ ...confidential, token_endpoint_auth_method: 'none' });
    expect(client.client_secret).toBeUndefined();

    const confidentialNow = await put(client, {
      ...confidential,
      client_id: client.client_id,
      token_endpoint_auth_method: 'client_secret_post',
    }).expect(200);
    expect(confidentialNow.body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(confidentialNow.body.client_secret_expires_at).toBe(0);

    const read = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);
    expect(read.body).not.toHaveProperty('client_secret');
    expect(read.body.client_secret_expires_at).toBe(0);

    const publicAgain = await put(client, {
      ...confidential,
      client_id: client.client_id,
      token_endpoint_auth_method: 'none',
    }).expect(200);
    expect(publicAgain.body).not.toHaveProperty('client_secret');
    expect(publicAgain.body).not.toHaveProperty('client_secret_expires_at');
    const [row] = await t.schema.query<{ client_secret_digest: Buffer | null }>(
      'SELECT client_secret_digest FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(row?.client_secret_digest).toBeNull();
  });

  it('answers 400 for a body that is not JSON', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .put(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .set('content-type', 'application/json')
      .send('[1, 2');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_client_metadata');
  });
});
