// RFC 3986 URIs are printable ASCII. Anything else (whitespace, control characters, Unicode) is
// refused outright: the WHATWG parser would silently strip or encode it, and a registered URI
// must be compared later exactly as it was sent.
const NOT_URI_CHARACTER = /[^\x21-\x7e]/;

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

/** RFC 8252 §7.3 loopback hosts, as the WHATWG parser spells them in `URL.hostname`. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Whether `hostname` (a WHATWG `URL.hostname`) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
