import { Injectable } from '@nestjs/common';
import type { Grant } from 'oidc-provider';
import { OidcModelRepository } from '../persistence/oidc-model.repository.js';
import { ConsentRepository } from './consent.repository.js';
import type { IdentityConsentEntity } from './identity-consent.entity.js';
import {
  consentOfGrant,
  type RememberedConsent,
  type RememberedConsents,
} from './remembered-consent.js';

/**
 * A person's consents, remembered per client across sign-in sessions (OIDC Core §3.1.2.4), and
 * their revocation: revoking a consent also revokes the grants the person gave that client, so
 * that its refresh tokens and unused codes stop working at once (RFC 7009 §2.1 revokes a grant's
 * tokens together). Access tokens are JWTs (RFC 9068), not stored: they run out by their
 * lifetime (`ACCESS_TOKEN_TTL_SECONDS`).
 */
@Injectable()
export class ConsentService implements RememberedConsents {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly models: OidcModelRepository,
  ) {}

  async find(subject: string, clientId: string): Promise<RememberedConsent | undefined> {
    return (await this.consents.find(subject, clientId)) ?? undefined;
  }

  /** Remembers what the grant allows as its person's consent to its client. */
  async remember(grant: Grant): Promise<void> {
    const { accountId, clientId } = grant;
    if (!accountId || !clientId) return;
    const { scopes, resources } = consentOfGrant(grant);
    await this.consents.upsert({
      subject: accountId,
      clientId,
      scopes,
      resources: { ...resources },
      grantedAt: new Date(),
    });
  }

  /** The consents `subject` gave. */
  list(subject: string): Promise<IdentityConsentEntity[]> {
    return this.consents.listBySubject(subject);
  }

  /**
   * Revokes the consent `subject` gave `clientId` and that client's grants of the person.
   * Returns whether there was a consent or a grant.
   */
  async revoke(subject: string, clientId: string): Promise<boolean> {
    const consent = await this.consents.delete(subject, clientId);
    const grants = await this.models.deleteGrantsOf(clientId, subject);
    return consent || grants > 0;
  }

  /** Forgets every consent given to a deleted client (its grants go separately). */
  async forgetClient(clientId: string): Promise<void> {
    await this.consents.deleteByClientId(clientId);
  }
}
