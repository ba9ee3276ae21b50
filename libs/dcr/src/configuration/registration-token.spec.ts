import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import {
  firstUseEndsRecovery,
  matchRegistrationToken,
  rotatedTokenState,
  type RegistrationTokenState,
} from './registration-token.js';

const NOW = new Date('2030-01-01T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

const T2 = 'reg-current-9Xk2mQ4vT7bN1cR8wZ3pL6sH0dF5gJ';
const T1 = 'reg-previous-Yb7nE2qW9rT4uI1oP6aS3dF8gH0jK';

/** A client whose token T1 was just replaced by T2, which was never used yet. */
function rotated(overrides: Partial<RegistrationTokenState> = {}): RegistrationTokenState {
  return {
    registrationTokenDigest: digest(T2),
    registrationTokenUsedAt: null,
    previousRegistrationTokenDigest: digest(T1),
    previousRegistrationTokenExpiresAt: at(60_000),
    ...overrides,
  };
}

const match = (state: RegistrationTokenState, token: string, rotation = true) =>
  matchRegistrationToken(state, token, NOW, rotation);

describe('matchRegistrationToken', () => {
  describe('the current token', () => {
    it.each([
      ['right after a rotation', rotated()],
      ['after it was used', rotated({ registrationTokenUsedAt: at(-1000) })],
      ['after the grace period', rotated({ previousRegistrationTokenExpiresAt: at(-1) })],
      [
        'without a previous token',
        rotated({
          previousRegistrationTokenDigest: null,
          previousRegistrationTokenExpiresAt: null,
        }),
      ],
    ])('is "current" %s', (_label, state) => {
      expect(match(state, T2)).toBe('current');
      expect(match(state, T2, false)).toBe('current');
    });

    it('is "current", not a replaced token, when both digests are the same', () => {
      expect(match(rotated({ previousRegistrationTokenDigest: digest(T2) }), T2)).toBe('current');
    });
  });

  describe('the replaced token (RFC 9700 §4.14.2 reuse detection)', () => {
    it('recovers while its successor was never used, within the grace period', () => {
      expect(match(rotated(), T1)).toBe('recovery');
    });

    it('is dead once its successor was used: its use is "reused"', () => {
      expect(match(rotated({ registrationTokenUsedAt: at(-1000) }), T1)).toBe('reused');
    });

    it('is "reused" after its successor was used even past the grace period', () => {
      const state = rotated({
        registrationTokenUsedAt: at(-1000),
        previousRegistrationTokenExpiresAt: at(-500),
      });
      expect(match(state, T1)).toBe('reused');
    });

    it('is nothing after the grace period when its successor was never used', () => {
      expect(match(rotated({ previousRegistrationTokenExpiresAt: at(0) }), T1)).toBeUndefined();
      expect(match(rotated({ previousRegistrationTokenExpiresAt: at(-1) }), T1)).toBeUndefined();
    });

    it('is nothing when rotation is off: nothing ever rotates', () => {
      expect(match(rotated(), T1, false)).toBeUndefined();
      expect(match(rotated({ registrationTokenUsedAt: at(-1000) }), T1, false)).toBeUndefined();
    });
  });

  describe('other tokens', () => {
    it.each([
      ['another token', 'reg-other'],
      ['an empty token', ''],
      ['the current token in another case', T2.toUpperCase()],
      ['the hex digest of the current token', digest(T2).toString('hex')],
    ])('refuses %s', (_label, token) => {
      expect(match(rotated(), token)).toBeUndefined();
    });
  });
});

describe('firstUseEndsRecovery', () => {
  it('is true only while a replaced token could still recover the client', () => {
    expect(firstUseEndsRecovery(rotated())).toBe(true);
    expect(firstUseEndsRecovery(rotated({ registrationTokenUsedAt: at(-1) }))).toBe(false);
    expect(
      firstUseEndsRecovery(
        rotated({
          previousRegistrationTokenDigest: null,
          previousRegistrationTokenExpiresAt: null,
        }),
      ),
    ).toBe(false);
  });
});

describe('rotatedTokenState', () => {
  const T3 = digest('reg-next');

  it('keeps the presented current token as the replaced one, with a new grace deadline', () => {
    const state = rotatedTokenState(rotated(), 'current', digest(T2), T3, at(300_000));
    expect(state).toEqual({
      registrationTokenDigest: T3,
      registrationTokenUsedAt: null,
      previousRegistrationTokenDigest: digest(T2),
      previousRegistrationTokenExpiresAt: at(300_000),
    });
  });

  it('on recovery, keeps the replaced token and its original deadline, dropping the lost one', () => {
    const before = rotated();
    const state = rotatedTokenState(before, 'recovery', digest(T1), T3, at(300_000));
    expect(state).toEqual({
      registrationTokenDigest: T3,
      registrationTokenUsedAt: null,
      previousRegistrationTokenDigest: digest(T1),
      previousRegistrationTokenExpiresAt: before.previousRegistrationTokenExpiresAt,
    });
    expect(match({ ...state }, T2)).toBeUndefined();
  });
});
