import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';

/**
 * Resolves a host name to its addresses. Every address it returns is checked against the
 * special-use ranges before any connection, and the address finally connected to is checked
 * again, so a resolver cannot lead the fetcher anywhere it would not go otherwise.
 */
export type OutboundLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The system resolver (`getaddrinfo`, as `dns.lookup`), every address in the order it gives. */
export const systemLookup: OutboundLookup = (hostname) =>
  lookup(hostname, { all: true, order: 'verbatim' });

/** Settings of the outbound fetcher that `DcrModule` options set (its `outbound` option). */
export interface OutboundFetchSettings {
  /**
   * Test-only switch: allows plain `http`, and loopback addresses, for URLs whose host is a
   * loopback host (`localhost`, `127.0.0.1`, `[::1]`), so tests can serve fixtures. Every other
   * rule (size, timeouts, redirects, the other special-use ranges) stays in force. Refused when
   * `NODE_ENV=production`.
   */
  allowLoopbackHttp?: boolean;
  /** Default time to open the connection (DNS, TCP and TLS), in ms. Default 3000. */
  connectTimeoutMs?: number;
  /** Default time for the whole fetch, connection, headers and body, in ms. Default 5000. */
  timeoutMs?: number;
}

/** Options of a plain {@link OutboundFetcher}: the settings, plus seams for tests. */
export interface OutboundFetcherOptions extends OutboundFetchSettings {
  /** The resolver (default {@link systemLookup}); tests inject one to simulate DNS answers. */
  lookup?: OutboundLookup;
  /**
   * Test-only: certificate authorities (PEM) trusted instead of Node's bundled roots, for an https
   * fixture with a self-signed certificate. Refused when `NODE_ENV=production`.
   */
  ca?: string | readonly string[];
}

/** Options of one fetch: limits that depend on what is fetched. */
export interface OutboundFetchOptions {
  /** Largest body accepted, in bytes; reading stops past it. Default 64 KiB. */
  maxBytes?: number;
  /** Overrides the fetcher's connect timeout for this fetch, in ms. */
  connectTimeoutMs?: number;
  /** Overrides the fetcher's total timeout for this fetch, in ms. */
  timeoutMs?: number;
  /**
   * Also require a JSON `Content-Type` (`application/json` or a `+json` type). Off by default:
   * the body must parse as JSON either way, and static hosts often label `.json` files loosely.
   */
  requireJsonContentType?: boolean;
}

/** The fetcher's settings with defaults applied and checked. */
export interface ResolvedOutboundFetcherOptions {
  readonly allowLoopbackHttp: boolean;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly lookup: OutboundLookup;
  readonly ca: readonly string[] | undefined;
}

/** Default connect timeout, in ms. */
export const DEFAULT_OUTBOUND_CONNECT_TIMEOUT_MS = 3000;
/** Default total timeout, in ms. */
export const DEFAULT_OUTBOUND_TIMEOUT_MS = 5000;
/** Default body cap, in bytes (a JWKS with a few keys fits many times over). */
export const DEFAULT_OUTBOUND_MAX_BYTES = 64 * 1024;

// A fetch on a client's behalf happens while that client waits: longer than a minute is a
// misconfiguration. Bodies are JSON documents held in memory: 10 MiB is far beyond any of them.
const MAX_TIMEOUT_MS = 60_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Raised for fetcher options that cannot be used; `option` names the option. */
export class OutboundFetcherOptionsError extends Error {
  override readonly name = 'OutboundFetcherOptionsError';

  constructor(
    /** The option's name, e.g. `allowLoopbackHttp`. */
    readonly option: string,
    /** What is wrong with it, e.g. `must be a whole number of milliseconds from 1 to 60000`. */
    readonly problem: string,
  ) {
    super(`outbound fetcher option "${option}" ${problem}`);
  }
}

/**
 * Applies defaults to the fetcher's options and checks them; throws
 * {@link OutboundFetcherOptionsError}. The test-only switches (`allowLoopbackHttp`, `ca`) are
 * refused when `NODE_ENV=production`, so a test configuration cannot reach production silently.
 */
export function resolveOutboundFetcherOptions(
  options: OutboundFetcherOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOutboundFetcherOptions {
  const production = env.NODE_ENV === 'production';
  const allowLoopbackHttp = options.allowLoopbackHttp ?? false;
  if (typeof allowLoopbackHttp !== 'boolean') {
    throw new OutboundFetcherOptionsError('allowLoopbackHttp', 'must be true or false');
  }
  if (allowLoopbackHttp && production) {
    throw new OutboundFetcherOptionsError(
      'allowLoopbackHttp',
      'is a test-only switch and is refused when NODE_ENV=production',
    );
  }
  if (options.ca !== undefined && production) {
    throw new OutboundFetcherOptionsError(
      'ca',
      'is a test-only option and is refused when NODE_ENV=production',
    );
  }
  if (options.lookup !== undefined && typeof options.lookup !== 'function') {
    throw new OutboundFetcherOptionsError('lookup', 'must be a function');
  }
  return {
    allowLoopbackHttp,
    connectTimeoutMs: checkedTimeout(
      options.connectTimeoutMs ?? DEFAULT_OUTBOUND_CONNECT_TIMEOUT_MS,
      'connectTimeoutMs',
    ),
    timeoutMs: checkedTimeout(options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS, 'timeoutMs'),
    lookup: options.lookup ?? systemLookup,
    ca: options.ca === undefined ? undefined : [options.ca].flat(),
  };
}

/** The limits of one fetch: the fetcher's defaults, overridden by the call's options. */
export interface OutboundFetchLimits {
  readonly maxBytes: number;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly requireJsonContentType: boolean;
}

/** Applies one fetch's options over the fetcher's; throws {@link OutboundFetcherOptionsError}. */
export function resolveOutboundFetchLimits(
  fetcher: ResolvedOutboundFetcherOptions,
  options: OutboundFetchOptions = {},
): OutboundFetchLimits {
  const maxBytes = options.maxBytes ?? DEFAULT_OUTBOUND_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_BODY_BYTES) {
    throw new OutboundFetcherOptionsError(
      'maxBytes',
      `must be a whole number of bytes from 1 to ${MAX_BODY_BYTES}`,
    );
  }
  return {
    maxBytes,
    connectTimeoutMs: checkedTimeout(
      options.connectTimeoutMs ?? fetcher.connectTimeoutMs,
      'connectTimeoutMs',
    ),
    timeoutMs: checkedTimeout(options.timeoutMs ?? fetcher.timeoutMs, 'timeoutMs'),
    requireJsonContentType: options.requireJsonContentType ?? false,
  };
}

function checkedTimeout(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new OutboundFetcherOptionsError(
      option,
      `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}
