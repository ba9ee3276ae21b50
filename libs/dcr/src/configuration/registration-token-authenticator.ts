import { Inject, Injectable } from '@nestjs/common';
import { isIssuedClientId } from '../credentials/client-id.js';
import { digest } from '../credentials/digest.js';
import { CREDENTIAL_BYTES, randomToken } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { invalidToken, missingToken } from '../errors/oauth-error.js';
import { DcrEvents } from '../events/dcr-events.js';
import type { BearerCredentials } from '../http/bearer-token.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { firstUseEndsRecovery, matchRegistrationToken } from './registration-token.js';

/** A client authenticated at its configuration endpoint (RFC 7592 §2) by its registration access token. */
export interface RegistrationCaller {
  readonly client: DcrClientEntity;
  readonly token: string;
  /** The current token, or a replaced one recovering a client that lost its new token. */
  readonly match: 'current' | 'recovery';
}

/**
 * Authenticates requests to the client configuration endpoint (RFC 7592 §2.1): every failure is the
 * same 401 `invalid_token`, whether the client exists or not, so a caller learns nothing about
 * which client identifiers exist. A request without credentials gets the RFC 6750 §3.1 challenge
 * without an error code.
 */
@Injectable()
export class RegistrationTokenAuthenticator {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
  ) {}

  /**
   * Authenticates `credentials` for the client `clientId`, reading the client from the primary.
   * The first use of a token that replaced another ends the replaced token's recovery window; the
   * reuse of a replaced token after that is reported (and, by option, revokes the client's
   * registration access tokens) and refused.
   */
  async authenticate(
    clientId: string,
    credentials: BearerCredentials,
  ): Promise<RegistrationCaller> {
    if (credentials === 'none') throw missingToken(this.options.issuer);
    // An identifier this module cannot have issued is an unknown client, answered before any query.
    if (credentials === 'malformed' || !isIssuedClientId(clientId)) throw invalidToken();
    const { token } = credentials;
    const client = await this.clients.findById(clientId);
    const now = currentSecond();
    const match = client
      ? matchRegistrationToken(client, token, now, this.options.tokenRotation.enabled)
      : undefined;
    if (!client || match === undefined) throw invalidToken();
    if (match === 'reused') {
      await this.reuseDetected(client.clientId, token, now);
      throw invalidToken();
    }
    if (match === 'current' && firstUseEndsRecovery(client)) {
      await this.clients.markRegistrationTokenUsed(clientId, client.registrationTokenDigest, now);
    }
    return { client, token, match };
  }

  /**
   * Authenticates again on the row a transaction has locked, since the token may have changed
   * since {@link authenticate} read it (a rotation, an operator's re-issue, a deletion).
   */
  authenticateLocked(client: DcrClientEntity | null, token: string, now: Date): RegistrationCaller {
    const match = client
      ? matchRegistrationToken(client, token, now, this.options.tokenRotation.enabled)
      : undefined;
    if (!client || (match !== 'current' && match !== 'recovery')) throw invalidToken();
    return { client, token, match };
  }

  private async reuseDetected(clientId: string, token: string, now: Date): Promise<void> {
    const revoked =
      this.options.tokenRotation.revokeOnReuse &&
      (await this.clients.transaction(async (clients) => {
        const client = await clients.findByIdForUpdate(clientId);
        // Revoke only if the state that showed the reuse is still there.
        if (!client || matchRegistrationToken(client, token, now, true) !== 'reused') return false;
        return clients.update({
          ...client,
          // A digest of a token nobody holds: every registration access token stops working
          // until an operator re-issues one.
          registrationTokenDigest: digest(randomToken(CREDENTIAL_BYTES)),
          registrationTokenUsedAt: null,
          previousRegistrationTokenDigest: null,
          previousRegistrationTokenExpiresAt: null,
          updatedAt: now,
          version: client.version + 1,
        });
      }));
    this.events.publish('client.registration_token_reused', clientId, 'client', {
      revoked: revoked === true,
    });
  }
}
