import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A `private_key_jwt` client assertion that was accepted, one row of `dcr_client_assertion_jti`:
 * RFC 7523 §3 lets the server accept each `jti` once, and the table remembers it until the
 * assertion expires, so that a replay is refused on every app instance. Only a digest of the `jti`
 * is kept (it is chosen by the client, of any length). Created by the migrations in
 * `DCR_MIGRATIONS`.
 */
@Entity({ name: 'dcr_client_assertion_jti' })
export class DcrClientAssertionJtiEntity {
  /** The client the assertion authenticated: a `jti` is unique per issuer (RFC 7519 §4.1.7). */
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** SHA-256 of the assertion's `jti`. */
  @PrimaryColumn({ name: 'jti_digest', type: 'bytea' })
  jtiDigest!: Buffer;

  /**
   * When the row may go: the assertion's `exp` plus the clock tolerance, after which the assertion
   * is refused as expired anyway.
   */
  @Index('dcr_client_assertion_jti_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
