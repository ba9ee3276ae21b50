import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

// The identity app runs on Fastify; host apps often run on Express. The module must behave the
// same on both: status codes, headers and RFC error bodies.
describe('DcrModule on the Express adapter', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adapter: 'express' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers with 201, no-store and the same body shape', async () => {
    const response = await request(t.server)
      .post('/register')
      .send({ redirect_uris: ['http://localhost:8080/cb'], token_endpoint_auth_method: 'none' })
      .expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    expect(response.body.grant_types).toEqual(['authorization_code']);
  });

  it('answers invalid metadata with the RFC error body', async () => {
    const response = await request(t.server)
      .post('/register')
      .send({ redirect_uris: ['http://example.com/cb'] })
      .expect(400);
    expect(response.body.error).toBe('invalid_redirect_uri');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers body-parser errors with RFC error bodies', async () => {
    const malformed = await request(t.server)
      .post('/register')
      .set('content-type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(malformed.body.error).toBe('invalid_client_metadata');

    const tooLarge = await request(t.server)
      .post('/register')
      .send({ client_name: 'x'.repeat(70 * 1024) })
      .expect(413);
    expect(tooLarge.body.error).toBe('invalid_client_metadata');

    const notJson = await request(t.server)
      .post('/register')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(400);
    expect(notJson.body.error_description).toMatch(/Content-Type/);
  });

  it('ignores __proto__ keys, which Express passes through, without polluting anything', async () => {
    const before = await t.countClients();
    const response = await request(t.server)
      .post('/register')
      .set('content-type', 'application/json')
      .send(
        '{"__proto__":{"token_endpoint_auth_method":"none","polluted":1},"redirect_uris":["https://a.example/cb"]}',
      )
      .expect(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The prototype's fields were not read as metadata: the default method applies.
    expect(response.body.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(await t.countClients()).toBe(before + 1);
  });
});
