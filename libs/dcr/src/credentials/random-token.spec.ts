import { describe, expect, it } from '@jest/globals';
import { CLIENT_ID_BYTES, CREDENTIAL_BYTES, randomToken, randomTokens } from './random-token.js';

const BASE64URL_NO_PADDING = /^[A-Za-z0-9_-]*$/;

describe('constants', () => {
  it('uses 128 bits for client identifiers', () => {
    expect(CLIENT_ID_BYTES * 8).toBe(128);
  });

  it('uses 256 bits for secrets and registration access tokens', () => {
    expect(CREDENTIAL_BYTES * 8).toBe(256);
  });
});

describe('randomToken', () => {
  it.each([
    [CLIENT_ID_BYTES, 22],
    [CREDENTIAL_BYTES, 43],
    [1, 2],
    [2, 3],
    [3, 4],
    [64, 86],
  ])('encodes %i random bytes as %i base64url characters, without padding', (bytes, length) => {
    const token = randomToken(bytes);
    expect(token).toHaveLength(length);
    expect(token).toMatch(BASE64URL_NO_PADDING);
    expect(token).not.toContain('=');
  });

  it('decodes back to exactly the requested number of bytes', () => {
    for (const bytes of [CLIENT_ID_BYTES, CREDENTIAL_BYTES, 1, 5, 33]) {
      const token = randomToken(bytes);
      const decoded = Buffer.from(token, 'base64url');
      expect(decoded).toHaveLength(bytes);
      expect(decoded.toString('base64url')).toBe(token);
    }
  });

  it('returns an empty string for zero bytes', () => {
    expect(randomToken(0)).toBe('');
  });

  it('never repeats over many draws', () => {
    const draws = 10_000;
    const ids = new Set(Array.from({ length: draws }, () => randomToken(CLIENT_ID_BYTES)));
    const secrets = new Set(Array.from({ length: draws }, () => randomToken(CREDENTIAL_BYTES)));
    expect(ids.size).toBe(draws);
    expect(secrets.size).toBe(draws);
  });

  it('uses only the base64url alphabet and, over many draws, all of it', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const token = randomToken(CREDENTIAL_BYTES);
      expect(token).toMatch(BASE64URL_NO_PADDING);
      for (const char of token) seen.add(char);
    }
    expect(seen.size).toBe(64);
    expect(seen.has('-')).toBe(true);
    expect(seen.has('_')).toBe(true);
    expect(seen.has('+')).toBe(false);
    expect(seen.has('/')).toBe(false);
  });

  it('draws bytes without an obvious bias', () => {
    // 4096 draws of 32 bytes: each byte value is expected 512 times; a fair source stays within
    // a wide band, a constant or biased one does not.
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4_096; i++) {
      for (const byte of Buffer.from(randomToken(CREDENTIAL_BYTES), 'base64url')) {
        counts[byte] = (counts[byte] ?? 0) + 1;
      }
    }
    expect(Math.min(...counts)).toBeGreaterThan(350);
    expect(Math.max(...counts)).toBeLessThan(700);
  });
});

describe('randomTokens', () => {
  it('draws one string per size, each of its own length and distinct', () => {
    const [a, b, c] = randomTokens(16, 32, 32);
    expect([a?.length, b?.length, c?.length]).toEqual([22, 43, 43]);
    expect(new Set([a, b, c]).size).toBe(3);
    for (const token of [a, b, c]) expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives different strings on every draw', () => {
    const draws = Array.from({ length: 1000 }, () => randomTokens(16, 32).join('.'));
    expect(new Set(draws).size).toBe(1000);
  });
});

describe('the pool behind randomToken', () => {
  it('never hands out the same bytes twice, across many refills', () => {
    const tokens = Array.from({ length: 2000 }, () => randomToken(32)); // 64 KiB: 16 refills
    expect(new Set(tokens).size).toBe(2000);
  });

  it('serves a draw larger than the pool', () => {
    expect(Buffer.from(randomToken(5000), 'base64url')).toHaveLength(5000);
  });
});
