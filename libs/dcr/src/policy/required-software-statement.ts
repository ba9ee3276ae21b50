import { jsonPointer, type PolicyRefusal } from './policy-refusal.js';

/** The rule's name, answered as the `policy` member of its refusal. */
export const REQUIRE_SOFTWARE_STATEMENT = 'require_software_statement';

/**
 * Refuses a registration without a software statement (RFC 7591 §2.3) where the policy requires
 * one: the server then only registers software that a trusted issuer vouches for.
 */
export function checkSoftwareStatementPresent(presented: boolean): PolicyRefusal | undefined {
  if (presented) return undefined;
  return {
    error: 'invalid_software_statement',
    policy: REQUIRE_SOFTWARE_STATEMENT,
    field: jsonPointer('software_statement'),
    reason: 'a software statement from a trusted issuer is required (RFC 7591 §2.3)',
  };
}
