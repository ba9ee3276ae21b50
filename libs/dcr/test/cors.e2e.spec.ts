import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

describe.each(['fastify', 'express'] as const)('CORS on %s', (adapter) => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      adapter,
      adminPath: 'admin',
      dcr: { adminToken: 'admin-token-for-cors-tests-0123456789' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers the preflight of a registration from a browser agent', async () => {
    const response = await request(t.server)
      .options('/register')
      .set('Origin', 'https://agent.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(response.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers the preflight of a configuration request carrying a bearer token', async () => {
    const response = await request(t.server)
      .options('/register/some-client')
      .set('Origin', 'https://agent.example')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });

  it('lets the browser read responses and errors, and the WWW-Authenticate challenge', async () => {
    const ok = await request(t.server)
      .post('/register')
      .set('Origin', 'https://agent.example')
      .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'none' })
      .expect(201);
    expect(ok.headers['access-control-allow-origin']).toBe('*');

    const unauthorized = await request(t.server)
      .get(`/register/${ok.body.client_id}`)
      .set('Origin', 'https://agent.example')
      .expect(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('*');
    expect(unauthorized.headers['access-control-expose-headers']).toMatch(/WWW-Authenticate/);
  });

  it('sends no CORS headers from the admin API', async () => {
    const preflight = await request(t.server)
      .options('/admin/clients/x')
      .set('Origin', 'https://agent.example')
      .set('Access-Control-Request-Method', 'DELETE');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).not.toBe(204);

    const call = await request(t.server)
      .delete('/admin/clients/x')
      .set('Origin', 'https://agent.example')
      .set('Authorization', 'Bearer admin-token-for-cors-tests-0123456789');
    expect(call.status).toBe(404);
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });
});
