// Shared by the grant-and-response-types.*.spec.ts files. Not a test file itself (Jest runs only
// *.spec.ts) and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
import type { MetadataPolicy } from './metadata-policy.js';

/** The policy of the default module options: no implicit grant, narrowing on. */
export const DEFAULT_POLICY: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

export const WITH_IMPLICIT: MetadataPolicy = {
  grantTypes: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
  responseTypes: ['code', 'token'],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

export const CLIENT_CREDENTIALS_ONLY: MetadataPolicy = {
  grantTypes: ['client_credentials'],
  responseTypes: [],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

/** `policy` with narrowing turned off for every field. */
export function withoutNarrowing(policy: MetadataPolicy): MetadataPolicy {
  return { ...policy, narrow: { grantTypes: false, responseTypes: false, scopes: false } };
}
