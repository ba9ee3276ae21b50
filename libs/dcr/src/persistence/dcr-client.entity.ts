import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClientMetadata } from '../metadata/client-metadata.js';

/**
 * Whether a client may authenticate: `pending` clients were registered under a rule that needs an
 * operator's approval first (`POST {adminPath}/clients/{client_id}/approval`).
 */
export type ClientApprovalStatus = 'approved' | 'pending';

/**
 * A registered client, one row of `dcr_client`. Credentials are kept only as SHA-256 digests; the
 * table is created and changed by the migrations in `DCR_MIGRATIONS`, never by `synchronize`.
 */
@Entity({ name: 'dcr_client' })
export class DcrClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** Validated metadata with defaults applied (RFC 7591 §2), language-tagged variants included. */
  @Column({ type: 'jsonb' })
  metadata!: ClientMetadata;

  /** SHA-256 of the client secret; `null` for clients without one. */
  @Column({ name: 'client_secret_digest', type: 'bytea', nullable: true })
  clientSecretDigest!: Buffer | null;

  /** When the secret expires; `null` while there is no secret or it never expires. */
  @Column({ name: 'client_secret_expires_at', type: 'timestamptz', nullable: true })
  clientSecretExpiresAt!: Date | null;

  /** SHA-256 of the registration access token (RFC 7592 §3). */
  @Index('dcr_client_registration_token_digest_key', { unique: true })
  @Column({ name: 'registration_token_digest', type: 'bytea' })
  registrationTokenDigest!: Buffer;

  /**
   * When the current registration access token was first presented; `null` while it never was.
   * Once it has been used, the token it replaced is dead, and presenting that one again is a reuse
   * signal (RFC 9700 §4.14.2, applied to registration access tokens).
   */
  @Column({ name: 'registration_token_used_at', type: 'timestamptz', nullable: true })
  registrationTokenUsedAt!: Date | null;

  /**
   * SHA-256 of the token replaced by the last rotation. While the current token was never used, it
   * may recover the client until `previousRegistrationTokenExpiresAt` (the client lost the response
   * carrying the new token); afterwards it is kept only to recognise its reuse.
   */
  @Column({ name: 'previous_registration_token_digest', type: 'bytea', nullable: true })
  previousRegistrationTokenDigest!: Buffer | null;

  @Column({ name: 'previous_registration_token_expires_at', type: 'timestamptz', nullable: true })
  previousRegistrationTokenExpiresAt!: Date | null;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Incremented by every change of the registration. */
  @Column({ type: 'integer' })
  version!: number;

  /**
   * When the client last authenticated at the token endpoint (through `ClientAuthenticationService`),
   * to at most a minute's precision; `null` if never. Lets operators find and reap unused clients.
   */
  @Column({ name: 'last_authenticated_at', type: 'timestamptz', nullable: true })
  lastAuthenticatedAt!: Date | null;

  /**
   * When the client first authenticated (through `ClientAuthenticationService`); `null` while it
   * never has. Written once, by a conditional update, so the reaper can tell clients that were
   * never used from idle ones.
   */
  @Column({ name: 'first_authenticated_at', type: 'timestamptz', nullable: true })
  firstAuthenticatedAt!: Date | null;

  /**
   * The id of the initial access token that registered the client (RFC 7591 §3), never its value;
   * `null` for an anonymous registration.
   */
  @Column({ name: 'initial_access_token_id', type: 'text', nullable: true })
  initialAccessTokenId!: string | null;

  /** `pending` until an operator approves a client registered under an approval rule. */
  @Column({ name: 'approval_status', type: 'text' })
  approvalStatus!: ClientApprovalStatus;
}
