import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import { OAuthError } from '../errors/oauth-error.js';
import { checkAdminToken } from './admin-token.js';

const ADMIN_TOKEN = 'adm-7Qw2Er9Ty4Ui1Op6As3Df8Gh0Jk5Lz';
const ADMIN_DIGEST = digest(ADMIN_TOKEN);
const DESCRIPTION = 'the admin token is missing or not valid';

/** RFC 6750 §3.1: invalid_token, 401, with a Bearer challenge naming the error. */
function expectRefused(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OAuthError);
  const error = thrown as OAuthError;
  expect(error.error).toBe('invalid_token');
  expect(error.status).toBe(401);
  expect(error.description).toBe(DESCRIPTION);
  expect(error.headers).toEqual({
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${DESCRIPTION}"`,
  });
  expect(error.toBody()).toEqual({ error: 'invalid_token', error_description: DESCRIPTION });
}

describe('checkAdminToken', () => {
  it('accepts the configured token', () => {
    expect(() => checkAdminToken(ADMIN_TOKEN, ADMIN_DIGEST)).not.toThrow();
    expect(checkAdminToken(ADMIN_TOKEN, ADMIN_DIGEST)).toBeUndefined();
  });

  it('accepts the configured token against a copy of its digest', () => {
    expect(() => checkAdminToken(ADMIN_TOKEN, Buffer.from(ADMIN_DIGEST))).not.toThrow();
  });

  it('refuses a missing token', () => {
    expectRefused(() => checkAdminToken(undefined, ADMIN_DIGEST));
  });

  it('refuses every token when no admin token is configured', () => {
    expectRefused(() => checkAdminToken(ADMIN_TOKEN, undefined));
    expectRefused(() => checkAdminToken('', undefined));
  });

  it('refuses a missing token when no admin token is configured', () => {
    expectRefused(() => checkAdminToken(undefined, undefined));
  });

  it.each([
    ['another token', 'adm-wrong'],
    ['an empty token', ''],
    ['the token in another case', ADMIN_TOKEN.toLowerCase()],
    ['the token with an extra character', `${ADMIN_TOKEN}=`],
    ['the token without its last character', ADMIN_TOKEN.slice(0, -1)],
    ['the hex digest of the token', ADMIN_DIGEST.toString('hex')],
  ])('refuses %s', (_label, token) => {
    expectRefused(() => checkAdminToken(token, ADMIN_DIGEST));
  });

  it('refuses the token against a digest of the wrong length', () => {
    expectRefused(() => checkAdminToken(ADMIN_TOKEN, ADMIN_DIGEST.subarray(0, 16)));
  });
});
