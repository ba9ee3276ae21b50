import { Injectable } from '@nestjs/common';
import { CimdClientSource } from '../cimd/cimd-client-source.js';
import type { ResolvedCimdClient } from '../cimd/resolved-cimd-client.js';
import { isUsableClient } from '../lifecycle/usable-client.js';
import { isIssuedClientId } from '../credentials/client-id.js';
import { clientSecretAuthenticates } from '../credentials/client-secret.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { toResolvedClient, type ResolvedClient } from './resolved-client.js';

/** A resolved client and the check of its secret against the same read (one request only). */
export interface ClientWithSecretCheck {
  readonly client: ResolvedClient | ResolvedCimdClient;
  /** Whether `secret` is the client's current secret (see `DcrClientResolver.verifyClientSecret`). */
  verifySecret(secret: string): boolean;
}

/**
 * The one answer to "what is client X?" for an authorization server that keeps its clients in
 * this module's table: its authorization endpoint, token endpoint, revocation and introspection
 * endpoints all ask here, so that a registration, an RFC 7592 update or a deletion takes effect at
 * every endpoint at once, on every instance (each call reads the primary database; nothing is
 * cached).
 *
 * It answers for both kinds of clients the module knows:
 * - registered clients (RFC 7591), whose `client_id` this module issued;
 * - Client ID Metadata Document clients (draft-ietf-oauth-client-id-metadata-document), whose
 *   `client_id` is an `https` URL: resolved through `CimdClientSource` (fetched, validated under
 *   the same metadata rules, cached for every instance). Such a client never has a secret.
 *
 * Usable by any host: node-oidc-provider (through an adapter's `find('Client', id)` and a
 * `compareClientSecret` override, as `apps/identity` does), or a hand-written token endpoint.
 *
 * ```ts
 * const client = await resolver.resolve(clientId); // undefined: unknown, deleted or awaiting approval
 * // throws CimdClientError (an OAuthError with a `rule`) for a URL client_id that cannot be used:
 * // answer it as an RFC 6749 error, and never redirect to that client
 * if (client?.hasSecret && !(await resolver.verifyClientSecret(clientId, secret))) {
 *   // invalid_client (RFC 6749 §5.2)
 * }
 * ```
 */
@Injectable()
export class DcrClientResolver {
  constructor(
    private readonly clients: DcrClientRepository,
    private readonly cimd: CimdClientSource,
  ) {}

  /**
   * The client's metadata, without credentials; `undefined` for an identifier this module cannot
   * have issued, an unknown client, a deleted one and one awaiting an operator's approval. A
   * `client_id` that is an `https` URL (or, with the test-only loopback switch, a loopback `http`
   * one) is a Client ID Metadata Document
   * client: resolved through `CimdClientSource`, which throws a `CimdClientError` naming the rule
   * when it cannot be used (CIMD off, a malformed URL, a refused host, a document that cannot be
   * fetched or breaks a rule). A database failure rejects with the driver's error.
   */
  async resolve(clientId: string): Promise<ResolvedClient | ResolvedCimdClient | undefined> {
    if (this.cimd.isCimdClientId(clientId)) return this.cimd.resolve(clientId);
    const client = await this.findUsable(clientId);
    return client ? toResolvedClient(client) : undefined;
  }

  /**
   * {@link resolve}, with a check of a presented secret bound to the row it read: for a token
   * endpoint that resolves the client and then authenticates it (node-oidc-provider does both in
   * one request), one read instead of two. `verifySecret` answers as {@link verifyClientSecret}
   * would have at that read: constant-time against the stored digest, `false` once expired, and
   * `false` (after the same work) for a client without a secret. Keep it for one request only.
   */
  async resolveForAuthentication(clientId: string): Promise<ClientWithSecretCheck | undefined> {
    if (this.cimd.isCimdClientId(clientId)) {
      const client = await this.cimd.resolve(clientId);
      return {
        client,
        verifySecret: (secret) => clientSecretAuthenticates(null, secret, new Date()),
      };
    }
    const stored = await this.findUsable(clientId);
    if (!stored) return undefined;
    return {
      client: toResolvedClient(stored),
      verifySecret: (secret) => clientSecretAuthenticates(stored, secret, new Date()),
    };
  }

  /**
   * Whether `secret` is the client's current secret: compared with the stored SHA-256 digest in
   * constant time, and refused once `client_secret_expires_at` has passed (RFC 7591 §3.2.1).
   * Unknown clients, deleted ones, clients without a secret and Client ID Metadata Document
   * clients (which never have one, draft §4.1) get `false`, after the same work.
   */
  async verifyClientSecret(clientId: string, secret: string): Promise<boolean> {
    const client = await this.findUsable(clientId);
    return clientSecretAuthenticates(client, secret, new Date());
  }

  /**
   * A stored registration that may act as a client now. Only identifiers of the form this module
   * issues are looked up (anything else, URLs included, is unknown, before any query); a
   * registration waiting for an operator's approval is not a client yet (`isUsableClient`).
   */
  private async findUsable(clientId: string): Promise<DcrClientEntity | null> {
    if (!isIssuedClientId(clientId)) return null;
    // The primary, not a replica: an update or deletion must be seen by the next request.
    const client = await this.clients.findById(clientId);
    return client && isUsableClient(client) ? client : null;
  }
}
