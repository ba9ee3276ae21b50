import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { KeyDecryptionError, decryptKeyMaterial, encryptKeyMaterial } from './key-encryption.js';

const KEK = randomBytes(32);
const PLAINTEXT = Buffer.from('{"kty":"EC","d":"private-part"}');

describe('encryptKeyMaterial / decryptKeyMaterial (AES-256-GCM)', () => {
  it('round-trips, and the ciphertext does not contain the plaintext', () => {
    const encrypted = encryptKeyMaterial(KEK, PLAINTEXT, 'kid-1');
    expect(encrypted.includes(PLAINTEXT)).toBe(false);
    expect(encrypted.toString('latin1')).not.toContain('private-part');
    expect(decryptKeyMaterial(KEK, encrypted, 'kid-1')).toEqual(PLAINTEXT);
  });

  it('uses a new IV every time', () => {
    const a = encryptKeyMaterial(KEK, PLAINTEXT, 'kid-1');
    const b = encryptKeyMaterial(KEK, PLAINTEXT, 'kid-1');
    expect(a.equals(b)).toBe(false);
  });

  it.each([
    ['another key-encryption key', randomBytes(32), 'kid-1'],
    ['another context (the row it was copied from)', KEK, 'kid-2'],
  ])('refuses to decrypt with %s', (_label, kek, context) => {
    const encrypted = encryptKeyMaterial(KEK, PLAINTEXT, 'kid-1');
    expect(() => decryptKeyMaterial(kek, encrypted, context)).toThrow(KeyDecryptionError);
  });

  it('refuses altered data', () => {
    const encrypted = encryptKeyMaterial(KEK, PLAINTEXT, 'kid-1');
    for (const index of [0, 1, 20, encrypted.length - 1]) {
      const altered = Buffer.from(encrypted);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expect(() => decryptKeyMaterial(KEK, altered, 'kid-1')).toThrow(KeyDecryptionError);
    }
    expect(() => decryptKeyMaterial(KEK, encrypted.subarray(0, 20), 'kid-1')).toThrow(
      KeyDecryptionError,
    );
  });

  it('refuses a key-encryption key that is not 256 bits', () => {
    expect(() => encryptKeyMaterial(randomBytes(16), PLAINTEXT, 'kid')).toThrow(TypeError);
  });
});
