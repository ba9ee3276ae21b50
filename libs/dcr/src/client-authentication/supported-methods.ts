import type { TokenEndpointAuthMethod } from '../metadata/client-metadata.js';

/**
 * The client authentication methods `ClientAuthenticationService` verifies (RFC 6749 §2.3.1,
 * §3.2.1; RFC 7523 §2.2): what the module may let clients register and what discovery may
 * advertise. `client_secret_jwt` is missing on purpose: it is an HMAC keyed with the plaintext
 * secret, which this module never stores.
 */
export const CLIENT_AUTHENTICATION_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
] as const satisfies readonly TokenEndpointAuthMethod[];

/** A method {@link CLIENT_AUTHENTICATION_METHODS} lists. */
export type ClientAuthenticationMethod = (typeof CLIENT_AUTHENTICATION_METHODS)[number];

/**
 * The JWS algorithms (RFC 7518 §3.1, RFC 8037 §3.1, and `Ed25519`, the fully-specified name of
 * EdDSA over Ed25519 from draft-ietf-jose-fully-specified-algorithms) `private_key_jwt` client
 * assertions may be
 * signed with: the one list the verifier accepts and discovery advertises as
 * `token_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2). Asymmetric signatures only:
 * never `none` (RFC 7523 §3: "The JWT MUST be digitally signed"), never HS* (a MAC proves nothing
 * about the client's private key, and one keyed with a registered public key could be forged by
 * anyone who read it).
 */
export const CLIENT_ASSERTION_SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'Ed25519',
  'EdDSA',
] as const;

/** An algorithm {@link CLIENT_ASSERTION_SIGNING_ALGORITHMS} lists. */
export type ClientAssertionSigningAlgorithm = (typeof CLIENT_ASSERTION_SIGNING_ALGORITHMS)[number];

/**
 * The algorithms a client's assertion may use. A client that registered
 * `token_endpoint_auth_signing_alg` (OpenID Connect Dynamic Client Registration 1.0 §2) gets that
 * one alone ("all Token Requests using these authentication methods from this Client MUST be
 * rejected, if the JWT is not signed with this algorithm"), and none at all when it is not one
 * this server verifies; any other client gets the whole list.
 */
export function assertionAlgorithmsFor(registered: string | undefined): readonly string[] {
  if (registered === undefined) return CLIENT_ASSERTION_SIGNING_ALGORITHMS;
  return (CLIENT_ASSERTION_SIGNING_ALGORITHMS as readonly string[]).includes(registered)
    ? [registered]
    : [];
}
