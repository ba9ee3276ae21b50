import { describe, expect, it } from '@jest/globals';
import { configErrorFor, configOf, problemFor } from './identity-config.spec-helpers.js';

describe('CLIENT_SECRET_LIFETIME_SECONDS', () => {
  it('defaults to 0 (secrets never expire) and accepts its bounds', () => {
    expect(configOf({}).clientSecretLifetimeSeconds).toBe(0);
    expect(configOf({ CLIENT_SECRET_LIFETIME_SECONDS: '0' }).clientSecretLifetimeSeconds).toBe(0);
    expect(
      configOf({ CLIENT_SECRET_LIFETIME_SECONDS: String(2 ** 31) }).clientSecretLifetimeSeconds,
    ).toBe(2 ** 31);
  });

  it.each(['1.5', '-60', String(2 ** 31 + 1), '1d'])('refuses %p', (value) => {
    expect(problemFor({ CLIENT_SECRET_LIFETIME_SECONDS: value })).toBe(
      `CLIENT_SECRET_LIFETIME_SECONDS must be a whole number from 0 to 2147483648 (got "${value}")`,
    );
  });
});

describe('ADMIN_TOKEN', () => {
  it('is unset by default, which leaves the admin API unmounted', () => {
    expect(configOf({}).adminToken).toBeUndefined();
    expect(configOf({ ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
  });

  it('accepts 32 characters or more, as given', () => {
    expect(configOf({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken).toBe('a'.repeat(32));
  });

  it.each(['short-secret-value', 'a'.repeat(31), ' '])(
    'refuses a token shorter than 32 characters without echoing it (%p)',
    (value) => {
      const error = configErrorFor({ ADMIN_TOKEN: value });
      expect(error.message).toBe('ADMIN_TOKEN must be at least 32 characters long');
      expect(String(error.stack)).not.toContain('short-secret-value');
    },
  );
});

describe.each([
  ['REGISTRATION_TOKEN_ROTATION', 'rotateRegistrationAccessToken'],
  ['REGISTRATION_TOKEN_REUSE_REVOKES', 'revokeRegistrationTokensOnReuse'],
] as const)('%s', (variable, field) => {
  it('defaults to false', () => {
    expect(configOf({})[field]).toBe(false);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %p as %p', (value, expected) => {
    expect(configOf({ [variable]: value })[field]).toBe(expected);
  });

  it.each(['yes', 'TRUE ', '2', 'off'])('refuses %p: a typo must not read as off', (value) => {
    expect(problemFor({ [variable]: value })).toBe(
      `${variable} must be true or false (got "${value}")`,
    );
  });
});

describe('REGISTRATION_TOKEN_GRACE_SECONDS', () => {
  it('defaults to 300 and accepts 0 to 86400', () => {
    expect(configOf({}).registrationAccessTokenGracePeriodSeconds).toBe(300);
    expect(
      configOf({ REGISTRATION_TOKEN_GRACE_SECONDS: '0' }).registrationAccessTokenGracePeriodSeconds,
    ).toBe(0);
    expect(
      configOf({ REGISTRATION_TOKEN_GRACE_SECONDS: '86400' })
        .registrationAccessTokenGracePeriodSeconds,
    ).toBe(86400);
  });

  it.each(['86401', '-1', '5m'])('refuses %p', (value) => {
    expect(problemFor({ REGISTRATION_TOKEN_GRACE_SECONDS: value })).toBe(
      `REGISTRATION_TOKEN_GRACE_SECONDS must be a whole number from 0 to 86400 (got "${value}")`,
    );
  });
});
