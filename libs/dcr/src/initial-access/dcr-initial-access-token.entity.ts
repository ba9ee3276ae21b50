import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InitialAccessTokenPolicy } from './initial-access-token-policy.js';

/**
 * An initial access token (RFC 7591 §3), one row of `dcr_initial_access_token`: the credential
 * that lets a caller register clients when registration is protected. The token itself is kept
 * only as its SHA-256 digest; rows are never deleted by the module (a revoked token stays, so the
 * clients it registered still name it).
 */
@Entity({ name: 'dcr_initial_access_token' })
export class DcrInitialAccessTokenEntity {
  /** Identifier shown to operators and recorded on the clients it registers (not a credential). */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** SHA-256 of the token. */
  @Index('dcr_initial_access_token_digest_key', { unique: true })
  @Column({ name: 'token_digest', type: 'bytea' })
  tokenDigest!: Buffer;

  /** The operator's note, e.g. what the token was minted for. */
  @Column({ type: 'text', nullable: true })
  label!: string | null;

  /** Rules applied to every client the token registers; `null` for none. */
  @Column({ type: 'jsonb', nullable: true })
  policy!: InitialAccessTokenPolicy | null;

  @Column({ name: 'max_uses', type: 'integer' })
  maxUses!: number;

  /** Registrations left; decremented in the transaction that inserts each client. */
  @Column({ name: 'remaining_uses', type: 'integer' })
  remainingUses!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When an operator revoked the token; `null` while it is not revoked. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
