// RFC 3986 URIs are printable ASCII. Anything else (whitespace, control characters, Unicode) is
// refused outright: the WHATWG parser would silently strip or encode it, and a registered URI
// must be compared later exactly as it was sent. Of printable ASCII, RFC 3986 §2 allows none of
// `\ < > " { } | ^` and the backtick anywhere in a URI, and `%` only as the start of a
// percent-encoded octet (§2.1). Parsers disagree about them: a browser (WHATWG) reads
// `https://good.example\@evil.example/cb` as a URL on good.example, a lenient RFC 3986 parser as
// one on evil.example with user `good.example\`, so two components of one deployment (a consent
// screen, a redirect check, a logger) could see two different hosts in one registered string.
const NOT_URI_CHARACTER = /[^\x21-\x7e]|[\\<>"{}|^`]|%(?![0-9A-Fa-f]{2})/;

// RFC 9110 §4.2: an http(s) URI has an authority with a non-empty host. The WHATWG parser repairs
// `https:///cb` or `https:host/cb` into something else, so the raw text is checked.
const HTTP_AUTHORITY = /^https?:\/\/[^/?#@]/i;

/** Parses an absolute URI (RFC 3986 §4.3), or returns `undefined`. */
export function parseAbsoluteUri(value: string): URL | undefined {
  if (NOT_URI_CHARACTER.test(value)) return undefined;
  // A WHATWG URL without a base must carry a scheme, so a relative reference fails here.
  const url = URL.parse(value);
  if (!url) return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !HTTP_AUTHORITY.test(value)) {
    return undefined;
  }
  return url;
}

/** An absolute `http` or `https` URL: what a web page, a logo or a policy link must be. */
export function isWebUrl(value: string): boolean {
  const url = parseAbsoluteUri(value);
  return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:');
}

/** An absolute `https` URL: what a key set the server may fetch must be. */
export function isHttpsUrl(value: string): boolean {
  return parseAbsoluteUri(value)?.protocol === 'https:';
}

/**
 * A URL the server may fetch on a client's behalf (a `jwks_uri`, a `sector_identifier_uri`): an
 * absolute `https` URL, or, with the test-only loopback switch, plain `http` on a loopback host,
 * which the outbound fetcher then reaches too.
 */
export function isFetchableUrl(value: string, loopbackHttp = false): boolean {
  const url = parseAbsoluteUri(value);
  if (url?.protocol === 'https:') return true;
  return loopbackHttp && url?.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** RFC 8252 §7.3 loopback hosts, as the WHATWG parser spells them in `URL.hostname`. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Whether `hostname` (a WHATWG `URL.hostname`) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
