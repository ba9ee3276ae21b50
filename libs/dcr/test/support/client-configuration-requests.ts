import { expect } from '@jest/globals';
import request from 'supertest';
import type { DcrTestApp } from './dcr-test-app.js';

/** The metadata of a confidential client, the registration the RFC 7592 tests start from. */
export const confidential = {
  client_name: 'Config Client',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'read write',
};

/** The fields of a registration response the tests use. */
export interface Registered {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
  registration_client_uri: string;
  client_id_issued_at: number;
}

/** Registers `body` (by default the confidential client) and expects 201. */
export async function registerClientAt(
  server: DcrTestApp['server'],
  body: object = confidential,
): Promise<Registered> {
  return (await request(server).post('/register').send(body).expect(201)).body as Registered;
}

/** The path of the client's registration_client_uri, to request it from the in-process server. */
export const pathOf = (client: Registered) => new URL(client.registration_client_uri).pathname;

/**
 * RFC 6750 §3.1: a request without any credentials (no header, an empty one, another scheme) gets
 * a 401 whose challenge names the realm and carries no error code; the body still explains.
 */
export function expectMissingToken(response: request.Response): void {
  expect(response.status).toBe(401);
  expect(response.headers['www-authenticate']).toBe('Bearer realm="https://issuer.example"');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toEqual({ error: 'invalid_token', error_description: expect.any(String) });
}

/** RFC 6750 §3.1: 401 invalid_token with a Bearer challenge and a JSON error body. */
export function expectInvalidToken(response: request.Response): void {
  expect(response.status).toBe(401);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toEqual({ error: 'invalid_token', error_description: expect.any(String) });
}
