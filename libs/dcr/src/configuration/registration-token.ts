import { digest, digestsEqual } from '../credentials/digest.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/**
 * What a presented registration access token is to a client:
 * - `current`: its current token;
 * - `recovery`: the token a rotation replaced, within its grace period, while the current token
 *   was never used: the client lost the response that carried the new token and may recover;
 * - `reused`: the token a rotation replaced, presented after the current token was used. The
 *   legitimate client has moved on, so this is someone else (RFC 9700 §4.14.2, the reuse
 *   detection of refresh tokens, applied to registration access tokens); it never authenticates;
 * - `undefined`: none of the above.
 */
export type RegistrationTokenMatch = 'current' | 'recovery' | 'reused' | undefined;

/** The stored state of a client's registration access tokens. */
export type RegistrationTokenState = Pick<
  DcrClientEntity,
  | 'registrationTokenDigest'
  | 'registrationTokenUsedAt'
  | 'previousRegistrationTokenDigest'
  | 'previousRegistrationTokenExpiresAt'
>;

/**
 * Which of the client's registration access tokens `token` is (see {@link RegistrationTokenMatch}).
 * With rotation off, nothing rotates, so only the current token counts. Both comparisons always
 * run, in constant time, so timing does not tell which one matched.
 */
export function matchRegistrationToken(
  client: RegistrationTokenState,
  token: string,
  now: Date,
  rotationEnabled: boolean,
): RegistrationTokenMatch {
  const presented = digest(token);
  const current = digestsEqual(presented, client.registrationTokenDigest);
  const previous =
    client.previousRegistrationTokenDigest !== null &&
    digestsEqual(presented, client.previousRegistrationTokenDigest);
  if (current) return 'current';
  if (!previous || !rotationEnabled) return undefined;
  if (client.registrationTokenUsedAt !== null) return 'reused';
  const expiresAt = client.previousRegistrationTokenExpiresAt;
  return expiresAt !== null && now < expiresAt ? 'recovery' : undefined;
}

/**
 * Whether authenticating with the current token must record its first use: only while a replaced
 * token could still recover the client, whose recovery that first use ends.
 */
export function firstUseEndsRecovery(client: RegistrationTokenState): boolean {
  return client.previousRegistrationTokenDigest !== null && client.registrationTokenUsedAt === null;
}

/** The token state after a new token (given by its digest) replaces the presented one. */
export function rotatedTokenState(
  client: RegistrationTokenState,
  match: 'current' | 'recovery',
  presentedDigest: Buffer,
  newTokenDigest: Buffer,
  graceExpiresAt: Date,
): RegistrationTokenState {
  return {
    registrationTokenDigest: newTokenDigest,
    registrationTokenUsedAt: null,
    // A recovery keeps the replaced token's original deadline: retries cannot extend its life,
    // and the token the recovery replaces (never used) is simply dropped.
    previousRegistrationTokenDigest:
      match === 'current' ? presentedDigest : client.previousRegistrationTokenDigest,
    previousRegistrationTokenExpiresAt:
      match === 'current' ? graceExpiresAt : client.previousRegistrationTokenExpiresAt,
  };
}
