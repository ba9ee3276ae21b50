// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const BEARER_SCHEME = /^Bearer(?: |$)/i;

/** The token of an `Authorization: Bearer` header, or `undefined` when there is none or it is malformed. */
export function parseBearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
}

/**
 * What an `Authorization` header presents to an endpoint protected by bearer tokens:
 * - `none`: no credentials at all: no header, an empty one, or another scheme (`Basic ...`).
 *   RFC 6750 §3.1: the challenge then carries no error code;
 * - `malformed`: the `Bearer` scheme with something that is not a b64token;
 * - `{ token }`: a syntactically valid bearer token.
 */
export type BearerCredentials = 'none' | 'malformed' | { readonly token: string };

/** Reads the bearer credentials of a request (see {@link BearerCredentials}). */
export function readBearerCredentials(authorization: string | undefined): BearerCredentials {
  const value = authorization?.trim() ?? '';
  if (!BEARER_SCHEME.test(value)) return 'none';
  const token = BEARER.exec(value)?.[1];
  return token === undefined ? 'malformed' : { token };
}
