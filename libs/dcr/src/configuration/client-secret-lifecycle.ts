import type { TokenEndpointAuthMethod } from '../metadata/client-metadata.js';
import { usesClientSecret } from '../metadata/token-endpoint-auth-method.js';

/** The client's secret as stored: its digest and expiry. */
export interface StoredSecret {
  digest: Buffer | null;
  expiresAt: Date | null;
}

/** What an update does to the client's secret. */
export type SecretChange = 'keep' | 'issue' | 'remove';

/**
 * Decides what happens to the secret when a client's metadata is replaced (RFC 7592 §2.2): a client
 * that moves to a secret-based method gets a new secret, one that leaves it loses its secret, and
 * a client whose secret has expired gets a new one (the server may issue a new secret on update).
 */
export function secretChangeFor(
  method: TokenEndpointAuthMethod,
  current: StoredSecret,
  now: Date,
): SecretChange {
  if (!usesClientSecret(method)) return current.digest ? 'remove' : 'keep';
  if (!current.digest) return 'issue';
  if (current.expiresAt && current.expiresAt <= now) return 'issue';
  return 'keep';
}

/** When a secret issued at `now` expires; `null` for never (`lifetimeSeconds` 0). */
export function secretExpiry(now: Date, lifetimeSeconds: number): Date | null {
  return lifetimeSeconds > 0 ? new Date(now.getTime() + lifetimeSeconds * 1000) : null;
}
