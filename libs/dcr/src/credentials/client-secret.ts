import { digest, matchesDigest } from './digest.js';

/** What is stored about a client's secret: its digest and when it expires. */
export interface StoredClientSecret {
  /** SHA-256 of the secret; `null` for a client without one. */
  readonly clientSecretDigest: Buffer | null;
  /** When the secret expires; `null` when it never does (or there is none). */
  readonly clientSecretExpiresAt: Date | null;
}

// Compared against when there is no stored secret, so that every failure costs the same time.
const NO_SECRET_DIGEST = digest('no client secret');

/**
 * Whether the client's secret has expired at `now`: from `client_secret_expires_at` on, the secret
 * no longer authenticates the client (RFC 7591 §3.2.1).
 */
export function clientSecretExpired(client: StoredClientSecret, now: Date): boolean {
  return client.clientSecretExpiresAt !== null && client.clientSecretExpiresAt <= now;
}

/**
 * Whether `secret` authenticates the client: the client has a secret, it has not expired, and
 * `secret` hashes to its digest (compared in constant time). An unknown client (`null`) or one
 * without a secret costs the same digest comparison as a known one.
 */
export function clientSecretAuthenticates(
  client: StoredClientSecret | null,
  secret: string,
  now: Date,
): boolean {
  const stored = client?.clientSecretDigest ?? null;
  const matches = matchesDigest(secret, stored ?? NO_SECRET_DIGEST);
  return matches && client !== null && stored !== null && !clientSecretExpired(client, now);
}
