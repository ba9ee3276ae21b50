import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

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
}

export function toRegisteredClient(client: DcrClientEntity): RegisteredClient {
  return {
    clientId: client.clientId,
    metadata: client.metadata,
    issuedAt: client.issuedAt,
    updatedAt: client.updatedAt,
    clientSecretExpiresAt: client.clientSecretExpiresAt,
    lastAuthenticatedAt: client.lastAuthenticatedAt,
    firstAuthenticatedAt: client.firstAuthenticatedAt,
  };
}
