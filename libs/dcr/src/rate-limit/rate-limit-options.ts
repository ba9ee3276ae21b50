import { parseTrustedProxies, TrustedProxyError, type AddressRange } from './client-address.js';

/** A fixed-window limit: at most `limit` requests in each window of `windowSeconds`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Rate limits of the registration endpoint (`POST {path}`), counted in PostgreSQL so that every
 * app instance on the database enforces one limit. Each limit is off when unset or `false`.
 */
export interface RegistrationRateLimitOptions {
  /**
   * Registrations per client address: the socket's peer, or the client that `X-Forwarded-For`
   * names when the peer is one of `trustedProxies`. IPv6 clients are counted by their /64.
   */
  perClientIp?: RateLimit | false;
  /**
   * Registrations per client software: the request's `software_id` when it has one, otherwise the
   * set of its redirect URIs' hosts (loopback hosts do not count: every native app shares them).
   */
  perHost?: RateLimit | false;
  /** Registrations on the whole server (every instance), whoever sends them. */
  global?: RateLimit | false;
  /**
   * Requests that a preceding guard marked as authenticated by an initial access token (RFC 7591
   * §3; as `RegistrantGuard` decided) are not counted: the token's own use count bounds them.
   * Default: true.
   */
  exemptInitialAccessTokens?: boolean;
}

/** The registration rate limits, checked, with defaults applied. */
export interface ResolvedRegistrationRateLimit {
  /** Whether any limit is on. */
  readonly enabled: boolean;
  readonly perClientIp: RateLimit | undefined;
  readonly perHost: RateLimit | undefined;
  readonly global: RateLimit | undefined;
  readonly exemptInitialAccessTokens: boolean;
  /** The `trustedProxies` module option, parsed. */
  readonly trustedProxies: readonly AddressRange[];
}

/** The largest window: a day. Counters of longer windows would outlive any purpose. */
const MAX_WINDOW_SECONDS = 86_400;
const MAX_LIMIT = 1_000_000_000;

/**
 * Checks the rate-limit options and the trusted proxies. Throws `problem(option, message)`'s error
 * for the first bad one (the caller names the module option).
 */
export function resolveRegistrationRateLimit(
  options: RegistrationRateLimitOptions = {},
  trustedProxies: readonly string[] = [],
  problem: (option: string, message: string) => Error,
): ResolvedRegistrationRateLimit {
  const limit = (name: keyof RegistrationRateLimitOptions): RateLimit | undefined => {
    const value = options[name];
    if (value === undefined || value === false) return undefined;
    if (typeof value !== 'object' || value === null) {
      throw problem(`registrationRateLimit.${name}`, 'must be { limit, windowSeconds } or false');
    }
    if (!Number.isSafeInteger(value.limit) || value.limit < 1 || value.limit > MAX_LIMIT) {
      throw problem(
        `registrationRateLimit.${name}.limit`,
        `must be a whole number from 1 to ${MAX_LIMIT}`,
      );
    }
    if (
      !Number.isSafeInteger(value.windowSeconds) ||
      value.windowSeconds < 1 ||
      value.windowSeconds > MAX_WINDOW_SECONDS
    ) {
      throw problem(
        `registrationRateLimit.${name}.windowSeconds`,
        `must be a whole number of seconds from 1 to ${MAX_WINDOW_SECONDS}`,
      );
    }
    return { limit: value.limit, windowSeconds: value.windowSeconds };
  };
  let proxies: readonly AddressRange[];
  try {
    proxies = parseTrustedProxies(trustedProxies);
  } catch (error) {
    if (!(error instanceof TrustedProxyError)) throw error;
    throw problem('trustedProxies', `has an entry ${error.message}`);
  }
  const [perClientIp, perHost, global] = [limit('perClientIp'), limit('perHost'), limit('global')];
  return {
    enabled: perClientIp !== undefined || perHost !== undefined || global !== undefined,
    perClientIp,
    perHost,
    global,
    exemptInitialAccessTokens: options.exemptInitialAccessTokens ?? true,
    trustedProxies: proxies,
  };
}
