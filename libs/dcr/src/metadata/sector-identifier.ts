import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';

const POINTER = jsonPointer('sector_identifier_uri');

/**
 * Checks the document fetched from a client's `sector_identifier_uri` (OpenID Connect
 * Registration 1.0 §5): a JSON array of redirect URIs that must contain every one the client
 * registers, compared as exact strings. The host lists the URIs it controls there, so a client
 * cannot put redirect URIs of another party into the sector that pairwise subject identifiers
 * are computed for. Pure: the caller fetches the document (https only, through the hardened
 * fetcher) and passes the parsed JSON.
 *
 * Throws `invalid_client_metadata` naming `/sector_identifier_uri`.
 */
export function checkSectorIdentifierDocument(
  document: unknown,
  redirectUris: readonly string[],
): void {
  if (!Array.isArray(document) || !document.every((entry) => typeof entry === 'string')) {
    throw invalidClientMetadata(
      'sector_identifier_uri: the document must be a JSON array of URIs (OpenID Connect Registration 1.0 §5)',
      POINTER,
    );
  }
  const listed = new Set<string>(document);
  const index = redirectUris.findIndex((uri) => !listed.has(uri));
  if (index >= 0) {
    throw invalidClientMetadata(
      `sector_identifier_uri: the document does not list redirect_uris[${index}] (OpenID Connect Registration 1.0 §5)`,
      POINTER,
    );
  }
}
