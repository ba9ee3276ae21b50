import { VERIFIED_JWS_ALGORITHMS } from '../metadata/jose-algorithms.js';
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
 * The JWS algorithms `private_key_jwt` client assertions may be signed with (RFC 7523 §3: "The JWT
 * MUST be digitally signed"): the module's verified asymmetric algorithms, the one list the
 * verifier accepts and discovery advertises as `token_endpoint_auth_signing_alg_values_supported`
 * (RFC 8414 §2).
 */
export const CLIENT_ASSERTION_SIGNING_ALGORITHMS = VERIFIED_JWS_ALGORITHMS;

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
