import { parseAbsoluteUri } from '../metadata/uris.js';
import { jsonPointer, type PolicyRefusal } from './policy-refusal.js';

/** The rule's name, answered as the `policy` member of its refusals. */
export const TRUSTED_REDIRECT_HOSTS = 'trusted_redirect_hosts';

/**
 * One entry of a trusted redirect host list, parsed once at start-up:
 * - `host`: exactly this host (`app.example.com`, `127.0.0.1`, `[::1]`, `localhost`);
 * - `subdomains`: any host under this domain, at any depth, but not the domain itself
 *   (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`);
 * - `scheme`: a private-use URI scheme (RFC 8252 §7.1), for redirect URIs without a host
 *   (`com.example.app:` matches `com.example.app:/callback`).
 */
export type HostPattern =
  | { readonly kind: 'host'; readonly host: string; readonly text: string }
  | { readonly kind: 'subdomains'; readonly domain: string; readonly text: string }
  | { readonly kind: 'scheme'; readonly scheme: string; readonly text: string };

const SCHEME_ENTRY = /^[a-z][a-z0-9+.-]*:$/;

/**
 * Parses an entry of a trusted host list, or returns why it cannot be one. Hosts are normalized
 * the way a URL parser normalizes them (lower case, IDNA to punycode, IPv6 in brackets), so that
 * they compare equal to the host of a parsed redirect URI.
 */
export function parseHostPattern(entry: string): HostPattern | string {
  const text = entry.trim().toLowerCase();
  if (SCHEME_ENTRY.test(text)) return { kind: 'scheme', scheme: text, text };
  const wildcard = text.startsWith('*.');
  const host = normalizedHost(wildcard ? text.slice(2) : text);
  if (host === undefined) {
    return `"${entry}" is not a host name, an IP address, "*.domain" or a "scheme:"`;
  }
  if (!wildcard) return { kind: 'host', host, text };
  if (host.startsWith('[') || /^[\d.]+$/.test(host) || !host.includes('.')) {
    return `"${entry}": a wildcard needs a domain name with at least two labels, such as *.example.com`;
  }
  return { kind: 'subdomains', domain: host, text };
}

// What the WHATWG URL parser makes of a host, or undefined when it is not just a host (a port, a
// path, credentials, a wildcard in the middle...).
function normalizedHost(host: string): string | undefined {
  if (host === '' || /[/?#@:*\s\\]/.test(host.replace(/^\[[0-9a-f:.]+\]$/, ''))) return undefined;
  const url = URL.parse(`https://${host}/`);
  return url && url.port === '' && url.pathname === '/' ? url.hostname : undefined;
}

/** Whether `pattern` trusts the redirect URI `url`. Hosts are compared whole, never as substrings. */
export function trusts(pattern: HostPattern, url: URL): boolean {
  switch (pattern.kind) {
    case 'scheme':
      return url.protocol === pattern.scheme;
    case 'host':
      return url.hostname === pattern.host;
    case 'subdomains':
      return url.hostname.endsWith(`.${pattern.domain}`);
  }
}

/**
 * Refuses the first redirect URI whose host (or, for a URI without one, whose scheme) no entry of
 * `patterns` trusts. Ports and paths are not compared: loopback redirects use any port (RFC 8252
 * §7.3).
 */
export function checkTrustedRedirectHosts(
  redirectUris: readonly string[],
  patterns: readonly HostPattern[],
): PolicyRefusal | undefined {
  const index = redirectUris.findIndex((uri) => {
    const url = parseAbsoluteUri(uri);
    return !url || !patterns.some((pattern) => trusts(pattern, url));
  });
  if (index < 0) return undefined;
  const url = parseAbsoluteUri(redirectUris[index]);
  const what = url?.hostname ? `host "${url.hostname}"` : `scheme "${url?.protocol ?? ''}"`;
  return {
    error: 'invalid_redirect_uri',
    policy: TRUSTED_REDIRECT_HOSTS,
    field: jsonPointer('redirect_uris', index),
    reason: `${what} is not a trusted redirect host (trusted: ${patterns.map((p) => p.text).join(', ')})`,
  };
}
