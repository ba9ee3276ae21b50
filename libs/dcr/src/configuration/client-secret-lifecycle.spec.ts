import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import {
  TOKEN_ENDPOINT_AUTH_METHODS,
  type TokenEndpointAuthMethod,
} from '../metadata/client-metadata.js';
import {
  secretChangeFor,
  secretExpiry,
  type SecretChange,
  type StoredSecret,
} from './client-secret-lifecycle.js';

const NOW = new Date('2030-01-01T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const DIGEST = digest('current-secret');

const SECRETS: Record<string, StoredSecret> = {
  'no secret': { digest: null, expiresAt: null },
  'a valid secret that never expires': { digest: DIGEST, expiresAt: null },
  'a valid secret expiring later': { digest: DIGEST, expiresAt: at(3_600_000) },
  'a valid secret expiring in 1 ms': { digest: DIGEST, expiresAt: at(1) },
  'an expired secret': { digest: DIGEST, expiresAt: at(-3_600_000) },
  'a secret expired 1 ms ago': { digest: DIGEST, expiresAt: at(-1) },
  'a secret expiring exactly now': { digest: DIGEST, expiresAt: at(0) },
};

/** Expected change per stored secret, for a method that uses a secret and for one that does not. */
const EXPECTED: Record<string, { secretMethod: SecretChange; otherMethod: SecretChange }> = {
  'no secret': { secretMethod: 'issue', otherMethod: 'keep' },
  'a valid secret that never expires': { secretMethod: 'keep', otherMethod: 'remove' },
  'a valid secret expiring later': { secretMethod: 'keep', otherMethod: 'remove' },
  'a valid secret expiring in 1 ms': { secretMethod: 'keep', otherMethod: 'remove' },
  'an expired secret': { secretMethod: 'issue', otherMethod: 'remove' },
  'a secret expired 1 ms ago': { secretMethod: 'issue', otherMethod: 'remove' },
  'a secret expiring exactly now': { secretMethod: 'issue', otherMethod: 'remove' },
};

const SECRET_METHODS: TokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
];
const OTHER_METHODS: TokenEndpointAuthMethod[] = ['none', 'private_key_jwt'];

describe('secretChangeFor (RFC 7592 §2.2)', () => {
  it('covers every token endpoint auth method of RFC 7591 §2', () => {
    expect([...SECRET_METHODS, ...OTHER_METHODS].sort()).toEqual(
      [...TOKEN_ENDPOINT_AUTH_METHODS].sort(),
    );
  });

  it('has an expectation for every stored-secret case', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(SECRETS).sort());
  });

  const cases = Object.keys(SECRETS).flatMap((state) => [
    ...SECRET_METHODS.map((method) => [method, state, EXPECTED[state].secretMethod] as const),
    ...OTHER_METHODS.map((method) => [method, state, EXPECTED[state].otherMethod] as const),
  ]);

  it.each(cases)('%s with %s → %s', (method, state, expected) => {
    expect(secretChangeFor(method, SECRETS[state], NOW)).toBe(expected);
  });

  it('issues a secret to a secret method when the stored expiry has no digest', () => {
    expect(
      secretChangeFor('client_secret_basic', { digest: null, expiresAt: at(60_000) }, NOW),
    ).toBe('issue');
  });

  it('keeps nothing to remove for a public client with a stale expiry but no digest', () => {
    expect(secretChangeFor('none', { digest: null, expiresAt: at(-60_000) }, NOW)).toBe('keep');
  });

  it('compares against the `now` it is given, not the clock', () => {
    const secret: StoredSecret = { digest: DIGEST, expiresAt: new Date('2000-01-01T00:00:00Z') };
    expect(secretChangeFor('client_secret_post', secret, new Date('1999-12-31T23:59:59Z'))).toBe(
      'keep',
    );
    expect(secretChangeFor('client_secret_post', secret, new Date('2000-01-01T00:00:00Z'))).toBe(
      'issue',
    );
  });

  it('does not modify the stored secret or `now`', () => {
    const secret: StoredSecret = { digest: Buffer.from(DIGEST), expiresAt: at(-1) };
    const now = new Date(NOW.getTime());
    secretChangeFor('client_secret_basic', secret, now);
    expect(secret.digest).toEqual(DIGEST);
    expect(secret.expiresAt?.getTime()).toBe(NOW.getTime() - 1);
    expect(now.getTime()).toBe(NOW.getTime());
  });
});

describe('secretExpiry', () => {
  it('is null (never expires) for a lifetime of 0', () => {
    expect(secretExpiry(NOW, 0)).toBeNull();
  });

  it.each([
    [1, 1_000],
    [60, 60_000],
    [3_600, 3_600_000],
    [86_400 * 365, 86_400 * 365 * 1_000],
  ])('is now + %i s for a positive lifetime', (lifetimeSeconds, offsetMs) => {
    const expiry = secretExpiry(NOW, lifetimeSeconds);
    expect(expiry).toBeInstanceOf(Date);
    expect(expiry?.getTime()).toBe(NOW.getTime() + offsetMs);
  });

  it('keeps whole-second issue times on whole seconds (RFC 7591 §3.2.1 reports seconds)', () => {
    const expiry = secretExpiry(NOW, 90);
    expect(expiry?.toISOString()).toBe('2030-01-01T12:01:30.000Z');
  });

  it('returns a new Date and leaves `now` unchanged', () => {
    const now = new Date(NOW.getTime());
    const expiry = secretExpiry(now, 10);
    expect(expiry).not.toBe(now);
    expect(now.getTime()).toBe(NOW.getTime());
  });

  it('gives an expiry that secretChangeFor keeps before it and replaces at it', () => {
    const expiresAt = secretExpiry(NOW, 30);
    const stored: StoredSecret = { digest: DIGEST, expiresAt };
    expect(secretChangeFor('client_secret_basic', stored, at(29_999))).toBe('keep');
    expect(secretChangeFor('client_secret_basic', stored, at(30_000))).toBe('issue');
  });
});
