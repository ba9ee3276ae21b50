// RFC 1123 §2.1 host names (letters, digits, hyphens, dots), plus the underscore that real DNS
// names carry. Anything else that WHATWG accepts in a host (`*`, `!`, `$`, `'`, `,`, ...) is no
// host a browser can reach, and on a consent screen it only misleads.
const DNS_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/;

/**
 * When `value` is not written the way a WHATWG URL parser serializes it, the serialization it
 * should have been registered as (`url.href`); otherwise `undefined`.
 *
 * Redirect URIs are compared as exact strings at the authorization endpoint and shown on consent
 * screens, while browsers navigate to what the parser reads. So the stored string must be the
 * parser's own: a lower-case scheme; for `http`/`https`, a lower-case host without a default port,
 * IPv4 in dotted-decimal (`127.1`, `0x7f000001`, `2130706433` and `0177.0.0.1` are all 127.0.0.1)
 * and IPv6 compressed (RFC 5952, `[0:0:0:0:0:0:0:1]` is `[::1]`); and a path without dot segments
 * (`/a/../cb` is `/cb`). An empty path stays valid: `https://a.example` and `https://a.example/`
 * name the same resource (RFC 9110 §4.2.3). The query is left as written.
 *
 * @param url `value` parsed by {@link parseAbsoluteUri}, so `value` holds only URI characters.
 */
export function canonicalFormOf(value: string, url: URL): string | undefined {
  // Everything before the query, as written and as serialized. Comparing serializations rather
  // than components keeps the parser's own spellings: it writes `aa.a:/.//` for the path `//`
  // (so that it does not read as an authority), and that string is canonical.
  // An http(s) URL written without a path serializes with `/`.
  const written = beforeQuery(value);
  const serialized = beforeQuery(url.href);
  const canonical = written === serialized || (isHttp(url) && `${written}/` === serialized);
  return canonical ? undefined : url.href;
}

function beforeQuery(uri: string): string {
  const query = uri.indexOf('?');
  return query < 0 ? uri : uri.slice(0, query);
}

function isHttp(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/**
 * Why the host of an `http`/`https` URL cannot be registered, or `undefined`: a wildcard
 * (`https://*.example.org/cb` names no host, yet reads like a pattern on a consent screen), or
 * characters no DNS name has. IP literals are fine (the parser has already checked them).
 */
export function describeHostProblem(url: URL): string | undefined {
  const host = url.hostname;
  if (host.includes('*')) return 'a wildcard host is not a host; register each host it stands for';
  if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return undefined;
  if (!DNS_NAME.test(host)) {
    return 'the host must be a DNS name, an IPv4 address or a bracketed IPv6 address';
  }
  return undefined;
}
