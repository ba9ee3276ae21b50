import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a stored key is for. */
export type KeyUse = 'sig' | 'cookie';

/**
 * A key of the authorization server, one row of `identity_key`: a signing key (its public JWK in
 * the clear, for the JWKS) or a cookie-signing key. The private part is stored only encrypted
 * (AES-256-GCM under the key-encryption key, see `key-encryption.ts`).
 *
 * A key is active until it is retired by a rotation; a retired key is still published (and still
 * verifies) until `expiresAt`, then it is deleted.
 */
@Entity({ name: 'identity_key' })
export class IdentityKeyEntity {
  /** The key id: the RFC 7638 thumbprint of a signing key, a random id for a cookie key. */
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ type: 'text' })
  use!: KeyUse;

  /** The JWS algorithm of a signing key (`RS256`, `ES256`); `null` for a cookie key. */
  @Column({ type: 'text', nullable: true })
  alg!: string | null;

  /** The public JWK of a signing key; `null` for a cookie key. */
  @Column({ name: 'public_jwk', type: 'jsonb', nullable: true })
  publicJwk!: Record<string, unknown> | null;

  /** The private JWK (signing key) or the secret bytes (cookie key), encrypted. */
  @Column({ name: 'encrypted_private_key', type: 'bytea' })
  encryptedPrivateKey!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When a rotation replaced the key; `null` while it is the active one. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** When a retired key stops being published; `null` while it is active. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
