import request from 'supertest';
import type { DcrTestApp } from './dcr-test-app.js';

/** A public client (no secret) with a loopback redirect URI, the base of most registrations. */
export const publicClient = {
  client_name: 'Example Agent',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

/** POST /register with `body` as JSON; the error tests send bodies that are not objects, too. */
export const postRegistration = (server: DcrTestApp['server'], body: unknown) =>
  request(server)
    .post('/register')
    .send(body as object);
