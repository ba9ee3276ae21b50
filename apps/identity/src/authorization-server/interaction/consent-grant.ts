import type { Grant, UnknownObject } from 'oidc-provider';

/**
 * Adds to `grant` what oidc-provider's consent prompt found missing (its `details`): OpenID
 * Connect scopes and claims, and the scopes of each requested resource (RFC 8707). What the person
 * approved is exactly what was asked, nothing more.
 */
export function grantMissing(grant: Grant, details: UnknownObject): void {
  const missingScope = details.missingOIDCScope as string[] | undefined;
  if (missingScope) grant.addOIDCScope(missingScope.join(' '));
  const missingClaims = details.missingOIDCClaims as string[] | undefined;
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  const missingResourceScopes = details.missingResourceScopes as
    Record<string, string[]> | undefined;
  for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
}
