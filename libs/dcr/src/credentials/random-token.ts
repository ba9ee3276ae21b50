import { randomBytes } from 'node:crypto';

/** 128 bits: a client identifier must be unguessable but need not be a credential. */
export const CLIENT_ID_BYTES = 16;

/** 256 bits for client secrets and registration access tokens. */
export const CREDENTIAL_BYTES = 32;

/** A URL-safe random string from the operating system's CSPRNG (base64url, no padding). */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Several random strings from one CSPRNG draw: one system call per registration instead of one per
 * credential. Each string gets its own bytes; none overlaps another.
 */
export function randomTokens(...sizes: number[]): string[] {
  const bytes = randomBytes(sizes.reduce((total, size) => total + size, 0));
  let offset = 0;
  return sizes.map((size) => bytes.subarray(offset, (offset += size)).toString('base64url'));
}
