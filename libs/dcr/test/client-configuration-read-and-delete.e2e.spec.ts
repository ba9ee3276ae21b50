import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  confidential,
  expectInvalidToken,
  expectMissingToken,
  pathOf,
  registerClientAt,
} from './support/client-configuration-requests.js';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const registerClient = (body?: object) => registerClientAt(t.server, body);

describe('GET registration_client_uri (RFC 7592 §2.1)', () => {
  it('returns the current registration with the valid token, without the secret', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    expect(response.body).toEqual({
      client_id: client.client_id,
      client_id_issued_at: client.client_id_issued_at,
      client_secret_expires_at: 0,
      registration_access_token: client.registration_access_token,
      registration_client_uri: `${TEST_ISSUER}/register/${client.client_id}`,
      redirect_uris: ['https://app.example.com/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: 'Config Client',
      scope: 'read write',
    });
  });

  it('accepts the scheme name in any case (RFC 9110 §11.1)', async () => {
    const client = await registerClient();
    await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `bEaReR ${client.registration_access_token}`)
      .expect(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic Zm9vOmJhcg=='],
  ])(
    'answers 401 with a realm and no error code for %s (RFC 6750 §3.1)',
    async (_case, authorization) => {
      const client = await registerClient();
      const call = request(t.server).get(pathOf(client));
      if (authorization !== undefined) call.set('Authorization', authorization);
      expectMissingToken(await call);
    },
  );

  it.each([
    ['a malformed bearer', 'Bearer a b'],
    ['an unknown token', 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('answers 401 invalid_token for %s', async (_case, authorization) => {
    const client = await registerClient();
    const call = request(t.server).get(pathOf(client));
    if (authorization !== undefined) call.set('Authorization', authorization);
    expectInvalidToken(await call);
  });

  it('answers 401, not 404, for an unknown client id, and reveals nothing of it', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .get('/register/no-such-client')
      .set('Authorization', `Bearer ${client.registration_access_token}`);
    expectInvalidToken(response);
  });

  it("refuses client A's token on client B's URI and reveals nothing of B", async () => {
    const a = await registerClient();
    const b = await registerClient({ ...confidential, client_name: 'Secret B' });
    const response = await request(t.server)
      .get(pathOf(b))
      .set('Authorization', `Bearer ${a.registration_access_token}`);
    expectInvalidToken(response);
    expect(JSON.stringify(response.body)).not.toContain('Secret B');
    expect(JSON.stringify(response.body)).not.toContain(b.client_id);
  });
});

describe('DELETE registration_client_uri (RFC 7592 §2.3)', () => {
  it('answers 204; afterwards the id and the token are invalid and a second delete is 401', async () => {
    const client = await registerClient();
    const auth = `Bearer ${client.registration_access_token}`;

    const deleted = await request(t.server).delete(pathOf(client)).set('Authorization', auth);
    expect(deleted.status).toBe(204);
    expect(deleted.headers['cache-control']).toBe('no-store');
    expect(deleted.text).toBe('');

    expectInvalidToken(await request(t.server).get(pathOf(client)).set('Authorization', auth));
    expectInvalidToken(await request(t.server).delete(pathOf(client)).set('Authorization', auth));
    expect(
      await t.schema.query('SELECT 1 FROM dcr_client WHERE client_id = $1', [client.client_id]),
    ).toEqual([]);
  });

  it("refuses to delete with another client's token", async () => {
    const a = await registerClient();
    const b = await registerClient();
    expectInvalidToken(
      await request(t.server)
        .delete(pathOf(b))
        .set('Authorization', `Bearer ${a.registration_access_token}`),
    );
    await request(t.server)
      .get(pathOf(b))
      .set('Authorization', `Bearer ${b.registration_access_token}`)
      .expect(200);
  });
});
