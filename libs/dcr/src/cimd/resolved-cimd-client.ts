import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { ResolvedClient } from '../resolver/resolved-client.js';
import type { CachedCimdDocument } from './cimd-document-cache.js';

/**
 * A client identified by its Client ID Metadata Document URL, in the shape registered clients
 * have (their metadata, never a credential), marked `source: 'cimd'`, so that an authorization
 * server treats both alike.
 */
export interface ResolvedCimdClient extends ResolvedClient {
  /** Where the client comes from: its own document, not a registration. */
  readonly source: 'cimd';
  /** The URL, exactly as the client sent it. */
  readonly clientId: string;
  /**
   * The document's metadata, validated like a registration (RFC 7591 §2 defaults applied,
   * unknown members and grant types this server does not offer dropped). `token_endpoint_auth_method`
   * is `none` (a public client) or `private_key_jwt` (with `jwks` or `jwks_uri`).
   */
  readonly metadata: ClientMetadata;
  /** Always false: a document cannot establish a shared secret (draft §4.1). */
  readonly hasSecret: false;
  readonly clientSecretExpiresAt: null;
  /** When the document was fetched; the metadata is as of then. */
  readonly fetchedAt: Date;
  /** Until when the cached document is used without fetching it again. */
  readonly expiresAt: Date;
  /** The fetch time, standing in for a registration's dates. */
  readonly issuedAt: Date;
  readonly updatedAt: Date;
}

/** The client a validated document describes. */
export function toResolvedCimdClient(
  clientId: string,
  document: CachedCimdDocument,
): ResolvedCimdClient {
  return {
    source: 'cimd',
    clientId,
    metadata: document.metadata,
    hasSecret: false,
    clientSecretExpiresAt: null,
    fetchedAt: document.fetchedAt,
    expiresAt: document.expiresAt,
    issuedAt: document.fetchedAt,
    updatedAt: document.fetchedAt,
  };
}
