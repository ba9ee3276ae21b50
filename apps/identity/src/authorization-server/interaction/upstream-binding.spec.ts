import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { upstreamBinding, upstreamBindingKey } from './upstream-binding.js';

const KEY = upstreamBindingKey(randomBytes(32));

describe('upstreamBinding', () => {
  it('is the same for the same interaction and key', () => {
    expect(upstreamBinding(KEY, 'uid-1')).toEqual(upstreamBinding(KEY, 'uid-1'));
  });

  it('differs for another interaction or another key, and between its values', () => {
    const binding = upstreamBinding(KEY, 'uid-1');
    expect(upstreamBinding(KEY, 'uid-2').state).not.toBe(binding.state);
    expect(upstreamBinding(upstreamBindingKey(randomBytes(32)), 'uid-1').state).not.toBe(
      binding.state,
    );
    expect(new Set(Object.values(binding)).size).toBe(3);
  });

  it('makes a valid PKCE verifier (RFC 7636 §4.1)', () => {
    expect(upstreamBinding(KEY, 'uid-1').codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  });

  it('derives a key that is not the cookie key itself', () => {
    const cookieKey = randomBytes(32);
    expect(upstreamBindingKey(cookieKey).equals(cookieKey)).toBe(false);
  });
});
