import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { ClientApprovalStatus, DcrClientEntity } from '../persistence/dcr-client.entity.js';

/** A registered client as host apps see it: its metadata and dates, never its credentials. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly metadata: ClientMetadata;
  readonly issuedAt: Date;
  readonly updatedAt: Date;
  /** When the client secret expires; `null` when there is no secret or it never expires. */
  readonly clientSecretExpiresAt: Date | null;
  readonly lastAuthenticatedAt: Date | null;
  /**
   * `pending` while the client waits for an operator's approval (it cannot authenticate until
   * then), e.g. for a consent screen or an operator's queue; `approved` otherwise.
   */
  readonly approvalStatus: ClientApprovalStatus;
  /** The id of the initial access token that registered the client; `null` if none did. */
  readonly initialAccessTokenId: string | null;
}

/** A stored client as host apps see it. */
export function toRegisteredClient(client: DcrClientEntity): RegisteredClient {
  return {
    clientId: client.clientId,
    metadata: client.metadata,
    issuedAt: client.issuedAt,
    updatedAt: client.updatedAt,
    clientSecretExpiresAt: client.clientSecretExpiresAt,
    lastAuthenticatedAt: client.lastAuthenticatedAt,
    approvalStatus: client.approvalStatus,
    initialAccessTokenId: client.initialAccessTokenId,
  };
}
