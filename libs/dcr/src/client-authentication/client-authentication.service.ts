import { Injectable, Logger } from '@nestjs/common';
import { isUsableClient } from '../lifecycle/usable-client.js';
import { isIssuedClientId } from '../credentials/client-id.js';
import { clientSecretExpired } from '../credentials/client-secret.js';
import { digest, matchesDigest } from '../credentials/digest.js';
import { invalidClient } from '../errors/oauth-error.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrEvents } from '../events/dcr-events.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { ClientAssertionRefused, type AssertionReplayKey } from './client-assertion-claims.js';
import { ClientAssertionVerifier } from './client-assertion-verifier.js';
import {
  parseClientCredentials,
  type PresentedAssertion,
  type PresentedCredentials,
} from './client-credentials.js';
import {
  toRegisteredClient,
  type AuthenticatedClient,
  type RegisteredClient,
} from './registered-client.js';

/** The parts of a token request that carry client credentials. */
export interface ClientAuthenticationRequest {
  /** The `Authorization` header, if any. */
  authorization?: string;
  /** The parsed `application/x-www-form-urlencoded` body of the token request. */
  body?: Readonly<Record<string, unknown>>;
}

/** Credentials checked against a stored secret (or none, for a public client). */
type PresentedSecret = Exclude<PresentedCredentials, PresentedAssertion>;

// How often `last_authenticated_at` is written for a busy client.
const LAST_AUTHENTICATED_RESOLUTION_SECONDS = 60;

// Compared against when the client does not exist, so that an unknown client costs the same time.
const UNKNOWN_CLIENT_DIGEST = digest('unknown client');

/**
 * Authenticates registered clients at a host app's token endpoint (RFC 6749 §2.3): HTTP Basic,
 * `client_secret_post`, a `private_key_jwt` client assertion (RFC 7523), or a public client's bare
 * `client_id`, checked against what the client registered. Every failed authentication is
 * `invalid_client` (RFC 6749 §5.2, RFC 7521 §4.2.1) with the same description, so a caller learns
 * nothing about which check failed; a malformed request (a repeated parameter, two methods at
 * once) is `invalid_request`.
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
  private readonly logger = new Logger('ClientAuthenticationService');

  constructor(
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
    private readonly assertions: ClientAssertionVerifier,
  ) {}

  /**
   * Returns the authenticated client and the method that authenticated it, or throws an
   * `OAuthError` (`invalid_client`, 401, or `invalid_request`, 400) that the module's
   * `DcrExceptionFilter` turns into the RFC 6749 §5.2 response.
   */
  async authenticate(request: ClientAuthenticationRequest): Promise<AuthenticatedClient> {
    const presented = parseClientCredentials(request.authorization, request.body);
    const client =
      presented.method === 'private_key_jwt'
        ? await this.findByAssertion(presented)
        : await this.findVerified(presented);
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
    const firstUse = client.firstAuthenticatedAt === null;
    if (firstUse || now.getTime() - last >= LAST_AUTHENTICATED_RESOLUTION_SECONDS * 1000) {
      await this.clients.recordAuthentication(
        client.clientId,
        now,
        LAST_AUTHENTICATED_RESOLUTION_SECONDS,
      );
    }
    this.events.publish('client.authenticated', client.clientId, 'client', {
      method: presented.method,
    });
    return {
      ...toRegisteredClient({
        ...client,
        lastAuthenticatedAt: now,
        firstAuthenticatedAt: client.firstAuthenticatedAt ?? now,
      }),
      authenticationMethod: presented.method,
    };
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
  private async findVerified(presented: PresentedSecret): Promise<DcrClientEntity | null> {
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

  /**
   * The client a JWT assertion authenticates (RFC 7523 §3), or `null`. An unknown client (or one
   * this module cannot have issued) is refused after the look-up, before any key is read or
   * fetched; as above, a client that fails on a replica is read again from the primary when the
   * registration there is another version. The `jti` is claimed last, once, for the verified
   * assertion.
   */
  private async findByAssertion(presented: PresentedAssertion): Promise<DcrClientEntity | null> {
    if (!isIssuedClientId(presented.clientId)) return null;
    const replica = await this.clients.findByIdOnReplica(presented.clientId);
    let verified = await this.verifyAssertion(replica, presented.assertion);
    if (!verified && this.clients.readsFromReplicas) {
      const primary = await this.clients.findById(presented.clientId);
      if (primary && primary.version !== replica?.version) {
        verified = await this.verifyAssertion(primary, presented.assertion);
      }
    }
    if (!verified) return null;
    if (!(await this.assertions.claimOnce(verified.client.clientId, verified.replayKey))) {
      this.logger.debug(`A replayed client assertion of ${verified.client.clientId} was refused`);
      return null;
    }
    return verified.client;
  }

  private async verifyAssertion(
    client: DcrClientEntity | null,
    assertion: string,
  ): Promise<{ client: DcrClientEntity; replayKey: AssertionReplayKey } | null> {
    if (!client) return null;
    try {
      return { client, replayKey: await this.assertions.verify(client, assertion) };
    } catch (error) {
      if (!(error instanceof ClientAssertionRefused)) throw error;
      // The reason helps whoever debugs a client; the client itself only gets invalid_client.
      this.logger.debug(`A client assertion of ${client.clientId} was refused: ${error.message}`);
      return null;
    }
  }
}

/**
 * Whether the presented credentials authenticate the client: the method it registered (no other),
 * an approved client (not one waiting for an operator's approval), a public client presents no
 * secret, and a secret matches the stored digest (in constant time) and has not expired.
 */
function verifies(
  client: DcrClientEntity | null,
  presented: PresentedSecret,
  now: Date,
): client is DcrClientEntity {
  // The secret is compared even when the client is unknown or the method is wrong, so that every
  // failure costs the same time.
  const secretMatches =
    presented.method === 'none' ||
    matchesDigest(presented.clientSecret, client?.clientSecretDigest ?? UNKNOWN_CLIENT_DIGEST);
  if (!client || client.metadata.token_endpoint_auth_method !== presented.method) return false;
  // A client registered under an approval rule works once an operator approved it.
  if (!isUsableClient(client)) return false;
  if (presented.method === 'none') return true;
  return secretMatches && client.clientSecretDigest !== null && !clientSecretExpired(client, now);
}
