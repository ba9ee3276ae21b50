// Whitespace and control characters are refused outright: the WHATWG parser would silently strip
// or encode them, and a registered URI must be compared later exactly as it was sent.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f]/;

/** Parses an absolute URI (RFC 3986 §4.3), or returns `undefined`. */
export function parseAbsoluteUri(value: string): URL | undefined {
  if (UNSAFE_CHARACTERS.test(value)) return undefined;
  // A WHATWG URL without a base must carry a scheme, so a relative reference fails here.
  return URL.parse(value) ?? undefined;
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
