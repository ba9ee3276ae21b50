import type { ClientMetadata } from '../metadata/client-metadata.js';
import {
  checkAllowedAuthMethod,
  checkAllowedGrantTypes,
  checkAllowedScopes,
} from './allowed-values.js';
import type { PolicyRefusal } from './policy-refusal.js';
import type { ApprovalRule, ResolvedRuleSet } from './registration-rules.js';
import { checkSoftwareStatementPresent } from './required-software-statement.js';
import { checkTrustedRedirectHosts } from './trusted-redirect-hosts.js';

/**
 * Checks validated metadata against every rule of every set, in order, and returns the first
 * refusal (its reason says which set the rule comes from), or `undefined` when all pass. Pure.
 *
 * @param statementPresented whether a verified software statement came with the request
 */
export function checkRuleSets(
  metadata: ClientMetadata,
  statementPresented: boolean,
  sets: readonly ResolvedRuleSet[],
): PolicyRefusal | undefined {
  for (const set of sets) {
    const refusal = checkRuleSet(metadata, statementPresented, set);
    if (refusal) return { ...refusal, reason: `${refusal.reason}; a rule of the ${set.origin}` };
  }
  return undefined;
}

function checkRuleSet(
  metadata: ClientMetadata,
  statementPresented: boolean,
  set: ResolvedRuleSet,
): PolicyRefusal | undefined {
  return (
    (set.requireSoftwareStatement
      ? checkSoftwareStatementPresent(statementPresented)
      : undefined) ??
    (set.trustedRedirectHosts
      ? checkTrustedRedirectHosts(metadata.redirect_uris, set.trustedRedirectHosts)
      : undefined) ??
    (set.allowedGrantTypes
      ? checkAllowedGrantTypes(metadata.grant_types, set.allowedGrantTypes)
      : undefined) ??
    (set.allowedTokenEndpointAuthMethods
      ? checkAllowedAuthMethod(
          metadata.token_endpoint_auth_method,
          set.allowedTokenEndpointAuthMethods,
        )
      : undefined) ??
    (set.allowedScopes ? checkAllowedScopes(metadata.scope, set.allowedScopes) : undefined)
  );
}

/**
 * The lifetime of a new client secret: the shortest positive lifetime among the module's default
 * and the sets' own (`0` means "never expires", so it never shortens another). Pure.
 */
export function secretLifetimeSeconds(
  moduleDefault: number,
  sets: readonly ResolvedRuleSet[],
): number {
  const lifetimes = [moduleDefault, ...sets.map((set) => set.clientSecretLifetimeSeconds ?? 0)];
  const positive = lifetimes.filter((seconds) => seconds > 0);
  return positive.length === 0 ? 0 : Math.min(...positive);
}

/** `pending` when any set asks for an operator's approval. Pure. */
export function approvalRule(sets: readonly ResolvedRuleSet[]): ApprovalRule {
  return sets.some((set) => set.approval === 'pending') ? 'pending' : 'none';
}
