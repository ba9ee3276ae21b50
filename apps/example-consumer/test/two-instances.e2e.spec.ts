import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test-app.js';
import {
  expectOAuthError,
  pathOf,
  PUBLIC_CLIENT,
  register,
  tokenRequest,
  type Registration,
} from './support/oauth-requests.js';

const ISSUER_A = 'http://localhost:3001';
const ISSUER_B = 'https://consumer-b.example';

// Two Nest apps in one process, each with its own DcrModule instance, options, path and schema:
// nothing (controllers, options, data source) may leak from one to the other.
describe('two instances of the app in one process', () => {
  let a: ConsumerTestApp;
  let b: ConsumerTestApp;
  let clientOfA: Registration;
  let clientOfB: Registration;

  beforeAll(async () => {
    a = await startConsumerTestApp({ env: { ISSUER: ISSUER_A } });
    b = await startConsumerTestApp({
      env: { ISSUER: ISSUER_B, REGISTRATION_PATH: 'dcr/clients' },
    });
    clientOfA = await register(a.server, PUBLIC_CLIENT, '/api/oauth/register');
    clientOfB = await register(b.server, PUBLIC_CLIENT, '/api/dcr/clients');
  });

  afterAll(async () => {
    const results = await Promise.allSettled([a?.close(), b?.close()]);
    for (const result of results) {
      if (result.status === 'rejected') throw result.reason;
    }
  });

  it('each advertises its own registration_client_uri', () => {
    expect(clientOfA.registration_client_uri).toBe(
      `${ISSUER_A}/api/oauth/register/${clientOfA.client_id}`,
    );
    expect(clientOfB.registration_client_uri).toBe(
      `${ISSUER_B}/api/dcr/clients/${clientOfB.client_id}`,
    );
  });

  it('each serves only its own registration path', async () => {
    await request(a.server)
      .post('/api/dcr/clients')
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT)
      .expect(404);
    await request(b.server)
      .post('/api/oauth/register')
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT)
      .expect(404);
  });

  it('stores each client in its own schema only', async () => {
    const inA = await a.schema.query('SELECT client_id FROM dcr_client');
    const inB = await b.schema.query('SELECT client_id FROM dcr_client');
    expect(inA).toEqual([{ client_id: clientOfA.client_id }]);
    expect(inB).toEqual([{ client_id: clientOfB.client_id }]);
  });

  it("does not know the other's client at its client configuration endpoint (401)", async () => {
    // A's client, with A's token, at the same client_id under B's path.
    const inB = await request(b.server)
      .get(`/api/dcr/clients/${clientOfA.client_id}`)
      .set('Authorization', `Bearer ${clientOfA.registration_access_token}`);
    expectOAuthError(inB, 401, 'invalid_token');
    const inA = await request(a.server)
      .get(`/api/oauth/register/${clientOfB.client_id}`)
      .set('Authorization', `Bearer ${clientOfB.registration_access_token}`);
    expectOAuthError(inA, 401, 'invalid_token');

    // Each still knows its own.
    await request(a.server)
      .get(pathOf(clientOfA.registration_client_uri))
      .set('Authorization', `Bearer ${clientOfA.registration_access_token}`)
      .expect(200);
    await request(b.server)
      .get(pathOf(clientOfB.registration_client_uri))
      .set('Authorization', `Bearer ${clientOfB.registration_access_token}`)
      .expect(200);
  });

  it("does not authenticate the other's client at its token endpoint", async () => {
    expectOAuthError(
      await tokenRequest(b.server, { client_id: clientOfA.client_id }),
      401,
      'invalid_client',
    );
    expectOAuthError(
      await tokenRequest(a.server, { client_id: clientOfB.client_id }),
      401,
      'invalid_client',
    );
    const own = await tokenRequest(b.server, { client_id: clientOfB.client_id }).expect(200);
    expect(own.body.client_id).toBe(clientOfB.client_id);
  });
});
