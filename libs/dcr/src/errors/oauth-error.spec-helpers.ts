// Shared by the unit specs. Not a test file itself (Jest runs only *.spec.ts) and not part of the
// library (tsconfig.lib.json excludes *.spec-helpers.ts).
import { expect } from '@jest/globals';
import { OAuthError, type OAuthErrorCode } from './oauth-error.js';

/**
 * Expects `fn` to throw a 400 `OAuthError` with `code` and a description matching `description`.
 * With `field`, also expects the `field` extension member to be exactly that JSON pointer
 * (RFC 6901); `null` expects the error to name no field.
 */
export function expectOAuthError(
  fn: () => unknown,
  code: OAuthErrorCode,
  description: RegExp,
  field?: string | null,
): OAuthError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OAuthError);
  const error = caught as OAuthError;
  expect(error.error).toBe(code);
  expect(error.status).toBe(400);
  expect(error.description).toMatch(description);
  if (field !== undefined) expect(error.extensions.field).toBe(field ?? undefined);
  return error;
}
