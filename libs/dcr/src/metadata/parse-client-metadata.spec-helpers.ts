// Shared by the parse-client-metadata.*.spec.ts files (with expectOAuthError, re-exported). Not a test file itself (Jest runs only
// *.spec.ts) and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
export { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { TOKEN_ENDPOINT_AUTH_METHODS } from './client-metadata.js';
import type { MetadataPolicy } from './metadata-policy.js';

/** The policy the default module options resolve to. */
export const POLICY: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: [...TOKEN_ENDPOINT_AUTH_METHODS],
};

export const REDIRECT = 'https://client.example.com/cb';
export const EC_KEY = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
