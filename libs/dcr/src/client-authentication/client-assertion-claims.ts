import type { JWTPayload, JWTVerifyOptions } from 'jose';
import type { ResolvedClientAssertionOptions } from './client-assertion-options.js';

/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
export const JWT_BEARER_CLIENT_ASSERTION_TYPE =
  'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The longest `jti` accepted; only its digest is stored, but a value has to end somewhere. */
const MAX_JTI_LENGTH = 1024;

/**
 * Why a client assertion was refused. For the server's debug log only: the client is told
 * `invalid_client` with the same description whatever the reason (RFC 7521 §4.2.1).
 */
export class ClientAssertionRefused extends Error {
  override readonly name = 'ClientAssertionRefused';
}

/**
 * What jose's `jwtVerify` checks for the assertion of `clientId` (RFC 7523 §3): a signature by one
 * of `algorithms`; `iss` and `sub` both the client_id (items 1 and 2); `aud` containing the token
 * endpoint URL or the issuer (item 3); `exp` present and not passed, `nbf` reached (items 4 and 5),
 * within the clock tolerance; `jti` present (item 7).
 */
export function assertionVerifyOptions(
  clientId: string,
  algorithms: readonly string[],
  options: ResolvedClientAssertionOptions,
): JWTVerifyOptions {
  return {
    algorithms: [...algorithms],
    issuer: clientId,
    subject: clientId,
    audience: [...options.audiences],
    clockTolerance: options.clockToleranceSeconds,
    requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
  };
}

/** An accepted assertion's `jti`, and until when (Unix seconds) a replay of it must be refused. */
export interface AssertionReplayKey {
  readonly jti: string;
  readonly rememberUntil: number;
}

/**
 * The checks of the verified claims that jose does not make, at `now` (Unix seconds):
 *
 * - `exp` at most `maxLifetimeSeconds` (plus the tolerance) ahead: RFC 7523 §3 item 4 lets the
 *   server bound it, and every accepted `jti` is remembered until `exp`, so the bound caps both
 *   the replay table and the worth of a leaked assertion;
 * - `iat`, when present, not in the future (item 6);
 * - `jti` a non-empty string (item 7; RFC 7519 §4.1.7 makes it a case-sensitive string).
 *
 * Returns what the replay check needs: `jti`, remembered until `exp` plus the tolerance, after
 * which jose refuses the assertion as expired anyway. Pure; throws {@link ClientAssertionRefused}.
 */
export function checkAssertionClaims(
  payload: JWTPayload,
  now: number,
  options: ResolvedClientAssertionOptions,
): AssertionReplayKey {
  const { exp, iat, jti } = payload;
  const tolerance = options.clockToleranceSeconds;
  if (typeof exp !== 'number') throw new ClientAssertionRefused('exp is missing');
  if (exp > now + options.maxLifetimeSeconds + tolerance) {
    throw new ClientAssertionRefused('exp is too far in the future');
  }
  if (iat !== undefined && iat > now + tolerance) {
    throw new ClientAssertionRefused('iat is in the future');
  }
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
    throw new ClientAssertionRefused('jti is missing or not a string');
  }
  return { jti, rememberUntil: Math.ceil(exp) + tolerance };
}
