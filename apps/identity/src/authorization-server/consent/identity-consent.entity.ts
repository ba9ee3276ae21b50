import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person's remembered consent to one client, one row of `identity_consent`: what the person
 * allowed the client (OpenID Connect scope values, and scope values per resource), kept across
 * sign-in sessions until an operator revokes it or the client is deleted.
 */
@Entity({ name: 'identity_consent' })
export class IdentityConsentEntity {
  /** The person: the `sub` of the tokens. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** The OpenID Connect scope values allowed (`openid offline_access`), space-separated. */
  @Column({ type: 'text' })
  scopes!: string;

  /** Per resource indicator (RFC 8707), the scope values allowed for it, space-separated. */
  @Column({ type: 'jsonb' })
  resources!: Record<string, string>;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;
}
