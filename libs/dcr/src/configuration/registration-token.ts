import { digest, digestsEqual } from '../credentials/digest.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/**
 * Which of the client's registration access tokens `token` is: the current one, the previous one
 * while its grace period after a rotation lasts, or neither. Both comparisons always run, in
 * constant time, so timing does not tell which one matched.
 */
export function matchRegistrationToken(
  client: Pick<
    DcrClientEntity,
    | 'registrationTokenDigest'
    | 'previousRegistrationTokenDigest'
    | 'previousRegistrationTokenExpiresAt'
  >,
  token: string,
  now: Date,
): 'current' | 'previous' | undefined {
  const presented = digest(token);
  const current = digestsEqual(presented, client.registrationTokenDigest);
  const previous =
    client.previousRegistrationTokenDigest !== null &&
    digestsEqual(presented, client.previousRegistrationTokenDigest);
  if (current) return 'current';
  if (
    previous &&
    client.previousRegistrationTokenExpiresAt &&
    now < client.previousRegistrationTokenExpiresAt
  ) {
    return 'previous';
  }
  return undefined;
}
