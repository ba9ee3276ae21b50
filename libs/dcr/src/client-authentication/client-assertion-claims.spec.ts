import { describe, expect, it } from '@jest/globals';
import {
  assertionVerifyOptions,
  checkAssertionClaims,
  ClientAssertionRefused,
} from './client-assertion-claims.js';
import type { ResolvedClientAssertionOptions } from './client-assertion-options.js';

const OPTIONS: ResolvedClientAssertionOptions = {
  audiences: ['https://as.example/token', 'https://as.example'],
  maxLifetimeSeconds: 300,
  clockToleranceSeconds: 30,
  jwksRefetchIntervalSeconds: 30,
};
const NOW = 1_800_000_000;

function refusal(payload: Record<string, unknown>): string {
  try {
    checkAssertionClaims(payload, NOW, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(ClientAssertionRefused);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('assertionVerifyOptions (RFC 7523 §3)', () => {
  it('asks jose for the client as iss and sub, the audiences, the tolerance and the claims', () => {
    expect(assertionVerifyOptions('client-1', ['ES256', 'RS256'], OPTIONS)).toEqual({
      algorithms: ['ES256', 'RS256'],
      issuer: 'client-1',
      subject: 'client-1',
      audience: ['https://as.example/token', 'https://as.example'],
      clockTolerance: 30,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
    });
  });

  it('copies the lists, so jose cannot change the options', () => {
    const algorithms = ['ES256'];
    const options = assertionVerifyOptions('c', algorithms, OPTIONS);
    expect(options.algorithms).not.toBe(algorithms);
    expect(options.audience).not.toBe(OPTIONS.audiences);
  });
});

describe('checkAssertionClaims', () => {
  it('returns the jti, remembered until exp plus the tolerance', () => {
    expect(checkAssertionClaims({ exp: NOW + 60, jti: 'abc' }, NOW, OPTIONS)).toEqual({
      jti: 'abc',
      rememberUntil: NOW + 90,
    });
  });

  it('rounds a fractional exp up, so the row outlives the assertion', () => {
    expect(checkAssertionClaims({ exp: NOW + 60.2, jti: 'a' }, NOW, OPTIONS).rememberUntil).toBe(
      NOW + 91,
    );
  });

  it('accepts exp at the bound: the lifetime plus the tolerance', () => {
    expect(() => checkAssertionClaims({ exp: NOW + 330, jti: 'a' }, NOW, OPTIONS)).not.toThrow();
  });

  it('refuses exp beyond the bound', () => {
    expect(refusal({ exp: NOW + 331, jti: 'a' })).toBe('exp is too far in the future');
    expect(refusal({ exp: NOW + 86_400 * 365, jti: 'a' })).toBe('exp is too far in the future');
  });

  it('refuses a missing or non-numeric exp (jose requires it too)', () => {
    expect(refusal({ jti: 'a' })).toBe('exp is missing');
    expect(refusal({ exp: `${NOW + 60}`, jti: 'a' })).toBe('exp is missing');
  });

  it('accepts an iat up to the tolerance ahead, and refuses one further ahead', () => {
    expect(() =>
      checkAssertionClaims({ exp: NOW + 60, iat: NOW + 30, jti: 'a' }, NOW, OPTIONS),
    ).not.toThrow();
    expect(refusal({ exp: NOW + 60, iat: NOW + 31, jti: 'a' })).toBe('iat is in the future');
  });

  it('accepts an old iat: the lifetime is bounded by exp', () => {
    expect(() =>
      checkAssertionClaims({ exp: NOW + 60, iat: NOW - 3600, jti: 'a' }, NOW, OPTIONS),
    ).not.toThrow();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a number', 42],
    ['longer than 1024 characters', 'j'.repeat(1025)],
  ])('refuses a jti that is %s', (_label, jti) => {
    expect(refusal({ exp: NOW + 60, jti })).toBe('jti is missing or not a string');
  });

  it('accepts a jti of 1024 characters', () => {
    expect(
      checkAssertionClaims({ exp: NOW + 60, jti: 'j'.repeat(1024) }, NOW, OPTIONS).jti,
    ).toHaveLength(1024);
  });
});
