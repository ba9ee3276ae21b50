import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BODY_LIMIT_BYTES } from '../src/create-identity-app.js';
import { expectJsonError } from './support/expect-json-error.js';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';

const ISSUER = 'http://localhost:3000';

const { startApp, schema } = useIdentityOnTestSchema();

async function countClients(): Promise<number> {
  const [row] = await schema().query<{ count: string }>('SELECT count(*) FROM dcr_client');
  return Number(row?.count);
}

describe('identity app (in-process, PostgreSQL)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ ISSUER });
  });

  describe('storage', () => {
    it('creates its table in the schema named by the DATABASE_URL options parameter', async () => {
      const tables = await schema().query<{ table_schema: string }>(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'dcr_client'
           AND table_schema = $1`,
        [schema().name],
      );
      expect(tables).toEqual([{ table_schema: schema().name }]);
    });

    it('stores each registered client in that schema', async () => {
      const before = await countClients();
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT)
        .expect(201);
      expect(await countClients()).toBe(before + 1);
      const rows = await schema().query<{ client_id: string }>(
        'SELECT client_id FROM dcr_client WHERE client_id = $1',
        [response.body.client_id],
      );
      expect(rows).toEqual([{ client_id: response.body.client_id }]);
    });
  });

  describe('registration (RFC 7591)', () => {
    it('registers a public client', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT)
        .expect(201);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      const client = response.body;
      expect(client.client_id).toEqual(expect.any(String));
      expect(client.client_id.length).toBeGreaterThan(0);
      expect(client).not.toHaveProperty('client_secret');
      expect(client.registration_access_token).toEqual(expect.any(String));
      expect(client.registration_client_uri).toBe(`${ISSUER}/register/${client.client_id}`);
      expect(client.registration_client_uri.startsWith(`${ISSUER}/`)).toBe(true);
      expect(client.redirect_uris).toEqual(PUBLIC_CLIENT.redirect_uris);
      expect(client.client_name).toBe(PUBLIC_CLIENT.client_name);
    });

    it('issues a never-expiring secret to a confidential client by default', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send({
          redirect_uris: ['https://app.example.com/callback'],
          token_endpoint_auth_method: 'client_secret_basic',
        })
        .expect(201);
      expect(response.body.client_secret).toEqual(expect.any(String));
      expect(response.body.client_secret_expires_at).toBe(0);
    });

    it('gives distinct client ids to successive registrations', async () => {
      const register = () =>
        request(app.server)
          .post('/register')
          .set('Content-Type', 'application/json')
          .send(PUBLIC_CLIENT)
          .expect(201);
      const first = await register();
      const second = await register();
      expect(first.body.client_id).not.toBe(second.body.client_id);
    });

    it('answers invalid metadata with an RFC 7591 error and stores nothing', async () => {
      const before = await countClients();
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send({ redirect_uris: ['http://example.com/callback'] });
      expectJsonError(response, 400, 'invalid_redirect_uri', '/redirect_uris/0');
      expect(await countClients()).toBe(before);
    });
  });

  describe('errors before routing are JSON too', () => {
    it('answers a body over the 64 KiB limit with 413 and a JSON error', async () => {
      expect(BODY_LIMIT_BYTES).toBe(64 * 1024);
      const before = await countClients();
      const body = JSON.stringify({
        ...PUBLIC_CLIENT,
        client_name: 'x'.repeat(BODY_LIMIT_BYTES + 1),
      });
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(body);
      expectJsonError(response, 413, 'invalid_client_metadata');
      expect(await countClients()).toBe(before);
    });

    it('accepts a body just under the limit (it is the size, not the route, that is refused)', async () => {
      // Metadata the server does not understand is ignored (RFC 7591 §2), so it can pad the body.
      const base = JSON.stringify({ ...PUBLIC_CLIENT, x_padding: '' });
      const padding = BODY_LIMIT_BYTES - Buffer.byteLength(base) - 16;
      const body = JSON.stringify({ ...PUBLIC_CLIENT, x_padding: 'x'.repeat(padding) });
      expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMIT_BYTES);
      expect(Buffer.byteLength(body)).toBeGreaterThan(BODY_LIMIT_BYTES - 64);
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(201);
      expect(response.body.client_id).toEqual(expect.any(String));
    });

    it('answers malformed JSON with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send('{"redirect_uris": [');
      expectJsonError(response, 400, 'invalid_client_metadata');
    });

    it('answers a form-urlencoded body with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('redirect_uris=http%3A%2F%2F127.0.0.1%3A33418%2Fcallback');
      expectJsonError(response, 400, 'invalid_client_metadata');
      expect(response.body.error_description).toMatch(/Content-Type/);
    });

    it('answers a text/plain body with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(PUBLIC_CLIENT));
      expectJsonError(response, 400, 'invalid_client_metadata');
    });

    it('answers an unknown route with a JSON error, not HTML', async () => {
      const response = await request(app.server).get('/no-such-route').set('Accept', 'text/html');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.text).not.toMatch(/<html/i);
      expect(response.body).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
      });
    });

    it('answers a wrong method on /register with a JSON error', async () => {
      const response = await request(app.server).get('/register');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
      });
    });
  });
});
