import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 digest of a credential. Secrets and tokens are 256-bit random values, so a fast digest
 * cannot be brute-forced and a slow KDF would only cost throughput; only the digest is stored.
 */
export function digest(credential: string): Buffer {
  return createHash('sha256').update(credential, 'utf8').digest();
}

/** Whether `credential` hashes to `expected`, compared in constant time. */
export function matchesDigest(credential: string, expected: Buffer): boolean {
  const actual = digest(credential);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
