import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { MetadataPolicy } from '../metadata/metadata-policy.js';
import { freshnessLifetimeSeconds, type FreshnessBounds } from '../outbound/caching-headers.js';
import { OutboundFetcher } from '../outbound/outbound-fetcher.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { checkCimdClientId, isCimdClientId, type CimdUrlControls } from './client-id-url.js';
import { CimdDocumentCache, type FetchedCimdDocument } from './cimd-document-cache.js';
import { fetchRefusal, statusRefusal } from './fetch-refusal.js';
import { parseCimdDocument } from './metadata-document.js';
import { toResolvedCimdClient, type ResolvedCimdClient } from './resolved-cimd-client.js';

/** Draft §8.7: "The recommended maximum size to read is 5 kilobytes." */
export const CIMD_MAX_BYTES = 5 * 1024;

/**
 * Answers "what is client X?" for clients whose `client_id` is the URL of their Client ID
 * Metadata Document (draft-ietf-oauth-client-id-metadata-document), so that an authorization
 * server can serve them next to registered clients, under the same metadata rules:
 *
 * ```ts
 * if (cimd.isCimdClientId(clientId)) {
 *   const client = await cimd.resolve(clientId); // throws CimdClientError (an OAuthError)
 *   // client.metadata.redirect_uris, client.metadata.token_endpoint_auth_method, ...
 * }
 * ```
 *
 * Documents are fetched through the module's `OutboundFetcher` (no redirects, its timeouts, a
 * 5 KiB cap, special-use addresses refused), validated, and kept in the cache every instance
 * shares, for their freshness lifetime within the `cimd` bounds. Concurrent resolutions of one
 * URL in this process share one look-up; across instances, one fetch (`CimdDocumentCache`).
 */
@Injectable()
export class CimdClientSource {
  private readonly controls: CimdUrlControls;
  private readonly policy: MetadataPolicy;
  private readonly cacheLifetime: FreshnessBounds;
  /** Identifies the policy documents are validated under, so rows validated otherwise are stale. */
  private readonly policyDigest: string;
  private readonly inFlight = new Map<string, Promise<ResolvedCimdClient>>();

  constructor(
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
    private readonly fetcher: OutboundFetcher,
    private readonly cache: CimdDocumentCache,
  ) {
    const { enabled, allowedHosts, deniedHosts, cacheLifetime } = options.cimd;
    this.controls = {
      enabled,
      allowedHosts,
      deniedHosts,
      allowLoopbackHttp: options.outbound.allowLoopbackHttp,
    };
    this.policy = options.policy;
    this.cacheLifetime = cacheLifetime;
    this.policyDigest = createHash('sha256').update(JSON.stringify(options.policy)).digest('hex');
  }

  /** Whether URL `client_id`s are resolved (the `cimd.enabled` option, `CIMD=on`). */
  get enabled(): boolean {
    return this.controls.enabled;
  }

  /**
   * Whether `clientId` is meant as a document URL (it starts with `https://`), so that a look-up
   * goes to {@link resolve} rather than to the registered clients. True even when CIMD is off or
   * the URL is malformed: `resolve` then says why it cannot be used.
   */
  isCimdClientId(clientId: unknown): clientId is string {
    return isCimdClientId(clientId, this.controls.allowLoopbackHttp);
  }

  /**
   * The client the document at `clientId` describes. Throws a `CimdClientError` (an `OAuthError`
   * with a `rule`): `invalid_request` for a malformed URL (draft §3), `invalid_client` when CIMD is
   * off, the host is refused, or the document cannot be fetched or breaks a rule (draft §4). Never
   * redirect to a client this throws for. (A database failure rejects with the driver's error, as
   * every other look-up of the module does.)
   */
  async resolve(clientId: string): Promise<ResolvedCimdClient> {
    checkCimdClientId(clientId, this.controls);
    let flight = this.inFlight.get(clientId);
    if (!flight) {
      flight = this.load(clientId).finally(() => this.inFlight.delete(clientId));
      this.inFlight.set(clientId, flight);
    }
    return flight;
  }

  private async load(clientId: string): Promise<ResolvedCimdClient> {
    const document = await this.cache.load(clientId, this.policyDigest, () =>
      this.fetchDocument(clientId),
    );
    return toResolvedCimdClient(clientId, document);
  }

  private async fetchDocument(url: string): Promise<FetchedCimdDocument> {
    const response = await this.fetcher
      .fetchJson(url, { maxBytes: CIMD_MAX_BYTES })
      .catch((error: unknown) => {
        throw fetchRefusal(error);
      });
    if (response.status !== 200) throw statusRefusal(response.status);
    return {
      metadata: parseCimdDocument(url, response.body, this.policy),
      // Draft §5.2: HTTP caching (RFC 9111) within the operator's bounds.
      lifetimeSeconds: freshnessLifetimeSeconds(response.headers, this.cacheLifetime),
    };
  }
}
