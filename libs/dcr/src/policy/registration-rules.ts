import type { TokenEndpointAuthMethod } from '../metadata/client-metadata.js';
import type { HostPattern } from './trusted-redirect-hosts.js';

/** Whether a client registered under a rule set needs an operator's approval before it works. */
export type ApprovalRule = 'none' | 'pending';

/**
 * A set of registration rules, each optional (module options, camelCase). A registration passes
 * every set that applies to it: the module's `rules`, then the anonymous or the initial access
 * token set, then the token's own bound policy.
 */
export interface RegistrationRules {
  /**
   * Hosts the redirect URIs may use: `app.example.com`, `*.example.com` (any subdomain, not the
   * domain itself), `127.0.0.1`, `[::1]`, `localhost`, or `com.example.app:` for a private-use
   * scheme. Matched on the parsed host, never as a substring.
   */
  trustedRedirectHosts?: string[];
  /** Grant types clients may register (defaults included). */
  allowedGrantTypes?: string[];
  /** Token endpoint authentication methods clients may register (the default included). */
  allowedTokenEndpointAuthMethods?: TokenEndpointAuthMethod[];
  /** Scope values clients may register. */
  allowedScopes?: string[];
  /** Registrations must carry a software statement from a trusted issuer. */
  requireSoftwareStatement?: boolean;
  /** Lifetime of the secrets of clients registered under this set (the shortest set wins). */
  clientSecretLifetimeSeconds?: number;
  /** `pending`: the client cannot authenticate until an operator approves it. */
  approval?: ApprovalRule;
}

/** A rule set with its entries parsed and checked, and where it comes from (for descriptions). */
export interface ResolvedRuleSet {
  /** Where the set comes from, e.g. `module rules`, `initial access token policy`. */
  readonly origin: string;
  readonly trustedRedirectHosts?: readonly HostPattern[];
  readonly allowedGrantTypes?: readonly string[];
  readonly allowedTokenEndpointAuthMethods?: readonly string[];
  readonly allowedScopes?: readonly string[];
  readonly requireSoftwareStatement: boolean;
  readonly clientSecretLifetimeSeconds?: number;
  readonly approval: ApprovalRule;
}

/** A set without any rule. */
export function emptyRuleSet(origin: string): ResolvedRuleSet {
  return { origin, requireSoftwareStatement: false, approval: 'none' };
}
