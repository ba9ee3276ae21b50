import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import { matchRegistrationToken } from './registration-token.js';

const NOW = new Date('2030-01-01T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

const CURRENT = 'reg-current-9Xk2mQ4vT7bN1cR8wZ3pL6sH0dF5gJ';
const PREVIOUS = 'reg-previous-Yb7nE2qW9rT4uI1oP6aS3dF8gH0jK';

type Client = Parameters<typeof matchRegistrationToken>[0];

function client(overrides: Partial<Client> = {}): Client {
  return {
    registrationTokenDigest: digest(CURRENT),
    previousRegistrationTokenDigest: digest(PREVIOUS),
    previousRegistrationTokenExpiresAt: at(60_000),
    ...overrides,
  };
}

describe('matchRegistrationToken', () => {
  describe('the current token', () => {
    it('is "current"', () => {
      expect(matchRegistrationToken(client(), CURRENT, NOW)).toBe('current');
    });

    it('is "current" after the previous token expired', () => {
      expect(
        matchRegistrationToken(
          client({ previousRegistrationTokenExpiresAt: at(-60_000) }),
          CURRENT,
          NOW,
        ),
      ).toBe('current');
    });

    it('is "current" when there is no previous token', () => {
      expect(
        matchRegistrationToken(
          client({
            previousRegistrationTokenDigest: null,
            previousRegistrationTokenExpiresAt: null,
          }),
          CURRENT,
          NOW,
        ),
      ).toBe('current');
    });

    it('is "current", not "previous", when both digests are the same token', () => {
      expect(
        matchRegistrationToken(
          client({ previousRegistrationTokenDigest: digest(CURRENT) }),
          CURRENT,
          NOW,
        ),
      ).toBe('current');
    });
  });

  describe('the previous token (grace period after a rotation)', () => {
    it('is "previous" well within the grace period', () => {
      expect(matchRegistrationToken(client(), PREVIOUS, NOW)).toBe('previous');
    });

    it('is "previous" 1 ms before the grace period ends', () => {
      expect(
        matchRegistrationToken(
          client({ previousRegistrationTokenExpiresAt: at(1) }),
          PREVIOUS,
          NOW,
        ),
      ).toBe('previous');
    });

    it('is not accepted exactly when the grace period ends', () => {
      expect(
        matchRegistrationToken(
          client({ previousRegistrationTokenExpiresAt: at(0) }),
          PREVIOUS,
          NOW,
        ),
      ).toBeUndefined();
    });

    it.each([1, 1_000, 86_400_000])('is not accepted %i ms after the grace period', (ms) => {
      expect(
        matchRegistrationToken(
          client({ previousRegistrationTokenExpiresAt: at(-ms) }),
          PREVIOUS,
          NOW,
        ),
      ).toBeUndefined();
    });

    it('is not accepted when its expiry is null', () => {
      expect(
        matchRegistrationToken(client({ previousRegistrationTokenExpiresAt: null }), PREVIOUS, NOW),
      ).toBeUndefined();
    });

    it('uses the `now` it is given, not the clock', () => {
      const expiresAt = new Date('2000-01-01T00:00:00Z');
      const stored = client({ previousRegistrationTokenExpiresAt: expiresAt });
      expect(matchRegistrationToken(stored, PREVIOUS, new Date('1999-12-31T23:59:59Z'))).toBe(
        'previous',
      );
      expect(matchRegistrationToken(stored, PREVIOUS, expiresAt)).toBeUndefined();
    });
  });

  describe('an unknown token', () => {
    it.each([
      ['another token', 'reg-someone-else'],
      ['an empty string', ''],
      ['the current token in another case', CURRENT.toUpperCase()],
      ['the current token with a trailing space', `${CURRENT} `],
      ['the previous token without its last character', PREVIOUS.slice(0, -1)],
      ['the hex digest of the current token', digest(CURRENT).toString('hex')],
    ])('is undefined for %s', (_label, token) => {
      expect(matchRegistrationToken(client(), token, NOW)).toBeUndefined();
    });
  });

  describe('null previous digest and expiry', () => {
    it('does not throw and matches nothing for the old token', () => {
      const stored = client({
        previousRegistrationTokenDigest: null,
        previousRegistrationTokenExpiresAt: null,
      });
      expect(() => matchRegistrationToken(stored, PREVIOUS, NOW)).not.toThrow();
      expect(matchRegistrationToken(stored, PREVIOUS, NOW)).toBeUndefined();
      expect(matchRegistrationToken(stored, 'anything', NOW)).toBeUndefined();
    });

    it('does not throw when only the previous digest is null', () => {
      const stored = client({ previousRegistrationTokenDigest: null });
      expect(() => matchRegistrationToken(stored, PREVIOUS, NOW)).not.toThrow();
      expect(matchRegistrationToken(stored, PREVIOUS, NOW)).toBeUndefined();
      expect(matchRegistrationToken(stored, CURRENT, NOW)).toBe('current');
    });
  });
});
