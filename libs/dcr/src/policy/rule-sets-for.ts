import type { Registrant } from '../initial-access/registrant.js';
import type { ResolvedRegistrationOptions } from './registration-options.js';
import type { ResolvedRuleSet } from './registration-rules.js';

/**
 * The rule sets a registrant's registration passes, in order: the module's rules for every
 * registration, then the anonymous rules or the initial access token rules, then the rules bound
 * to the token itself. Pure.
 */
export function ruleSetsFor(
  registrant: Registrant,
  options: ResolvedRegistrationOptions,
): ResolvedRuleSet[] {
  return registrant.kind === 'anonymous'
    ? [options.rules, options.anonymousRules]
    : [options.rules, options.initialAccessTokenRules, registrant.rules];
}
