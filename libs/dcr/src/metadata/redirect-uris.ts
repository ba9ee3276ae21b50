import { invalidRedirectUri } from '../errors/oauth-error.js';
import { isLoopbackHost, parseAbsoluteUri } from './uris.js';

/** Grant types that send the user agent to a redirection URI (RFC 7591 §2). */
const REDIRECT_GRANT_TYPES = ['authorization_code', 'implicit'];

// RFC 8252 §7.1: a private-use scheme is a reverse domain name, so it contains a period. That also
// keeps out `javascript:`, `data:`, `file:` and the like.
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

/**
 * Checks the redirection URIs against the grant types (RFC 7591 §2) and the rules for each URI:
 * absolute, no fragment (RFC 6749 §3.1.2), no user credentials, and `https`, `http` on a loopback
 * host (RFC 8252 §7.3), or a private-use reverse-domain scheme (RFC 8252 §7.1).
 *
 * @returns the URIs to register (an empty list when the client uses no redirect-based grant)
 */
export function checkRedirectUris(
  uris: readonly string[] | undefined,
  grantTypes: readonly string[],
): string[] {
  const redirectGrant = grantTypes.find((grant) => REDIRECT_GRANT_TYPES.includes(grant));
  if (redirectGrant && (uris === undefined || uris.length === 0)) {
    throw invalidRedirectUri(`redirect_uris is required for the ${redirectGrant} grant`);
  }
  (uris ?? []).forEach((uri, index) => checkRedirectUri(uri, `redirect_uris[${index}]`));
  return uris ? [...uris] : [];
}

function checkRedirectUri(uri: string, field: string): void {
  const url = parseAbsoluteUri(uri);
  if (!url) {
    throw invalidRedirectUri(
      `${field}: must be an absolute URI of printable ASCII characters, with a host for http and https`,
    );
  }
  if (uri.includes('#')) {
    throw invalidRedirectUri(`${field}: must not contain a fragment (RFC 6749 §3.1.2)`);
  }
  if (url.username || url.password) {
    throw invalidRedirectUri(`${field}: must not contain user credentials`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return;
    throw invalidRedirectUri(
      `${field}: http is allowed only for loopback hosts (127.0.0.1, [::1], localhost); use https`,
    );
  }
  if (PRIVATE_USE_SCHEME.test(url.protocol)) return;
  throw invalidRedirectUri(
    `${field}: scheme "${url.protocol.slice(0, -1)}" is not allowed; use https, http on a loopback host, ` +
      'or a private-use scheme in reverse-domain form such as com.example.app (RFC 8252 §7.1)',
  );
}
