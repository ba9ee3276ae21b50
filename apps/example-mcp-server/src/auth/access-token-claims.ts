import type { JWTPayload } from 'jose';

/**
 * RFC 9068 §2.2: the claims every JWT access token carries. `iss`, `aud` and `exp` are also
 * checked against this resource by jose; the others must be present.
 */
export const REQUIRED_ACCESS_TOKEN_CLAIMS = [
  'iss',
  'exp',
  'aud',
  'sub',
  'client_id',
  'iat',
  'jti',
] as const;

/** An access token this resource accepted, as the tool handlers see it. */
export interface VerifiedAccessToken {
  /** `sub`: the resource owner, or the client itself for client_credentials (RFC 9068 §2.2). */
  readonly subject: string;
  /** `client_id` (RFC 9068 §2.2, RFC 8693 §4.3). */
  readonly clientId: string;
  /** `scope`, split into its scope tokens (RFC 9068 §2.2.3); empty when the claim is absent. */
  readonly scopes: readonly string[];
  /** `exp`, in seconds since the epoch. */
  readonly expiresAt: number;
  /** `jti`: the token's identifier. */
  readonly tokenId: string;
}

/** A token whose claims are malformed; the message is the `error_description` sent back. */
export class MalformedClaimsError extends Error {
  override readonly name = 'MalformedClaimsError';
}

/**
 * Reads the claims of a token whose signature, `typ`, `iss`, `aud` and times jose has verified,
 * and checks the types RFC 9068 §2.2 gives the others (jose only checks that they are present).
 */
export function readAccessTokenClaims(payload: JWTPayload): VerifiedAccessToken {
  const { sub, client_id: clientId, scope, exp, jti } = payload;
  if (typeof sub !== 'string' || sub === '') throw malformed('sub');
  if (typeof clientId !== 'string' || clientId === '') throw malformed('client_id');
  if (typeof jti !== 'string' || jti === '') throw malformed('jti');
  if (scope !== undefined && typeof scope !== 'string') throw malformed('scope');
  if (typeof exp !== 'number') throw malformed('exp');
  return {
    subject: sub,
    clientId,
    scopes: scopeTokens(scope),
    expiresAt: exp,
    tokenId: jti,
  };
}

/** RFC 6749 §3.3: a scope is a space-delimited list of scope tokens. */
export function scopeTokens(scope: string | undefined): string[] {
  return scope === undefined ? [] : scope.split(' ').filter((token) => token !== '');
}

/** The required scopes a token lacks, in the order they are required (RFC 6750 §3.1). */
export function missingScopes(
  granted: readonly string[],
  required: readonly string[],
): readonly string[] {
  return required.filter((scope) => !granted.includes(scope));
}

function malformed(claim: string): MalformedClaimsError {
  return new MalformedClaimsError(
    `the access token's "${claim}" claim is not a non-empty string as RFC 9068 section 2.2 requires`,
  );
}
