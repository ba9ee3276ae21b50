import { hash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 digest of a credential. Secrets and tokens are 256-bit random values, so a fast digest
 * cannot be brute-forced and a slow KDF would only cost throughput; only the digest is stored.
 */
export function digest(credential: string): Buffer {
  // The one-shot hash: no Hash object per call.
  return hash('sha256', credential, 'buffer');
}

/** Whether `credential` hashes to `expected`, compared in constant time. */
export function matchesDigest(credential: string, expected: Buffer): boolean {
  return digestsEqual(digest(credential), expected);
}

/** Whether two digests are equal, compared in constant time. */
export function digestsEqual(actual: Buffer, expected: Buffer): boolean {
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
