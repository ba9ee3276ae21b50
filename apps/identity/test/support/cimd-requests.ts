import { expect } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import { TestBrowser } from './browser.js';
import { REDIRECT_URI, authorizationUrl, tokenRequest } from './oauth-client.js';

/** A document of a public client redirecting to the tests' loopback callback. */
export function publicDocument(
  clientId: string,
  members: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    client_id: clientId,
    client_name: 'Document agent',
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: 'none',
    ...members,
  };
}

/**
 * The first request of an authorization by `clientId` (PKCE S256, the tests' redirect URI): the
 * response, not followed, so that a test can count the fetches one request causes.
 */
export async function startAuthorization(
  as: oauth.AuthorizationServer,
  clientId: string,
): Promise<Response> {
  const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
  return new TestBrowser().request(authorizationUrl(as, { clientId }, challenge).href);
}

/** The first request of an authorization went on to the interaction (the client was accepted). */
export async function expectAuthorizationStarted(
  as: oauth.AuthorizationServer,
  clientId: string,
): Promise<void> {
  const response = await startAuthorization(as, clientId);
  await response.body?.cancel();
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toContain('/interaction/');
}

/**
 * An authorization by a refused document client: a 400 page, never a redirect (to the client's
 * redirect URI or anywhere), naming the RFC 6749 error and the rule. Returns the page's text.
 */
export async function expectAuthorizationRefused(
  as: oauth.AuthorizationServer,
  clientId: string,
  error: 'invalid_client' | 'invalid_request',
  rule: string,
): Promise<string> {
  const response = await startAuthorization(as, clientId);
  const page = await response.text();
  expect({ status: response.status, location: response.headers.get('location') }).toEqual({
    status: 400,
    location: null,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page).toContain(error);
  expect(page).toContain(`(rule: ${rule})`);
  return page;
}

/**
 * A token request by a refused document client: 400 with an RFC 6749 JSON error naming the rule.
 * Returns the `error_description`.
 */
export async function expectTokenRefused(
  as: oauth.AuthorizationServer,
  clientId: string,
  rule: string,
): Promise<string> {
  const { status, body } = await tokenRequest(as, {
    grant_type: 'authorization_code',
    code: 'any-code',
    code_verifier: oauth.generateRandomCodeVerifier(),
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
  });
  expect({ status, error: body.error }).toEqual({ status: 400, error: 'invalid_client' });
  const description = String(body.error_description);
  expect(description).toContain(`(rule: ${rule})`);
  return description;
}
