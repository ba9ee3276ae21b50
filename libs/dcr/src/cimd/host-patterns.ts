import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

/**
 * A host pattern of the operator's controls, in canonical form: a host name (`client.example`),
 * a host name and its subdomains' wildcard (`*.example.com`), or an IP address (`192.0.2.7`,
 * `[2001:db8::7]`). Names are lower case and in ASCII (IDNA), as the WHATWG URL parser spells a
 * URL's host, so that a pattern and a host compare as strings.
 */
export type HostPattern = string;

// URL delimiters and blanks: a pattern is a bare host, without port, path or scheme.
const DELIMITER = /[\s/\\?#@:%[\]]/;

// One DNS label: letters, digits and hyphens (IDNA has already turned Unicode into `xn--`).
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The canonical form of an operator's host pattern, or `undefined` when it is not one. `*` may
 * only stand for whole leading labels (`*.example.com`: any host under `example.com`, not
 * `example.com` itself); anything else (`*`, `a*.example.com`, a port, a path) is refused, so a
 * typo cannot widen the pattern.
 */
export function canonicalHostPattern(pattern: string): HostPattern | undefined {
  const text = pattern.trim();
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  if (host.startsWith('[') && host.endsWith(']') && !wildcard) {
    return isIP(host.slice(1, -1)) === 6 ? `[${canonicalIpv6(host.slice(1, -1))}]` : undefined;
  }
  if (isIP(host) === 4) return wildcard ? undefined : host;
  // domainToASCII parses its input as a URL's host, dropping what follows a `/` or `:`.
  if (DELIMITER.test(host)) return undefined;
  const ascii = domainToASCII(host);
  if (
    ascii === '' ||
    ascii.endsWith('.') ||
    !ascii.split('.').every((label) => LABEL.test(label))
  ) {
    return undefined;
  }
  return wildcard ? `*.${ascii}` : ascii;
}

/**
 * Whether `host` (a WHATWG `URL.hostname`: lower case, ASCII, IPv6 in brackets) matches one of
 * the patterns: equal to a plain pattern, or strictly under a wildcard one.
 */
export function matchesHostPattern(host: string, patterns: readonly HostPattern[]): boolean {
  return patterns.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}

// The WHATWG parser's spelling of an IPv6 host (compressed, lower case), so patterns compare with it.
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
