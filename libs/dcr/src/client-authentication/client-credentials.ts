import { decodeJwt } from 'jose';
import { invalidClient, OAuthError } from '../errors/oauth-error.js';
import { JWT_BEARER_CLIENT_ASSERTION_TYPE } from './client-assertion-claims.js';

/**
 * A JWT client assertion (RFC 7523 §2.2), not yet verified: `clientId` is its `sub` (§3 item 2),
 * which names the client whose keys must verify it.
 */
export interface PresentedAssertion {
  method: 'private_key_jwt';
  clientId: string;
  assertion: string;
}

/** The credentials a token request presents (RFC 6749 §2.3), as read from its header and body. */
export type PresentedCredentials =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientId: string; clientSecret: string }
  | { method: 'none'; clientId: string }
  | PresentedAssertion;

const BASIC = /^Basic +([A-Za-z0-9+/]+=*)$/i;

const ONE_METHOD = 'use one client authentication method per request (RFC 6749 §2.3)';

// Assertions carry a few claims and perhaps a certificate chain in the header; anything this long
// is not one, and is refused before it is decoded.
const MAX_ASSERTION_LENGTH = 16 * 1024;

/**
 * Reads client credentials from a token request: HTTP Basic (RFC 6749 §2.3.1, where the id and the
 * secret are form-encoded before base64), `client_id` and `client_secret` in the body, a JWT client
 * assertion (RFC 7521 §4.2, RFC 7523 §2.2), or a bare `client_id` for a public client (RFC 6749
 * §3.2.1). A request may use one method only (§2.3).
 * Failed authentication is `invalid_client` (401); a malformed request (a repeated parameter, two
 * methods at once) is `invalid_request` (400), as RFC 6749 §5.2 assigns them.
 *
 * @param authorization the `Authorization` header, if any
 * @param body the parsed `application/x-www-form-urlencoded` body, if any
 */
export function parseClientCredentials(
  authorization: string | undefined,
  body: Readonly<Record<string, unknown>> | undefined,
): PresentedCredentials {
  // RFC 6749 §5.2: once the client tried the Authorization header, every failure carries the
  // challenge of that scheme.
  const usesHeader = authorization !== undefined && authorization.trim() !== '';
  const bodyId = singleValue(body, 'client_id');
  const bodySecret = singleValue(body, 'client_secret');
  const assertion = singleValue(body, 'client_assertion');
  const assertionType = singleValue(body, 'client_assertion_type');
  if (assertion !== undefined || assertionType !== undefined) {
    if (usesHeader || bodySecret !== undefined) {
      throw invalidRequest(ONE_METHOD);
    }
    return parseAssertion(assertion, assertionType, bodyId);
  }

  if (usesHeader) {
    const basic = parseBasic(authorization);
    if (bodySecret !== undefined) {
      throw invalidRequest(ONE_METHOD);
    }
    if (bodyId !== undefined && bodyId !== basic.clientId) {
      throw invalidRequest(
        'client_id in the body differs from the one in the Authorization header',
      );
    }
    return { method: 'client_secret_basic', ...basic };
  }
  if (bodyId === undefined) throw invalidClient('no client authentication was presented');
  if (bodySecret !== undefined) {
    return { method: 'client_secret_post', clientId: bodyId, clientSecret: bodySecret };
  }
  return { method: 'none', clientId: bodyId };
}

/**
 * RFC 7521 §4.2 and RFC 7523 §2.2: `client_assertion_type` is the JWT bearer URN and
 * `client_assertion` one JWT, whose `sub` is the client_id (RFC 7523 §3 item 2); a `client_id` in
 * the body must name the same client (RFC 7521 §4.2). Everything wrong with an assertion is
 * `invalid_client` (RFC 7521 §4.2.1). The JWT is only decoded here; it is verified once the client
 * it names is known.
 */
function parseAssertion(
  assertion: string | undefined,
  assertionType: string | undefined,
  bodyId: string | undefined,
): PresentedAssertion {
  if (assertionType !== JWT_BEARER_CLIENT_ASSERTION_TYPE) {
    throw invalidClient(
      `client_assertion_type must be ${JWT_BEARER_CLIENT_ASSERTION_TYPE} (RFC 7523 §2.2)`,
    );
  }
  if (assertion === undefined || assertion === '') {
    throw invalidClient('client_assertion is missing (RFC 7521 §4.2)');
  }
  let subject: unknown;
  try {
    if (assertion.length > MAX_ASSERTION_LENGTH) throw new Error('too long');
    subject = decodeJwt(assertion).sub;
  } catch {
    throw invalidClient('client_assertion is not a signed JWT (RFC 7523 §2.2)');
  }
  if (typeof subject !== 'string' || subject === '') {
    throw invalidClient('client_assertion has no sub, the client_id (RFC 7523 §3)');
  }
  if (bodyId !== undefined && bodyId !== subject) {
    throw invalidClient('client_id differs from the sub of the client_assertion (RFC 7521 §4.2)');
  }
  return { method: 'private_key_jwt', clientId: subject, assertion };
}

function parseBasic(authorization: string): { clientId: string; clientSecret: string } {
  const encoded = BASIC.exec(authorization.trim())?.[1];
  const decoded =
    encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) {
    throw invalidClient(
      'the Authorization header must be HTTP Basic with client_id:client_secret',
      true,
    );
  }
  try {
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    throw invalidClient(
      'the Basic credentials are not correctly form-encoded (RFC 6749 §2.3.1)',
      true,
    );
  }
}

/**
 * RFC 6749 §5.2 `invalid_request` (400): a request that "repeats a parameter, includes multiple
 * credentials, utilizes more than one mechanism for authenticating the client".
 */
function invalidRequest(description: string): OAuthError {
  return new OAuthError('invalid_request', description);
}

/** application/x-www-form-urlencoded decoding: `+` is a space, then percent-decoding. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function singleValue(
  body: Readonly<Record<string, unknown>> | undefined,
  name: string,
): string | undefined {
  const value = body?.[name];
  if (value === undefined) return undefined;
  // RFC 6749 §3.2: parameters must not be repeated; a repeated one arrives as an array.
  if (typeof value !== 'string') {
    throw invalidRequest(`${name} must be sent exactly once`);
  }
  return value;
}
