import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { digest, matchesDigest } from './digest.js';

describe('digest', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('is SHA-256 (FIPS 180-2 test vector for %p)', (input, hex) => {
    const result = digest(input);
    expect(Buffer.isBuffer(result)).toBe(true);
    expect(result).toHaveLength(32);
    expect(result.toString('hex')).toBe(hex);
  });

  it('hashes the UTF-8 encoding of the credential', () => {
    const credential = 'caf\u00e9-\u{1f511}';
    expect(digest(credential)).toEqual(
      createHash('sha256').update(Buffer.from(credential, 'utf8')).digest(),
    );
    expect(digest('\u00e9')).not.toEqual(
      createHash('sha256')
        .update(Buffer.from([0xe9]))
        .digest(),
    );
  });

  it('is deterministic and distinguishes credentials that differ by one character', () => {
    expect(digest('secret-a')).toEqual(digest('secret-a'));
    expect(digest('secret-a')).not.toEqual(digest('secret-b'));
    expect(digest('secret')).not.toEqual(digest('Secret'));
    expect(digest('secret')).not.toEqual(digest('secret '));
  });

  it('returns a new buffer each time', () => {
    expect(digest('x')).not.toBe(digest('x'));
  });
});

describe('matchesDigest', () => {
  const credential = 'sHS7rv3WqX6jvBQ9nE0zKZ5cYF8vQhLwzJm1pU2tA4o';
  const stored = digest(credential);

  it('is true for the credential that was hashed', () => {
    expect(matchesDigest(credential, stored)).toBe(true);
  });

  it('is true against a copy of the stored digest', () => {
    expect(matchesDigest(credential, Buffer.from(stored))).toBe(true);
  });

  it.each([
    ['another credential', 'another'],
    ['an empty credential', ''],
    ['the credential with a changed last character', `${credential.slice(0, -1)}p`],
    ['the credential with an extra character', `${credential}=`],
    ['the credential in another case', credential.toLowerCase()],
    ['the hex digest itself', stored.toString('hex')],
    ['the base64 digest itself', stored.toString('base64')],
  ])('is false for %s', (_label, candidate) => {
    expect(matchesDigest(candidate, stored)).toBe(false);
  });

  it('is false when one byte of the digest differs', () => {
    for (const index of [0, 15, 31]) {
      const tampered = Buffer.from(stored);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(matchesDigest(credential, tampered)).toBe(false);
    }
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    [
      'truncated to 31 bytes',
      digest('sHS7rv3WqX6jvBQ9nE0zKZ5cYF8vQhLwzJm1pU2tA4o').subarray(0, 31),
    ],
    [
      'extended to 33 bytes',
      Buffer.concat([digest('sHS7rv3WqX6jvBQ9nE0zKZ5cYF8vQhLwzJm1pU2tA4o'), Buffer.from([0])]),
    ],
    [
      'a SHA-512 digest',
      createHash('sha512').update('sHS7rv3WqX6jvBQ9nE0zKZ5cYF8vQhLwzJm1pU2tA4o').digest(),
    ],
  ])('is false, without throwing, for a digest that is %s', (_label, expected) => {
    expect(() => matchesDigest(credential, expected)).not.toThrow();
    expect(matchesDigest(credential, expected)).toBe(false);
  });
});
