import { Injectable } from '@nestjs/common';
import { isIssuedClientId } from '../credentials/client-id.js';
import { clientSecretAuthenticates } from '../credentials/client-secret.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { toResolvedClient, type ResolvedClient } from './resolved-client.js';

/**
 * The one answer to "what is client X?" for an authorization server that keeps its clients in
 * this module's table: its authorization endpoint, token endpoint, revocation and introspection
 * endpoints all ask here, so that a registration, an RFC 7592 update or a deletion takes effect at
 * every endpoint at once, on every instance (each call reads the primary database; nothing is
 * cached).
 *
 * Usable by any host: node-oidc-provider (through an adapter's `find('Client', id)` and a
 * `compareClientSecret` override, as `apps/identity` does), or a hand-written token endpoint.
 *
 * ```ts
 * const client = await resolver.resolve(clientId); // undefined: unknown or deleted
 * if (client?.hasSecret && !(await resolver.verifyClientSecret(clientId, secret))) {
 *   // invalid_client (RFC 6749 §5.2)
 * }
 * ```
 */
@Injectable()
export class DcrClientResolver {
  constructor(private readonly clients: DcrClientRepository) {}

  /**
   * The client's metadata, without credentials; `undefined` for an identifier this module cannot
   * have issued, an unknown client and a deleted one. (Clients identified by an https URL, Client
   * ID Metadata Documents, are resolved here too once that is supported.)
   */
  async resolve(clientId: string): Promise<ResolvedClient | undefined> {
    const client = await this.findUsable(clientId);
    return client ? toResolvedClient(client) : undefined;
  }

  /**
   * Whether `secret` is the client's current secret: compared with the stored SHA-256 digest in
   * constant time, and refused once `client_secret_expires_at` has passed (RFC 7591 §3.2.1).
   * Unknown clients, deleted ones and clients without a secret get `false`, after the same work.
   */
  async verifyClientSecret(clientId: string, secret: string): Promise<boolean> {
    const client = await this.findUsable(clientId);
    return clientSecretAuthenticates(client, secret, new Date());
  }

  /**
   * A stored registration that may act as a client now. Only identifiers of the form this module
   * issues are looked up (anything else is unknown, before any query). Registrations that the
   * registration policy holds for an operator's approval are not usable clients: that check
   * belongs here, once the policy stores such registrations.
   */
  private async findUsable(clientId: string): Promise<DcrClientEntity | null> {
    if (!isIssuedClientId(clientId)) return null;
    // The primary, not a replica: an update or deletion must be seen by the next request.
    return this.clients.findById(clientId);
  }
}
