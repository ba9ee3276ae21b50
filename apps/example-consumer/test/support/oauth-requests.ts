import { expect } from '@jest/globals';
import request from 'supertest';
import type { ConsumerTestApp } from './consumer-test-app.js';

type Server = ConsumerTestApp['server'];

/** The fields of a registration response the tests use. */
export interface Registration {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
  registration_client_uri: string;
  token_endpoint_auth_method: string;
  [field: string]: unknown;
}

/** Metadata of a confidential client; the method is the one under test. */
export function confidentialClient(method: 'client_secret_basic' | 'client_secret_post') {
  return {
    client_name: `Example consumer e2e (${method})`,
    redirect_uris: ['https://app.example/callback'],
    token_endpoint_auth_method: method,
  };
}

export const PUBLIC_CLIENT = {
  client_name: 'Example consumer e2e (public)',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

/** Registers a client at `path` (default: the app's registration endpoint) and expects 201. */
export async function register(
  server: Server,
  metadata: object,
  path = '/api/oauth/register',
): Promise<Registration> {
  const response = await request(server)
    .post(path)
    .set('Content-Type', 'application/json')
    .send(metadata);
  expect({ status: response.status, body: response.body }).toEqual({
    status: 201,
    body: expect.objectContaining({ client_id: expect.any(String) }),
  });
  return response.body as Registration;
}

/** The path of a `registration_client_uri`, to request it from the in-process server. */
export function pathOf(uri: string): string {
  return new URL(uri).pathname;
}

/** application/x-www-form-urlencoded, as RFC 6749 Appendix B asks for Basic credentials. */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** Every byte percent-encoded: valid form-encoding that only a decoding server reads correctly. */
export function percentEncodeEveryByte(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** RFC 6749 §2.3.1: `Basic base64(form-encoded id ":" form-encoded secret)`. */
export function basicAuthorization(
  clientId: string,
  clientSecret: string,
  encode: (value: string) => string = formEncode,
): string {
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64')}`;
}

/** A form body; a parameter given an array is repeated. */
export function form(parameters: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body.toString();
}

/** POSTs a form-encoded token request, with an Authorization header when given. */
export function tokenRequest(
  server: Server,
  parameters: Record<string, string | string[]>,
  authorization?: string,
  path = '/api/oauth/token',
): request.Test {
  const test = request(server)
    .post(path)
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .send(form({ grant_type: 'client_credentials', ...parameters }));
  return authorization === undefined ? test : test.set('Authorization', authorization);
}

/** An RFC error response: status, JSON body of exactly `error` and `error_description`, no-store. */
export function expectOAuthError(response: request.Response, status: number, error: string): void {
  expect({ status: response.status, error: response.body.error }).toEqual({ status, error });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(Object.keys(response.body as object).sort()).toEqual(['error', 'error_description']);
  expect(typeof response.body.error_description).toBe('string');
}
