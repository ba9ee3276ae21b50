import { OAuthError } from '../errors/oauth-error.js';

/**
 * Reads the `dry_run` query parameter of the registration endpoint: absent or `false` is a
 * registration, `true` a dry run. Anything else (another word, a repeated parameter) is refused
 * rather than guessed, since a mistaken guess would register a client the caller meant to test.
 */
export function readDryRunParameter(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new OAuthError('invalid_request', 'dry_run: must be true or false, once');
}
