import type { Grant } from 'oidc-provider';

/** What a remembered consent allows: as `IdentityConsentEntity` stores it. */
export interface RememberedConsent {
  /** OpenID Connect scope values, space-separated. */
  readonly scopes: string;
  /** Per resource indicator, its scope values, space-separated. */
  readonly resources: Readonly<Record<string, string>>;
}

/** Where node-oidc-provider's `loadExistingGrant` finds remembered consents. */
export interface RememberedConsents {
  /** The consent `subject` gave `clientId`, if any. */
  find(subject: string, clientId: string): Promise<RememberedConsent | undefined>;
}

/**
 * What a grant allows, to remember as the person's consent to its client: everything it holds,
 * so that a grant extended by a later consent is remembered whole.
 */
export function consentOfGrant(grant: Grant): RememberedConsent {
  const resources: Record<string, string> = {};
  for (const [resource, scope] of Object.entries(grant.resources ?? {})) {
    if (typeof scope === 'string' && scope !== '') resources[resource] = scope;
  }
  return { scopes: grant.openid?.scope ?? '', resources };
}

/**
 * Adds a remembered consent to a new grant (OIDC Core §3.1.2.4: the server may rely on a consent
 * given earlier). node-oidc-provider then asks for consent only for what the request wants
 * beyond it.
 */
export function applyConsent(grant: Grant, consent: RememberedConsent): void {
  if (consent.scopes !== '') grant.addOIDCScope(consent.scopes);
  for (const [resource, scope] of Object.entries(consent.resources)) {
    grant.addResourceScope(resource, scope);
  }
}
