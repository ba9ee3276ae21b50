import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/**
 * A client as an authorization server needs to know it: its identifier and validated metadata,
 * whether it authenticates with a secret and until when, and never the secret itself (only its
 * digest is stored).
 */
export interface ResolvedClient {
  /**
   * Where the client comes from: `registration` (this module's table, RFC 7591) or `cimd` (its
   * Client ID Metadata Document, whose URL is the `client_id`; see `ResolvedCimdClient`).
   */
  readonly source: 'registration' | 'cimd';
  readonly clientId: string;
  /** The registered metadata (RFC 7591 §2), defaults applied. */
  readonly metadata: ClientMetadata;
  /**
   * Whether the client holds a secret (`client_secret_basic` or `client_secret_post`); check a
   * presented one with `DcrClientResolver.verifyClientSecret`.
   */
  readonly hasSecret: boolean;
  /** When the secret expires; `null` when there is none or it never expires. */
  readonly clientSecretExpiresAt: Date | null;
  readonly issuedAt: Date;
  readonly updatedAt: Date;
}

/** The resolver's view of a stored registration: everything but the credentials. */
export function toResolvedClient(client: DcrClientEntity): ResolvedClient {
  return {
    source: 'registration',
    clientId: client.clientId,
    metadata: client.metadata,
    hasSecret: client.clientSecretDigest !== null,
    clientSecretExpiresAt: client.clientSecretExpiresAt,
    issuedAt: client.issuedAt,
    updatedAt: client.updatedAt,
  };
}
