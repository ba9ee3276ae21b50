import { Injectable } from '@nestjs/common';
import { isIssuedClientId } from '../credentials/client-id.js';
import { clientSecretExpired } from '../credentials/client-secret.js';
import { digest, matchesDigest } from '../credentials/digest.js';
import { invalidClient } from '../errors/oauth-error.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrEvents } from '../events/dcr-events.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { parseClientCredentials, type PresentedCredentials } from './client-credentials.js';
import { toRegisteredClient, type RegisteredClient } from './registered-client.js';

/** The parts of a token request that carry client credentials. */
export interface ClientAuthenticationRequest {
  /** The `Authorization` header, if any. */
  authorization?: string;
  /** The parsed `application/x-www-form-urlencoded` body of the token request. */
  body?: Readonly<Record<string, unknown>>;
}

// How often `last_authenticated_at` is written for a busy client.
const LAST_AUTHENTICATED_RESOLUTION_SECONDS = 60;

// Compared against when the client does not exist, so that an unknown client costs the same time.
const UNKNOWN_CLIENT_DIGEST = digest('unknown client');

/**
 * Authenticates registered clients at a host app's token endpoint (RFC 6749 §2.3): HTTP Basic,
 * `client_secret_post`, or a public client's bare `client_id`, checked against what the client
 * registered. Every failed authentication is `invalid_client` (RFC 6749 §5.2) with the same
 * description, so a caller learns nothing about which check failed; a malformed request (a repeated
 * parameter, two methods at once) is `invalid_request`.
 *
 * ```ts
 * @Post('token')
 * async token(@Headers('authorization') authorization: string | undefined, @Body() body: Record<string, string>) {
 *   const client = await this.clientAuthentication.authenticate({ authorization, body });
 *   // ... issue tokens for client.clientId
 * }
 * ```
 */
@Injectable()
export class ClientAuthenticationService {
  constructor(
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
  ) {}

  /**
   * Returns the authenticated client, or throws an `OAuthError` (`invalid_client`, 401, or
   * `invalid_request`, 400) that the module's `DcrExceptionFilter` turns into the RFC 6749 §5.2
   * response.
   */
  async authenticate(request: ClientAuthenticationRequest): Promise<RegisteredClient> {
    const presented = parseClientCredentials(request.authorization, request.body);
    const client = await this.findVerified(presented);
    if (!client) {
      throw invalidClient(
        'client authentication failed',
        presented.method === 'client_secret_basic',
      );
    }
    const now = new Date();
    // The row just read says whether a write is due; the statement re-checks it, for concurrent
    // requests of one client.
    const last = client.lastAuthenticatedAt?.getTime() ?? 0;
    if (now.getTime() - last >= LAST_AUTHENTICATED_RESOLUTION_SECONDS * 1000) {
      await this.clients.recordAuthentication(
        client.clientId,
        now,
        LAST_AUTHENTICATED_RESOLUTION_SECONDS,
      );
    }
    this.events.publish('client.authenticated', client.clientId);
    return toRegisteredClient({ ...client, lastAuthenticatedAt: now });
  }

  /**
   * The client's metadata, without credentials; `undefined` for an unknown or deleted client. Read
   * from a replica when there is one, and from the primary when the replica does not know it yet.
   */
  async findClient(clientId: string): Promise<RegisteredClient | undefined> {
    if (!isIssuedClientId(clientId)) return undefined;
    const client =
      (await this.clients.findByIdOnReplica(clientId)) ??
      (this.clients.readsFromReplicas ? await this.clients.findById(clientId) : null);
    return client ? toRegisteredClient(client) : undefined;
  }

  /**
   * The client the credentials authenticate, or `null`. The hot path reads a replica when there is
   * one; a client that fails there is read again from the primary, which has every write: a client
   * registered or updated a moment ago authenticates at once (read-your-writes).
   */
  private async findVerified(presented: PresentedCredentials): Promise<DcrClientEntity | null> {
    // An identifier this module cannot have issued is an unknown client, refused before any query.
    if (!isIssuedClientId(presented.clientId)) {
      verifies(null, presented, new Date()); // the same work as for an unknown client
      return null;
    }
    const replica = await this.clients.findByIdOnReplica(presented.clientId);
    if (verifies(replica, presented, new Date())) return replica;
    if (!this.clients.readsFromReplicas) return null;
    const primary = await this.clients.findById(presented.clientId);
    return verifies(primary, presented, new Date()) ? primary : null;
  }
}

/**
 * Whether the presented credentials authenticate the client: the method it registered (no other),
 * a public client presents no secret, and a secret matches the stored digest (in constant time)
 * and has not expired.
 */
function verifies(
  client: DcrClientEntity | null,
  presented: PresentedCredentials,
  now: Date,
): client is DcrClientEntity {
  // The secret is compared even when the client is unknown or the method is wrong, so that every
  // failure costs the same time.
  const secretMatches =
    presented.method === 'none' ||
    matchesDigest(presented.clientSecret, client?.clientSecretDigest ?? UNKNOWN_CLIENT_DIGEST);
  if (!client || client.metadata.token_endpoint_auth_method !== presented.method) return false;
  if (presented.method === 'none') return true;
  return secretMatches && client.clientSecretDigest !== null && !clientSecretExpired(client, now);
}
