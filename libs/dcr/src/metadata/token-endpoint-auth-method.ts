import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { TokenEndpointAuthMethod } from './client-metadata.js';
import { jsonPointer } from './json-pointer.js';
import type { MetadataPolicy } from './metadata-policy.js';

/** RFC 7591 §2: the default when a client does not say how it authenticates. */
export const DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD: TokenEndpointAuthMethod = 'client_secret_basic';

/**
 * Methods that authenticate with a shared secret the server issues (RFC 7591 §2;
 * `client_secret_jwt` is an HMAC keyed with it, RFC 7523 §2.2). `none` is a public client, and
 * `private_key_jwt` authenticates with the client's own keys, so neither gets a secret.
 */
export function usesClientSecret(method: TokenEndpointAuthMethod): boolean {
  return (
    method === 'client_secret_basic' ||
    method === 'client_secret_post' ||
    method === 'client_secret_jwt'
  );
}

/** Applies the default and checks the method against the server's support and the client's other metadata. */
export function resolveTokenEndpointAuthMethod(
  requested: string | undefined,
  grantTypes: readonly string[],
  hasKeys: boolean,
  policy: MetadataPolicy,
): TokenEndpointAuthMethod {
  // The request DTO has already restricted the value to the RFC 7591 §2 methods.
  const method = (requested ?? DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD) as TokenEndpointAuthMethod;
  if (!policy.tokenEndpointAuthMethods.includes(method)) {
    throw invalidClientMetadata(
      `token_endpoint_auth_method: "${method}" is not supported (supported: ${policy.tokenEndpointAuthMethods.join(', ')})`,
      jsonPointer('token_endpoint_auth_method'),
    );
  }
  if (method === 'none' && grantTypes.includes('client_credentials')) {
    // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
    throw invalidClientMetadata(
      'grant_types: client_credentials needs a confidential client, so token_endpoint_auth_method must not be "none" (RFC 6749 §4.4)',
      jsonPointer('token_endpoint_auth_method'),
    );
  }
  if (method === 'private_key_jwt' && !hasKeys) {
    throw invalidClientMetadata(
      "token_endpoint_auth_method: private_key_jwt needs the client's public keys in jwks or jwks_uri",
      jsonPointer('token_endpoint_auth_method'),
    );
  }
  return method;
}
