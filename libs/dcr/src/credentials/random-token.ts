import { randomFillSync } from 'node:crypto';

/** 128 bits: a client identifier must be unguessable but need not be a credential. */
export const CLIENT_ID_BYTES = 16;

/** 256 bits for client secrets and registration access tokens. */
export const CREDENTIAL_BYTES = 32;

// Random bytes are drawn from the CSPRNG a few kilobytes at a time and handed out once each: the
// cost of a draw is mostly per call, not per byte. Every byte is used for one token only.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function takeRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomFillSync(Buffer.alloc(size));
  if (poolOffset + size > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/** A URL-safe random string from the operating system's CSPRNG (base64url, no padding). */
export function randomToken(bytes: number): string {
  // toString copies: the string does not keep a view into the pool.
  return takeRandomBytes(bytes).toString('base64url');
}

/** Several random strings, each from its own random bytes. */
export function randomTokens(...sizes: number[]): string[] {
  return sizes.map(randomToken);
}
