import type { Socket } from 'node:net';
import type { OutboundCachingHeaders } from './caching-headers.js';
import { openGuardedConnection } from './guarded-connection.js';
import { sendRequest } from './http-request.js';
import { readJsonResponse } from './json-response.js';
import { OutboundFetchError } from './outbound-fetch-error.js';
import {
  resolveOutboundFetcherOptions,
  resolveOutboundFetchLimits,
  type OutboundFetcherOptions,
  type OutboundFetchOptions,
  type ResolvedOutboundFetcherOptions,
} from './outbound-fetcher-options.js';
import { outboundTarget, type OutboundTarget } from './outbound-target.js';

/** A JSON document fetched on a client's behalf. */
export interface OutboundFetchResult {
  /** The HTTP status: always 2xx. */
  readonly status: number;
  /** The parsed body: any JSON value, not yet validated. */
  readonly body: unknown;
  /** The caching headers, for `freshnessLifetimeSeconds`. */
  readonly headers: OutboundCachingHeaders;
}

/**
 * The one way `libs/dcr` fetches anything on a client's behalf: a software statement issuer's
 * `jwks_uri`, a `sector_identifier_uri`, a `private_key_jwt` client's `jwks_uri`, a Client ID
 * Metadata Document. A URL a client supplies must not become a way into the server's own network
 * (SSRF) or a way to hold its resources, so every fetch:
 *
 * - uses `https` only (plain `http` only with the test switch, to a loopback host);
 * - connects only to globally routable unicast addresses: RFC 6890 special-use ranges (loopback,
 *   private, link-local, CGNAT, unique-local, documentation, benchmarking, multicast..., and IPv6
 *   forms that embed them) are refused in every resolved address and again on the address
 *   actually connected to, before a byte is written, so DNS rebinding cannot bypass the check;
 * - never follows a redirect (a 3xx is an error naming the status);
 * - is bounded by a connect timeout and a total timeout (headers and body), default 3 s and 5 s;
 * - stops reading and closes the socket once the body exceeds its cap (default 64 KiB), whatever
 *   `Content-Length` says;
 * - sends `Accept: application/json` and a fixed `User-Agent`, and parses the body as JSON;
 * - sends no cookie and no credential (URLs with user credentials are refused), uses no
 *   connection pool, and ignores proxy settings (`HTTP(S)_PROXY`, `NO_PROXY`, a global agent):
 *   a proxy would connect to addresses this class never sees.
 *
 * It rejects only with {@link OutboundFetchError}, whose `reason` a caller maps to the error of
 * its protocol. (Invalid per-call options are a programming error: `OutboundFetcherOptionsError`.)
 *
 * `DcrModule` provides an instance configured by its `outbound` option; without Nest,
 * `new OutboundFetcher(options)`.
 */
export class OutboundFetcher {
  private readonly options: ResolvedOutboundFetcherOptions;

  /** Throws `OutboundFetcherOptionsError` for bad options, e.g. a test switch in production. */
  constructor(options: OutboundFetcherOptions = {}) {
    this.options = resolveOutboundFetcherOptions(options);
  }

  /** Fetches `url` with `GET` and parses its body as JSON, under the rules above. */
  async fetchJson(url: string, options: OutboundFetchOptions = {}): Promise<OutboundFetchResult> {
    const limits = resolveOutboundFetchLimits(this.options, options);
    const target = outboundTarget(url, this.options.allowLoopbackHttp);
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(
          new OutboundFetchError(
            'timeout',
            `${target.host}: no complete response within ${limits.timeoutMs} ms`,
          ),
        ),
      limits.timeoutMs,
    );
    let socket: Socket | undefined;
    try {
      socket = await openGuardedConnection(target, {
        lookup: this.options.lookup,
        ca: this.options.ca,
        connectTimeoutMs: Math.min(limits.connectTimeoutMs, limits.timeoutMs),
        signal: deadline.signal,
      });
      const response = await sendRequest(socket, target, deadline.signal);
      return await readJsonResponse(response, target, limits, deadline.signal);
    } catch (error) {
      throw asFetchError(error, target);
    } finally {
      clearTimeout(timer);
      // One request per connection: nothing is kept for reuse.
      socket?.destroy();
    }
  }
}

function asFetchError(error: unknown, target: OutboundTarget): OutboundFetchError {
  if (error instanceof OutboundFetchError) return error;
  return new OutboundFetchError('network', `${target.host}: the fetch failed`, undefined, {
    cause: error,
  });
}
