import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Format version of an encrypted key: a leading byte, so the format can change later. */
const VERSION = 1;
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs for GCM
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Raised when an encrypted key cannot be decrypted: another encryption key, or altered data. */
export class KeyDecryptionError extends Error {
  override readonly name = 'KeyDecryptionError';
}

/**
 * Encrypts a private key for storage with AES-256-GCM under the key-encryption key `kek`: a new
 * random IV per encryption, and `context` (the key's id) as additional authenticated data, so that
 * a ciphertext copied to another row does not decrypt. Layout: version, IV, tag, ciphertext.
 */
export function encryptKeyMaterial(kek: Buffer, plaintext: Buffer, context: string): Buffer {
  checkKek(kek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts what {@link encryptKeyMaterial} produced; throws {@link KeyDecryptionError}. */
export function decryptKeyMaterial(kek: Buffer, encrypted: Buffer, context: string): Buffer {
  checkKek(kek);
  if (encrypted.length < 1 + IV_BYTES + TAG_BYTES || encrypted[0] !== VERSION) {
    throw new KeyDecryptionError('not an encrypted key of a known format');
  }
  const iv = encrypted.subarray(1, 1 + IV_BYTES);
  const tag = encrypted.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', kek, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(encrypted.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new KeyDecryptionError(
      'a stored key does not decrypt with this key-encryption key (SIGNING_KEY_ENCRYPTION_KEY or the key file in DATA_DIR)',
    );
  }
}

function checkKek(kek: Buffer): void {
  if (kek.length !== KEY_BYTES)
    throw new TypeError(`the key-encryption key must be ${KEY_BYTES} bytes`);
}
