import { isIP } from 'node:net';
import { isLoopbackHost, parseAbsoluteUri } from '../metadata/uris.js';
import { OutboundFetchError } from './outbound-fetch-error.js';
import { forbiddenAddressRange } from './special-use-address.js';

/** Where a fetch goes, as decided from its URL before anything is opened. */
export interface OutboundTarget {
  /** `host[:port]` as the URL spells it: the `Host` header, and the name in every error message. */
  readonly host: string;
  /** The name or address to connect to (an IPv6 literal without its brackets). */
  readonly hostname: string;
  /** Whether `hostname` is an IP address (no DNS; no TLS server name). */
  readonly literalAddress: boolean;
  readonly port: number;
  /** Path and query to request; the fragment is never sent. */
  readonly path: string;
  readonly secure: boolean;
  /** Whether loopback addresses may be connected to: the test switch, for a loopback host. */
  readonly allowLoopback: boolean;
}

/**
 * The rules a URL must meet before the fetcher opens anything: an absolute `https` URL without
 * user credentials (so none is ever forwarded); plain `http` only with the test switch and only to
 * a loopback host; and, for an IP literal host, an address outside the special-use ranges. Throws
 * {@link OutboundFetchError} (`invalid_url`, `not_https`, `forbidden_address`).
 */
export function outboundTarget(rawUrl: string, allowLoopbackHttp: boolean): OutboundTarget {
  const url = typeof rawUrl === 'string' ? parseAbsoluteUri(rawUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    const scheme = url ? ` (${url.protocol.slice(0, -1)})` : '';
    throw new OutboundFetchError(
      url ? 'not_https' : 'invalid_url',
      url
        ? `the URL's scheme${scheme} is not https`
        : 'the URL is not an absolute https URL with a host',
    );
  }
  if (url.username || url.password) {
    // Never echo the URL: its userinfo is a credential.
    throw new OutboundFetchError('invalid_url', 'the URL must not carry user credentials');
  }
  const host = url.host;
  const loopbackHost = isLoopbackHost(url.hostname);
  const allowLoopback = allowLoopbackHttp && loopbackHost;
  if (url.protocol === 'http:' && !allowLoopback) {
    throw new OutboundFetchError('not_https', `${host}: the URL must use https`);
  }

  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literalAddress = isIP(hostname) !== 0;
  if (literalAddress) {
    const range = forbiddenAddressRange(hostname, allowLoopback);
    if (range !== undefined) throw forbiddenAddress(host, range);
  }
  const secure = url.protocol === 'https:';
  return {
    host,
    hostname,
    literalAddress,
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    secure,
    allowLoopback,
  };
}

/** The error for a host that is, or resolves to, a special-use address. */
export function forbiddenAddress(host: string, range: string): OutboundFetchError {
  // The address itself is left out: it could tell a client how an internal name resolves.
  return new OutboundFetchError(
    'forbidden_address',
    `${host}: refused to connect to a special-use address (${range}, RFC 6890)`,
  );
}
