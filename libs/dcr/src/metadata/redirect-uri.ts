import type { OAuthError } from '../errors/oauth-error.js';
import { canonicalFormOf, describeHostProblem } from './canonical-uri.js';
import { isLoopbackHost, parseAbsoluteUri } from './uris.js';

/**
 * How strictly redirect URIs are checked. `compatible` (the default) accepts what deployed MCP
 * clients register: any private-use scheme (Cursor's `cursor://anysphere.cursor-mcp/...` is not
 * in reverse-domain form) whatever the `application_type`. `strict` requires the RFC 8252 §7.1
 * reverse-domain form and applies the OpenID Connect Registration 1.0 §2 split between web and
 * native clients.
 */
export type RedirectUriPolicy = 'compatible' | 'strict';

/** OpenID Connect Registration 1.0 §2 `application_type`; `web` when omitted. */
export type ApplicationType = 'web' | 'native';

/** What a redirect URI is checked against, besides its own syntax. */
export interface RedirectUriContext {
  readonly policy: RedirectUriPolicy;
  readonly applicationType: ApplicationType;
  /** The client uses the implicit grant (OIDC Registration §2 keeps such web clients off localhost). */
  readonly implicit: boolean;
}

/**
 * Schemes refused in every mode. A browser runs (`javascript:`, `vbscript:`) or renders
 * (`data:`, `blob:`, `about:`, `view-source:`) them itself, or reads local files (`file:`,
 * `filesystem:`), instead of handing the authorization response to an application; and `ftp:`,
 * `ws:` and `wss:` are WHATWG special schemes that no browser navigates to with a response.
 * `http`/`https` look-alikes need no entry: scheme case and the http rules handle them.
 */
export const FORBIDDEN_REDIRECT_SCHEMES: readonly string[] = [
  'javascript',
  'vbscript',
  'data',
  'blob',
  'about',
  'view-source',
  'file',
  'filesystem',
  'ftp',
  'ws',
  'wss',
];

// RFC 8252 §7.1: a private-use scheme is a reverse domain name, so it contains a period.
const REVERSE_DOMAIN_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+$/;

/** Builds the error for one URI: `invalid_redirect_uri` or `invalid_client_metadata`, with its pointer. */
export type UriErrorFactory = (description: string) => OAuthError;

/**
 * Checks one redirection URI (RFC 6749 §3.1.2, RFC 8252 §7, OIDC Registration §2): absolute and
 * made of URI characters, no fragment, no user credentials, a scheme that hands the response to
 * an application (`https`; `http` on a loopback host, RFC 8252 §7.3, any port; or a private-use
 * scheme, RFC 8252 §7.1, under `context.policy`), and written in canonical form
 * ({@link canonicalFormOf}). Throws `fail(description)` for the first problem; `label` names the
 * URI in the description (`redirect_uris[1]`).
 */
export function checkRedirectUri(
  uri: string,
  label: string,
  context: RedirectUriContext,
  fail: UriErrorFactory,
): void {
  const url = parseAbsoluteUri(uri);
  if (!url) {
    throw fail(
      `${label}: must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https`,
    );
  }
  if (uri.includes('#')) throw fail(`${label}: must not contain a fragment (RFC 6749 §3.1.2)`);
  if (url.username || url.password) throw fail(`${label}: must not contain user credentials`);

  const problem = describeSchemeProblem(url, context);
  if (problem) throw fail(`${label}: ${problem}`);

  const canonical = canonicalFormOf(uri, url);
  if (canonical !== undefined) {
    throw fail(
      `${label}: must be written as a URL parser writes it (lower-case scheme and host, no default port, ` +
        `dotted-decimal IPv4, compressed IPv6, no dot segments), since it is compared as an exact string: ` +
        `register "${canonical}"`,
    );
  }
}

function describeSchemeProblem(url: URL, context: RedirectUriContext): string | undefined {
  const scheme = url.protocol.slice(0, -1);
  if (FORBIDDEN_REDIRECT_SCHEMES.includes(scheme)) {
    return `scheme "${scheme}" is never allowed: the browser would handle the response itself instead of an application`;
  }
  if (scheme === 'https' || scheme === 'http') {
    const hostProblem = describeHostProblem(url);
    if (hostProblem) return hostProblem;
    if (scheme === 'https') return undefined;
    if (!isLoopbackHost(url.hostname)) {
      return 'http is allowed only for loopback hosts (127.0.0.1, [::1], localhost); use https';
    }
    if (context.policy === 'strict' && context.applicationType === 'web' && context.implicit) {
      return 'web clients using the implicit grant must use https, not a loopback host (OpenID Connect Registration 1.0 §2)';
    }
    return undefined;
  }
  return describePrivateUseProblem(url, scheme, context);
}

function describePrivateUseProblem(
  url: URL,
  scheme: string,
  context: RedirectUriContext,
): string | undefined {
  if (url.host === '' && url.pathname === '') {
    return `a private-use URI must name a path after "${scheme}:" (RFC 8252 §7.1)`;
  }
  if (context.policy === 'compatible') return undefined;
  if (context.applicationType === 'web') {
    return (
      `scheme "${scheme}": web clients (application_type "web", the default) use https or loopback http; ` +
      'a private-use scheme needs application_type "native" (OpenID Connect Registration 1.0 §2)'
    );
  }
  if (!REVERSE_DOMAIN_SCHEME.test(scheme)) {
    return (
      `scheme "${scheme}" is not allowed; use https, http on a loopback host, ` +
      'or a private-use scheme in reverse-domain form such as com.example.app (RFC 8252 §7.1)'
    );
  }
  return undefined;
}
