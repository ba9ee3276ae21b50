import { Inject, Injectable } from '@nestjs/common';
import { isIssuedClientId } from '../credentials/client-id.js';
import { digest } from '../credentials/digest.js';
import { CREDENTIAL_BYTES, randomToken } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { OAuthError } from '../errors/oauth-error.js';
import { DcrEvents } from '../events/dcr-events.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { parseInitialAccessTokenRequest } from '../initial-access/initial-access-token-request.js';
import type {
  InitialAccessTokenView,
  MintedInitialAccessToken,
} from '../initial-access/initial-access-token-view.js';
import { InitialAccessTokens } from '../initial-access/initial-access-tokens.service.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';

/** A registration access token issued by an operator, shown once. */
export interface ReissuedRegistrationToken {
  client_id: string;
  registration_access_token: string;
  registration_client_uri: string;
}

/**
 * Operator actions, for host apps' own tooling, the CLI and the admin API: recover a client that
 * lost its registration access token, revoke a client now, approve a client waiting for approval,
 * and mint, list and revoke initial access tokens (RFC 7591 §3).
 */
@Injectable()
export class DcrAdminService {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
    private readonly initialAccessTokens: InitialAccessTokens,
  ) {}

  /**
   * Issues a new registration access token for a client that lost its own. Every earlier token,
   * including one in a rotation grace period, stops working at once: a lost token may be in the
   * wrong hands. Only the new token's digest is stored.
   */
  async reissueRegistrationToken(clientId: string): Promise<ReissuedRegistrationToken> {
    if (!isIssuedClientId(clientId)) throw unknownClient();
    const reissued = await this.clients.transaction(async (clients) => {
      const client = await clients.findByIdForUpdate(clientId);
      if (!client) throw unknownClient();
      const token = randomToken(CREDENTIAL_BYTES);
      await clients.update({
        ...client,
        registrationTokenDigest: digest(token),
        registrationTokenUsedAt: null,
        previousRegistrationTokenDigest: null,
        previousRegistrationTokenExpiresAt: null,
        updatedAt: currentSecond(),
        version: client.version + 1,
      });
      return {
        client_id: clientId,
        registration_access_token: token,
        registration_client_uri: `${this.options.registrationEndpoint}/${clientId}`,
      };
    });
    this.events.publish('client.updated', clientId, 'operator');
    return reissued;
  }

  /** Deletes a client: its id, secret and tokens stop working at once. */
  async deleteClient(clientId: string): Promise<void> {
    if (!isIssuedClientId(clientId) || !(await this.clients.delete(clientId))) {
      throw unknownClient();
    }
    this.events.publish('client.deleted', clientId, 'operator');
  }

  /**
   * Approves a client registered under an approval rule: from now on it can authenticate. A
   * `client.approved` event is published when it was waiting; approving it again changes nothing.
   */
  async approveClient(clientId: string): Promise<void> {
    if (!isIssuedClientId(clientId)) throw unknownClient();
    if (await this.clients.approve(clientId, currentSecond())) {
      this.events.publish('client.approved', clientId, 'operator');
      return;
    }
    if (!(await this.clients.findById(clientId))) throw unknownClient();
  }

  /**
   * Mints an initial access token from `{"expires_in", "max_uses", "label"?, "policy"?}` (checked
   * like the admin API's body: `invalid_request` naming the member). The value is returned this
   * once; only its digest is stored.
   */
  async createInitialAccessToken(request: unknown): Promise<MintedInitialAccessToken> {
    return this.initialAccessTokens.mint(parseInitialAccessTokenRequest(request));
  }

  /** Every initial access token, newest first, without their values. */
  listInitialAccessTokens(): Promise<InitialAccessTokenView[]> {
    return this.initialAccessTokens.list();
  }

  /** Revokes an initial access token: it registers no more clients (404 for an unknown id). */
  revokeInitialAccessToken(id: string): Promise<void> {
    return this.initialAccessTokens.revoke(id);
  }
}

// The operator is authenticated, so an unknown client may be told apart from a bad credential.
function unknownClient(): OAuthError {
  return new OAuthError('invalid_request', 'no client is registered with this client_id', 404);
}
