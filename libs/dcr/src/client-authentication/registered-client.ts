import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { ClientApprovalStatus, DcrClientEntity } from '../persistence/dcr-client.entity.js';
import type { ClientAuthenticationMethod } from './supported-methods.js';

/** A registered client as host apps see it: its metadata and dates, never its credentials. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly metadata: ClientMetadata;
  readonly issuedAt: Date;
  readonly updatedAt: Date;
  /** When the client secret expires; `null` when there is no secret or it never expires. */
  readonly clientSecretExpiresAt: Date | null;
  readonly lastAuthenticatedAt: Date | null;
  /** When the client first authenticated; `null` while it never has. */
  readonly firstAuthenticatedAt: Date | null;
  /**
   * `pending` while the client waits for an operator's approval (it cannot authenticate until
   * then), e.g. for a consent screen or an operator's queue; `approved` otherwise.
   */
  readonly approvalStatus: ClientApprovalStatus;
  /** The id of the initial access token that registered the client; `null` if none did. */
  readonly initialAccessTokenId: string | null;
}

/** A client that {@link ClientAuthenticationService.authenticate} authenticated, and how. */
export interface AuthenticatedClient extends RegisteredClient {
  /**
   * The method that authenticated it: the one it registered (`none` for a public client, which
   * proved nothing but its client_id).
   */
  readonly authenticationMethod: ClientAuthenticationMethod;
}

/** A stored client as host apps see it, without its credentials. */
export function toRegisteredClient(client: DcrClientEntity): RegisteredClient {
  return {
    clientId: client.clientId,
    metadata: client.metadata,
    issuedAt: client.issuedAt,
    updatedAt: client.updatedAt,
    clientSecretExpiresAt: client.clientSecretExpiresAt,
    lastAuthenticatedAt: client.lastAuthenticatedAt,
    firstAuthenticatedAt: client.firstAuthenticatedAt,
    approvalStatus: client.approvalStatus,
    initialAccessTokenId: client.initialAccessTokenId,
  };
}
