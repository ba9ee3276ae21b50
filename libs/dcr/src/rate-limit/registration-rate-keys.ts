import { isLoopbackHost, parseAbsoluteUri } from '../metadata/uris.js';
import type { IpAddress } from './client-address.js';

/**
 * What a registration rate limit counts under: the kind of key, then its value
 * (`client_ip:192.0.2.1`, `redirect_host:app.example`, `software_id:4NRB1-0XZABZI9E6-5SM3R`,
 * `global`). The prefix names the limit a refusal reports; the whole is what the counter's key is
 * derived from.
 */
export type RateLimitTracker = string;

/** The kinds of key registrations are counted under. */
export type RateLimitKind = 'client_ip' | 'redirect_host' | 'software_id' | 'global';

/** The one key every registration is counted under for the global cap. */
export const GLOBAL_TRACKER: RateLimitTracker = 'global';

// How much of a body the second key reads: enough for any real registration, bounded for a hostile
// one (the guard runs before the body is validated).
const MAX_REDIRECT_URIS_READ = 20;
const MAX_URI_LENGTH = 2048;
const MAX_SOFTWARE_ID_LENGTH = 255;

/**
 * The key of the per-client-address limit. IPv6 clients are counted by their /64 network: one
 * host usually holds a whole /64 and could otherwise take a new address for every request (the
 * same rule as `@nestjs/throttler`'s default tracker). An unknown peer is counted as one.
 */
export function clientIpTracker(address: IpAddress | undefined): RateLimitTracker {
  if (!address) return 'client_ip:unknown';
  if (address.kind() === 'ipv4') return `client_ip:${address.toString()}`;
  const network = address.toNormalizedString().split(':').slice(0, 4).join(':');
  return `client_ip:${network}::/64`;
}

/**
 * The second key of a registration, read from the request body before it is validated: its
 * `software_id` when it has one (a text of at most 255 characters), otherwise the hosts of its
 * redirect URIs (sorted, without duplicates; loopback hosts left out, since every native app on
 * every machine shares them). `undefined` when the body gives neither: then only the other limits
 * count the request. Reads only what it needs, never throws, whatever the body is.
 */
export function secondKeyTracker(body: unknown): RateLimitTracker | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  try {
    const softwareId = ownMember(body, 'software_id');
    if (
      typeof softwareId === 'string' &&
      softwareId.length > 0 &&
      softwareId.length <= MAX_SOFTWARE_ID_LENGTH
    ) {
      return `software_id:${softwareId}`;
    }
    const hosts = redirectHosts(ownMember(body, 'redirect_uris'));
    return hosts.length > 0 ? `redirect_host:${hosts.join(' ')}` : undefined;
  } catch {
    // A body no JSON parser produces (a getter that throws): no second key.
    return undefined;
  }
}

/** The kind of key a tracker counts under (its prefix). */
export function rateLimitKindOf(tracker: RateLimitTracker): RateLimitKind {
  const kind = tracker.slice(0, Math.max(0, tracker.indexOf(':')));
  return kind === 'client_ip' || kind === 'redirect_host' || kind === 'software_id'
    ? kind
    : 'global';
}

function ownMember(body: object, name: string): unknown {
  return Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

function redirectHosts(uris: unknown): string[] {
  if (!Array.isArray(uris)) return [];
  const hosts = new Set<string>();
  for (const uri of uris.slice(0, MAX_REDIRECT_URIS_READ)) {
    if (typeof uri !== 'string' || uri.length > MAX_URI_LENGTH) continue;
    const host = parseAbsoluteUri(uri)?.hostname.toLowerCase();
    if (host && !isLoopbackHost(host)) hosts.add(host);
  }
  return [...hosts].sort();
}
