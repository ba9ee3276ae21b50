import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClientMetadata } from '../metadata/client-metadata.js';

/**
 * One Client ID Metadata Document URL in the cache shared by every instance, one row of
 * `dcr_cimd_document`: the validated metadata of the document while it is fresh, and the claim
 * (a lease) of the instance fetching it. Errors are never stored (draft §5.2). Created by the
 * migrations in `DCR_MIGRATIONS`.
 */
@Entity({ name: 'dcr_cimd_document' })
export class DcrCimdDocumentEntity {
  /** The `client_id`, exactly as the client sent it (never normalized). */
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** The client's metadata as validated from the document; `null` while a first fetch runs. */
  @Column({ type: 'jsonb', nullable: true })
  metadata!: ClientMetadata | null;

  /**
   * Digest of the server policy the metadata was validated under: a row validated under another
   * policy (an operator changed the supported grant types, say) is stale.
   */
  @Column({ name: 'policy_digest', type: 'text', nullable: true })
  policyDigest!: string | null;

  /** When the document was fetched; `null` with the metadata. */
  @Column({ name: 'fetched_at', type: 'timestamptz', nullable: true })
  fetchedAt!: Date | null;

  /** Until when the metadata may be used (its freshness lifetime); after that, it is refetched. */
  @Index('dcr_cimd_document_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Identifies the fetch under way, so that only its owner stores or releases the row. */
  @Column({ name: 'fetch_lease_id', type: 'text', nullable: true })
  fetchLeaseId!: string | null;

  /** When the fetch under way is given up, should its instance die: others may then fetch. */
  @Column({ name: 'fetch_lease_expires_at', type: 'timestamptz', nullable: true })
  fetchLeaseExpiresAt!: Date | null;
}
