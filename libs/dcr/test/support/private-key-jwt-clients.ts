import { expect } from '@jest/globals';
import type { JWK } from 'jose';
import request from 'supertest';
import { OAuthError } from '../../src/index.js';
import type { DcrTestApp } from './dcr-test-app.js';

/** What a registration returns that the tests use. */
export interface RegisteredTestClient {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
  registration_client_uri: string;
}

/** Registers a client through the module's endpoint, as a client would. */
export async function registerClient(
  t: DcrTestApp,
  metadata: Record<string, unknown>,
): Promise<RegisteredTestClient> {
  const response = await request(t.server)
    .post('/register')
    .send({ redirect_uris: ['https://client.example/cb'], ...metadata });
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({
    status: 201,
  });
  return response.body as RegisteredTestClient;
}

/** Registers a `private_key_jwt` client with its public keys, or with a `jwks_uri`. */
export function registerKeyClient(
  t: DcrTestApp,
  keys: { jwks: { keys: JWK[] } } | { jwks_uri: string },
): Promise<RegisteredTestClient> {
  return registerClient(t, { token_endpoint_auth_method: 'private_key_jwt', ...keys });
}

/** The `OAuthError` an attempt rejects with (failing the test when it resolves). */
export async function refusalOf(attempt: Promise<unknown>): Promise<OAuthError> {
  const outcome = await attempt.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  }
  expect(outcome.error).toBeInstanceOf(OAuthError);
  return outcome.error as OAuthError;
}

/**
 * RFC 6749 §5.2 / RFC 7521 §4.2.1: `invalid_client`, 401, no challenge (no Basic was tried), and
 * by default the one description every failed verification gets, which says nothing of the cause.
 */
export async function expectInvalidClient(
  attempt: Promise<unknown>,
  description = 'client authentication failed',
): Promise<void> {
  const error = await refusalOf(attempt);
  expect({
    error: error.error,
    status: error.status,
    description: error.description,
    headers: error.headers,
  }).toEqual({ error: 'invalid_client', status: 401, description, headers: {} });
}
