import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { formToken, formTokenKey, formTokenMatches } from './csrf.js';

const KEY = formTokenKey(randomBytes(32));

describe('interaction form tokens', () => {
  it('accept the token of the same interaction', () => {
    expect(formTokenMatches(KEY, 'uid-1', formToken(KEY, 'uid-1'))).toBe(true);
  });

  it.each([
    ['another interaction', formToken(KEY, 'uid-2')],
    ['a token made with another key', formToken(formTokenKey(randomBytes(32)), 'uid-1')],
    ['an empty token', ''],
    ['a truncated token', formToken(KEY, 'uid-1').slice(1)],
    ['no token', undefined],
    ['a repeated field', [formToken(KEY, 'uid-1')]],
  ])('refuse %s', (_label, token) => {
    expect(formTokenMatches(KEY, 'uid-1', token)).toBe(false);
  });

  it('derive a key that is not the cookie key itself', () => {
    const cookieKey = randomBytes(32);
    expect(formTokenKey(cookieKey).equals(cookieKey)).toBe(false);
    expect(formTokenKey(cookieKey)).toHaveLength(32);
  });
});
