import { OAuthError } from '../errors/oauth-error.js';
import type { RateLimit } from './rate-limit-options.js';
import type { RateLimitKind } from './registration-rate-keys.js';

// What each limit is called in the answer: the `policy` member and the description.
const LIMITS: Readonly<Record<RateLimitKind, { policy: string; counted: string }>> = {
  client_ip: { policy: 'rate_limit_per_client_ip', counted: 'from this client address' },
  redirect_host: { policy: 'rate_limit_per_redirect_host', counted: 'for these redirect hosts' },
  software_id: { policy: 'rate_limit_per_software_id', counted: 'for this software_id' },
  global: { policy: 'rate_limit_global', counted: 'on this server' },
};

/**
 * The answer to a registration over a rate limit: 429 (RFC 6585 §4) with `Retry-After` in seconds
 * (RFC 9110 §10.2.3), and an error body naming the limit (`policy`, and the description).
 *
 * RFC 7591 defines no error for this, so the code is taken from the OAuth error registry for what
 * the client should do: a limit on the caller (its address, its redirect hosts, its software_id)
 * is `slow_down` (RFC 8628 §3.5: "the client ... MUST [slow down]"), the global cap, which no
 * single caller exceeds, is `temporarily_unavailable` (RFC 6749 §4.1.2.1: "temporary overloading
 * ... of the server"). Neither is the 503 `temporarily_unavailable` of a database outage: the
 * status says which it is.
 */
export function rateLimitExceeded(
  kind: RateLimitKind,
  limit: RateLimit,
  retryAfterSeconds: number,
): OAuthError {
  const { policy, counted } = LIMITS[kind];
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new OAuthError(
    kind === 'global' ? 'temporarily_unavailable' : 'slow_down',
    `too many registrations ${counted} (more than ${limit.limit} in ${limit.windowSeconds} seconds); retry after ${retryAfter} seconds`,
    429,
    { 'Retry-After': String(retryAfter) },
    { policy },
  );
}
