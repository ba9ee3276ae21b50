import { MAX_URI_LENGTH } from '../metadata/client-metadata.js';
import { isLoopbackHost, parseAbsoluteUri } from '../metadata/uris.js';
import { CIMD_DRAFT, malformedClientId, unusableClient } from './cimd-client-error.js';
import { matchesHostPattern, type HostPattern } from './host-patterns.js';

/** What the operator decides about Client ID Metadata Document clients. */
export interface CimdUrlControls {
  /** Whether URL `client_id`s are resolved at all (`CIMD=on|off`). */
  readonly enabled: boolean;
  /** Hosts whose documents may be used; empty: any host. */
  readonly allowedHosts: readonly HostPattern[];
  /** Hosts whose documents are never used, even when an allowed pattern matches too. */
  readonly deniedHosts: readonly HostPattern[];
  /**
   * The outbound fetcher's test-only switch: `http` URLs on a loopback host are accepted too, so
   * that tests can serve documents from a local fixture. Refused in production by the fetcher.
   */
  readonly allowLoopbackHttp: boolean;
}

/**
 * Whether `clientId` is meant as a Client ID Metadata Document URL, for routing a look-up: it
 * starts with `https://` (or `http://` with the test switch), whatever else it holds, so that a
 * malformed one is refused by {@link checkCimdClientId} naming its rule, rather than reported as
 * an unknown client. The identifiers this module issues are base64url and never match (draft
 * §7.1: "the client_id strings it generates do not start with https://").
 */
export function isCimdClientId(clientId: unknown, allowLoopbackHttp = false): clientId is string {
  if (typeof clientId !== 'string') return false;
  return /^https:\/\//i.test(clientId) || (allowLoopbackHttp && /^http:\/\//i.test(clientId));
}

// RFC 3986 §2: unreserved and reserved characters, and percent-encodings. Anything else would be
// changed by the WHATWG parser before the fetch, so the URL fetched would not be the client_id.
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/**
 * Checks a Client ID Metadata Document URL against draft §3 and the operator's controls, or
 * throws a `CimdClientError` naming the rule. Pure.
 *
 * The URL is never normalized (draft §3: "compared using simple string comparison"): the
 * document must carry this exact string, so `https://a.example:443/x` and `https://a.example/x/`
 * are two other clients than `https://a.example/x`. A query, which draft §3 only discourages, is
 * refused: it would let one document host mint any number of client identities.
 */
export function checkCimdClientId(clientId: string, controls: CimdUrlControls): void {
  if (!controls.enabled) {
    throw unusableClient('disabled', 'this server does not accept URL client_ids (CIMD is off)', {
      policy: 'cimd',
    });
  }
  const section = `(${CIMD_DRAFT} §3)`;
  if (clientId.length > MAX_URI_LENGTH) {
    throw malformedClientId('length', `a URL client_id is at most ${MAX_URI_LENGTH} characters`);
  }
  if (!URI_CHARACTERS.test(clientId)) {
    throw malformedClientId(
      'characters',
      'a URL client_id must be written in the characters of RFC 3986 (section 2), percent-encoding the others',
    );
  }
  const url = parseAbsoluteUri(clientId);
  const loopbackHttp =
    controls.allowLoopbackHttp && url?.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (!url || (url.protocol !== 'https:' && !loopbackHttp)) {
    throw malformedClientId('https', `a URL client_id must be an https URL with a host ${section}`);
  }
  if (clientId.includes('#')) {
    throw malformedClientId('fragment', `a URL client_id must not contain a fragment ${section}`);
  }
  if (clientId.includes('?')) {
    throw malformedClientId('query', 'a URL client_id must not contain a query');
  }
  const afterScheme = clientId.slice(clientId.indexOf('//') + 2);
  const pathStart = afterScheme.indexOf('/');
  const authority = pathStart === -1 ? afterScheme : afterScheme.slice(0, pathStart);
  if (authority.includes('@')) {
    throw malformedClientId(
      'userinfo',
      `a URL client_id must not contain user information ${section}`,
    );
  }
  const path = pathStart === -1 ? '' : afterScheme.slice(pathStart);
  if (path === '' || path === '/') {
    throw malformedClientId('path', `a URL client_id must have a path, not just "/" ${section}`);
  }
  // The parser would resolve `.` and `..` (and their percent-encoded forms) away, fetching
  // another URL than the one the client named.
  if (path.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
    throw malformedClientId(
      'dot_segment',
      `a URL client_id must not contain "." or ".." path segments, encoded or not ${section}`,
    );
  }
  checkHostControls(url.hostname, controls);
}

// Draft §8.9: an authorization server may keep its own lists of trusted (or refused) hosts. The
// parsed host is lower case and ASCII, so patterns compare as strings; a denial wins.
function checkHostControls(host: string, controls: CimdUrlControls): void {
  if (matchesHostPattern(host, controls.deniedHosts)) {
    throw unusableClient('denied_host', `client_id: the host ${host} is refused by this server`, {
      policy: 'cimd_denied_hosts',
    });
  }
  if (controls.allowedHosts.length > 0 && !matchesHostPattern(host, controls.allowedHosts)) {
    throw unusableClient(
      'host_not_allowed',
      `client_id: the host ${host} is not among the hosts this server accepts documents from`,
      { policy: 'cimd_allowed_hosts' },
    );
  }
}
