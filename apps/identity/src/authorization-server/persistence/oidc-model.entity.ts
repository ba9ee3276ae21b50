import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One stored model of node-oidc-provider (authorization code, refresh token, grant, session,
 * interaction, replay detection entry...), one row of `identity_oidc_model`. Every model's
 * identifier that is a bearer value (codes, tokens, session and interaction ids) is stored only as
 * its SHA-256 digest, and the payload never holds it (see `stored-model.ts`). The table is created
 * by the app's migrations, never by `synchronize`.
 */
@Entity({ name: 'identity_oidc_model' })
export class OidcModelEntity {
  /** The model's identifier: its SHA-256 digest (base64url), or the grant id for a grant. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** oidc-provider's model name: `AuthorizationCode`, `RefreshToken`, `Grant`, `Session`, ... */
  @Column({ type: 'text' })
  kind!: string;

  /** The model's payload as oidc-provider stores it, without the identifier. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The grant the model belongs to (a grant's own id for a grant), to revoke a grant at once. */
  @Index('identity_oidc_model_grant_id_idx')
  @Column({ name: 'grant_id', type: 'text', nullable: true })
  grantId!: string | null;

  /** A session's fixed internal identifier (`Session.findByUid`). */
  @Index('identity_oidc_model_uid_idx')
  @Column({ type: 'text', nullable: true })
  uid!: string | null;

  /** SHA-256 of a device flow user code (`DeviceCode.findByUserCode`). */
  @Index('identity_oidc_model_user_code_idx')
  @Column({ name: 'user_code', type: 'text', nullable: true })
  userCode!: string | null;

  /** The client the model belongs to, to revoke everything of a deleted client at once. */
  @Index('identity_oidc_model_client_id_idx')
  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId!: string | null;

  /** When the model expires; rows are deleted some time after. `null`: never. */
  @Index('identity_oidc_model_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** When a single-use model (code, rotated refresh token) was consumed; `null`: not yet. */
  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}
