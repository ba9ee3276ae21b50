import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the upstream OpenID Connect provider said about a person at their last sign-in, one row of
 * `identity_account`: released in ID tokens for the `email` and `profile` scopes (OIDC Core §5.4).
 */
@Entity({ name: 'identity_account' })
export class IdentityAccountEntity {
  /** The person: the upstream `sub`, which is the `sub` here too. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  /** The upstream `email` claim; `null` when it sent none. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The upstream `name` claim; `null` when it sent none. */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
