import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  startConsumerTestApp,
  TEST_ISSUER,
  type ConsumerTestApp,
} from './support/consumer-test-app.js';
import {
  confidentialClient,
  expectOAuthError,
  pathOf,
  register,
  type Registration,
} from './support/oauth-requests.js';

// DcrModule mounted in a foreign app: Express, a global prefix, options from ConfigService.
describe('registration under the app prefix (RFC 7591, RFC 7592)', () => {
  let t: ConsumerTestApp;

  beforeAll(async () => {
    t = await startConsumerTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers at /api/oauth/register, with a registration_client_uri under the prefix', async () => {
    const response = await request(t.server)
      .post('/api/oauth/register')
      .set('Content-Type', 'application/json')
      .send(confidentialClient('client_secret_basic'))
      .expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.client_secret).toEqual(expect.any(String));
    expect(response.body.registration_client_uri).toBe(
      `${TEST_ISSUER}/api/oauth/register/${response.body.client_id}`,
    );
    const rows = await t.schema.query('SELECT client_id FROM dcr_client WHERE client_id = $1', [
      response.body.client_id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('serves nothing at the unprefixed path', async () => {
    await request(t.server)
      .post('/oauth/register')
      .set('Content-Type', 'application/json')
      .send(confidentialClient('client_secret_basic'))
      .expect(404);
  });

  it('answers malformed JSON with an RFC error body on Express', async () => {
    const response = await request(t.server)
      .post('/api/oauth/register')
      .set('Content-Type', 'application/json')
      .send('{"redirect_uris":');
    expectOAuthError(response, 400, 'invalid_client_metadata');
  });

  describe('the client configuration endpoint at registration_client_uri', () => {
    let client: Registration;
    let uri: string;

    beforeAll(async () => {
      client = await register(t.server, confidentialClient('client_secret_basic'));
      uri = pathOf(client.registration_client_uri);
    });

    it('reads the registration with the registration access token (RFC 7592 §2.1)', async () => {
      const response = await request(t.server)
        .get(uri)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          client_id: client.client_id,
          client_name: client.client_name,
          registration_client_uri: client.registration_client_uri,
          registration_access_token: client.registration_access_token,
        }),
      );
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('refuses a read without the token, with invalid_token (RFC 6750 §3.1)', async () => {
      const response = await request(t.server).get(uri);
      expectOAuthError(response, 401, 'invalid_token');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it('replaces the registration (RFC 7592 §2.2)', async () => {
      const updated = await request(t.server)
        .put(uri)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .set('Content-Type', 'application/json')
        .send({
          client_id: client.client_id,
          redirect_uris: ['https://app.example/callback', 'https://app.example/other'],
          token_endpoint_auth_method: 'client_secret_basic',
          client_name: 'Renamed by the e2e test',
        })
        .expect(200);
      expect(updated.body.client_name).toBe('Renamed by the e2e test');
      expect(updated.body.registration_client_uri).toBe(client.registration_client_uri);

      const read = await request(t.server)
        .get(uri)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(200);
      expect(read.body.client_name).toBe('Renamed by the e2e test');
      expect(read.body.redirect_uris).toEqual([
        'https://app.example/callback',
        'https://app.example/other',
      ]);
    });

    it('deletes the registration (RFC 7592 §2.3), after which the URI answers 401', async () => {
      await request(t.server)
        .delete(uri)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(204);
      const rows = await t.schema.query('SELECT 1 FROM dcr_client WHERE client_id = $1', [
        client.client_id,
      ]);
      expect(rows).toEqual([]);
      const read = await request(t.server)
        .get(uri)
        .set('Authorization', `Bearer ${client.registration_access_token}`);
      expectOAuthError(read, 401, 'invalid_token');
    });
  });
});
