import { OAuthError } from '@agent-runtimes/dcr';
import { bearerChallenge, type ChallengeContext } from './bearer-challenge.js';

/** Seconds a client should wait before retrying while the authorization server cannot be reached. */
const RETRY_AFTER_SECONDS = 5;

/**
 * RFC 6750 §3.1 and RFC 9728 §5.1: a request with no bearer token (no `Authorization` header, or
 * another scheme) gets 401 and a challenge without an error code, naming the resource metadata.
 */
export function missingAccessToken(context: ChallengeContext): OAuthError {
  return new OAuthError(
    'invalid_token',
    'a bearer token is required (Authorization: Bearer); see resource_metadata in WWW-Authenticate',
    401,
    { 'WWW-Authenticate': bearerChallenge(context) },
  );
}

/** RFC 6750 §3.1 `invalid_token`, 401: a token was presented and is malformed or not valid here. */
export function invalidAccessToken(context: ChallengeContext, description: string): OAuthError {
  return new OAuthError('invalid_token', description, 401, {
    'WWW-Authenticate': bearerChallenge(context, { code: 'invalid_token', description }),
  });
}

/** RFC 6750 §3.1 `insufficient_scope`, 403: a valid token without every scope the resource needs. */
export function insufficientScope(
  context: ChallengeContext,
  missing: readonly string[],
): OAuthError {
  const description = `the access token lacks the scope ${missing.join(' ')}`;
  return new OAuthError('insufficient_scope', description, 403, {
    'WWW-Authenticate': bearerChallenge(context, { code: 'insufficient_scope', description }),
  });
}

/**
 * 503 `temporarily_unavailable`: the authorization server's metadata or keys cannot be had, so the
 * token can be neither accepted nor refused. Not a 401: the client's token may well be valid.
 */
export function authorizationServerUnavailable(): OAuthError {
  return new OAuthError(
    'temporarily_unavailable',
    'the keys of the authorization server cannot be fetched; retry later',
    503,
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
