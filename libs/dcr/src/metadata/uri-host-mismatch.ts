import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';
import type { UriHostMismatchPolicy } from './metadata-policy.js';
import { parseAbsoluteUri } from './uris.js';

/** RFC 7591 §5: the pages a consent screen links to or shows, whose host should be the client's. */
const PAGE_URI_FIELDS = ['logo_uri', 'tos_uri', 'policy_uri', 'client_uri'] as const;

/** A page URI on a host none of the redirect URIs has. */
export interface UriHostMismatch {
  /** JSON pointer of the member (`/logo_uri`, `/tos_uri#fr`). */
  readonly field: string;
  /** Host of the page URI. */
  readonly host: string;
}

/**
 * The page URIs of stored (or about to be stored) client metadata whose host is not the host of
 * any `http`/`https` redirect URI (RFC 7591 §5: a logo or a terms page on someone else's site is
 * a common way to pass a client off as another; the server "SHOULD check" them). Language-tagged
 * variants (`logo_uri#fr`) are checked too. A client with no web redirect URI (loopback or
 * private-use only) has no host to compare with, so each page URI it registers is reported: a
 * consent screen can say the links are the client's own claim. Pure; hosts are compared as the
 * URL parser lower-cases them.
 */
export function findUriHostMismatches(metadata: object): UriHostMismatch[] {
  const redirectHosts = new Set<string>();
  for (const uri of asStrings((metadata as { redirect_uris?: unknown }).redirect_uris)) {
    const url = parseAbsoluteUri(uri);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
      redirectHosts.add(url.hostname);
    }
  }
  const mismatches: UriHostMismatch[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (!isPageUriKey(key) || typeof value !== 'string') continue;
    const host = parseAbsoluteUri(value)?.hostname;
    if (host && !redirectHosts.has(host)) mismatches.push({ field: jsonPointer(key), host });
  }
  return mismatches;
}

/**
 * Applies `policy` to the mismatches of `metadata`: `refuse` throws `invalid_client_metadata`
 * naming the first one; `flag` and `ignore` accept (a flag is computed on read with
 * {@link findUriHostMismatches}).
 */
export function enforceUriHostPolicy(metadata: object, policy: UriHostMismatchPolicy): void {
  if (policy !== 'refuse') return;
  const [first] = findUriHostMismatches(metadata);
  if (first) {
    throw invalidClientMetadata(
      `${first.field.slice(1)}: host "${first.host}" is none of the redirect URIs' hosts (RFC 7591 §5)`,
      first.field,
    );
  }
}

function isPageUriKey(key: string): boolean {
  const field = key.includes('#') ? key.slice(0, key.indexOf('#')) : key;
  return (PAGE_URI_FIELDS as readonly string[]).includes(field);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}
