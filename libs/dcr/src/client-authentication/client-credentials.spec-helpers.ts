// Shared by the client-credentials.*.spec.ts files. Not a test file itself (Jest runs only
// *.spec.ts) and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
import { expect } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';

export const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="token", charset="UTF-8"' };

/** `Basic` credentials whose decoded payload is exactly `payload` (already form-encoded). */
export function basic(payload: string): string {
  return `Basic ${Buffer.from(payload, 'utf8').toString('base64')}`;
}

export function caught(fn: () => unknown): OAuthError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OAuthError);
  return thrown as OAuthError;
}

/** RFC 6749 §5.2: invalid_client, 401, with a Basic challenge exactly when the header was used. */
export function expectInvalidClient(
  fn: () => unknown,
  description: string,
  usedAuthorizationHeader: boolean,
): void {
  const error = caught(fn);
  expect(error.error).toBe('invalid_client');
  expect(error.status).toBe(401);
  expect(error.description).toBe(description);
  expect(error.headers).toEqual(usedAuthorizationHeader ? BASIC_CHALLENGE : {});
}
