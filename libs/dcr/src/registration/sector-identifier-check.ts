import { Injectable } from '@nestjs/common';
import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { checkSectorIdentifierDocument } from '../metadata/sector-identifier.js';
import { OutboundFetchError } from '../outbound/outbound-fetch-error.js';
import { OutboundFetcher } from '../outbound/outbound-fetcher.js';

/** Largest sector identifier document read: a JSON array of a few hundred URIs. */
const MAX_SECTOR_DOCUMENT_BYTES = 64 * 1024;

/**
 * OpenID Connect Registration 1.0 §5 (and Core §8.1): a client that registers a
 * `sector_identifier_uri` proves that its redirect URIs belong to that sector: the document at
 * the URI, a JSON array of URIs, must list every one of them. The document is fetched through the
 * hardened outbound fetcher (https, no redirects, bounded time and size, no special-use
 * addresses); any failure refuses the registration as `invalid_client_metadata` naming the field.
 */
@Injectable()
export class SectorIdentifierCheck {
  constructor(private readonly fetcher: OutboundFetcher) {}

  async check(metadata: ClientMetadata): Promise<void> {
    const uri = metadata.sector_identifier_uri;
    if (uri === undefined) return;
    let document: unknown;
    try {
      document = (await this.fetcher.fetchJson(uri, { maxBytes: MAX_SECTOR_DOCUMENT_BYTES })).body;
    } catch (error) {
      if (!(error instanceof OutboundFetchError)) throw error;
      throw invalidClientMetadata(
        `sector_identifier_uri: the document could not be fetched: ${error.message} (OpenID Connect Registration 1.0 §5)`,
        '/sector_identifier_uri',
      );
    }
    checkSectorIdentifierDocument(document, metadata.redirect_uris);
  }
}
