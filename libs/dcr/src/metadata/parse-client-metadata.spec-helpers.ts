// Shared by the parse-client-metadata.*.spec.ts files. Not a test file itself (Jest runs only
// *.spec.ts) and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
import { expect } from '@jest/globals';
import { OAuthError, type OAuthErrorCode } from '../errors/oauth-error.js';
import { TOKEN_ENDPOINT_AUTH_METHODS } from './client-metadata.js';
import type { MetadataPolicy } from './metadata-policy.js';

export function expectOAuthError(
  fn: () => unknown,
  code: OAuthErrorCode,
  description: RegExp,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OAuthError);
  const error = caught as OAuthError;
  expect(error.error).toBe(code);
  expect(error.status).toBe(400);
  expect(error.description).toMatch(description);
}

/** The policy the default module options resolve to. */
export const POLICY: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: [...TOKEN_ENDPOINT_AUTH_METHODS],
};

export const REDIRECT = 'https://client.example.com/cb';
export const EC_KEY = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
