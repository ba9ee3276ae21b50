import type { FreshnessBounds } from '../outbound/caching-headers.js';
import { canonicalHostPattern, type HostPattern } from './host-patterns.js';

/**
 * The `cimd` option of `DcrModule`: what the operator decides about clients that use a Client ID
 * Metadata Document URL as their `client_id` (draft-ietf-oauth-client-id-metadata-document).
 */
export interface CimdModuleOptions {
  /** Whether URL `client_id`s are resolved, and advertised in discovery. Default: true. */
  enabled?: boolean;
  /**
   * Hosts whose documents may be used: host names (`client.example`), wildcards for the hosts
   * under a domain (`*.example.com`, which does not match `example.com` itself) or IP addresses.
   * Default: any host.
   */
  allowedHosts?: string[];
  /** Hosts whose documents are never used, in the same forms; a denial wins over an allowance. */
  deniedHosts?: string[];
  /**
   * Shortest time a fetched document is kept, in seconds, whatever its `Cache-Control` or
   * `Expires` say (a document served with `no-store` or `no-cache` is never kept). Default 60.
   */
  minCacheSeconds?: number;
  /** Longest time a fetched document is kept, in seconds. Default 86400 (a day). */
  maxCacheSeconds?: number;
}

/** The `cimd` option with defaults applied and checked. */
export interface ResolvedCimdOptions {
  readonly enabled: boolean;
  readonly allowedHosts: readonly HostPattern[];
  readonly deniedHosts: readonly HostPattern[];
  /** Bounds on a document's freshness lifetime (draft §5.2). */
  readonly cacheLifetime: FreshnessBounds;
}

/** Default shortest time a document is kept, in seconds. */
export const DEFAULT_CIMD_MIN_CACHE_SECONDS = 60;
/** Default longest time a document is kept, in seconds. */
export const DEFAULT_CIMD_MAX_CACHE_SECONDS = 86_400;

// A week: a document a client changed must reach this server in a reasonable time.
const MAX_CACHE_SECONDS = 7 * 86_400;

/** Raised for a `cimd` option that cannot be used; `option` names it (`allowedHosts[2]`). */
export class CimdOptionsError extends Error {
  override readonly name = 'CimdOptionsError';

  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`cimd option "${option}" ${problem}`);
  }
}

/** Applies the defaults and checks the options; throws {@link CimdOptionsError}. */
export function resolveCimdOptions(options: CimdModuleOptions = {}): ResolvedCimdOptions {
  const enabled = options.enabled ?? true;
  if (typeof enabled !== 'boolean') throw new CimdOptionsError('enabled', 'must be true or false');
  const minSeconds = seconds(
    options.minCacheSeconds ?? DEFAULT_CIMD_MIN_CACHE_SECONDS,
    'minCacheSeconds',
  );
  const maxSeconds = seconds(
    options.maxCacheSeconds ?? DEFAULT_CIMD_MAX_CACHE_SECONDS,
    'maxCacheSeconds',
  );
  if (maxSeconds < minSeconds) {
    throw new CimdOptionsError('maxCacheSeconds', 'must not be less than minCacheSeconds');
  }
  return {
    enabled,
    allowedHosts: hostPatterns(options.allowedHosts, 'allowedHosts'),
    deniedHosts: hostPatterns(options.deniedHosts, 'deniedHosts'),
    cacheLifetime: { minSeconds, maxSeconds },
  };
}

function seconds(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_CACHE_SECONDS) {
    throw new CimdOptionsError(
      option,
      `must be a whole number of seconds from 0 to ${MAX_CACHE_SECONDS}`,
    );
  }
  return value;
}

function hostPatterns(patterns: readonly string[] | undefined, option: string): HostPattern[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) throw new CimdOptionsError(option, 'must be a list of hosts');
  return patterns.map((pattern, index) => {
    const canonical = typeof pattern === 'string' ? canonicalHostPattern(pattern) : undefined;
    if (canonical === undefined) {
      throw new CimdOptionsError(
        `${option}[${index}]`,
        'must be a host name, "*." followed by a domain name, or an IP address',
      );
    }
    return canonical;
  });
}
