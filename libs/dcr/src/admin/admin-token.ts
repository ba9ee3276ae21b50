import { matchesDigest } from '../credentials/digest.js';
import { invalidToken } from '../errors/oauth-error.js';

/**
 * Checks the admin API's bearer credential against the configured token's digest, in constant
 * time. Without a configured token, every request is refused.
 */
export function checkAdminToken(token: string | undefined, expected: Buffer | undefined): void {
  if (token === undefined || expected === undefined || !matchesDigest(token, expected)) {
    throw invalidToken('the admin token is missing or not valid');
  }
}
