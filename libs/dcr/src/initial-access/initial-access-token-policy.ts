import { OAuthError } from '../errors/oauth-error.js';
import { DcrOptionProblem } from '../policy/option-problem.js';
import { jsonPointer } from '../policy/policy-refusal.js';
import { resolveRuleSet } from '../policy/registration-options.js';
import type { RegistrationRules, ResolvedRuleSet } from '../policy/registration-rules.js';

/**
 * The policy bound to an initial access token, as the admin API takes and shows it and as it is
 * stored: rules applied to every client the token registers, on top of the module's. Member
 * names are the rules' names, which refusals answer as their `policy` member.
 */
export interface InitialAccessTokenPolicy {
  trusted_redirect_hosts?: string[];
  allowed_grant_types?: string[];
  allowed_token_endpoint_auth_methods?: string[];
  allowed_scopes?: string[];
  require_software_statement?: boolean;
}

/** Each member of the bound policy and the rule it sets. */
const MEMBERS = {
  trusted_redirect_hosts: 'trustedRedirectHosts',
  allowed_grant_types: 'allowedGrantTypes',
  allowed_token_endpoint_auth_methods: 'allowedTokenEndpointAuthMethods',
  allowed_scopes: 'allowedScopes',
  require_software_statement: 'requireSoftwareStatement',
} as const satisfies Record<keyof InitialAccessTokenPolicy, keyof RegistrationRules>;

const ORIGIN = 'initial access token policy';

/**
 * Checks the `policy` member of a request to mint a token: an object of the members above, each
 * checked like the module option it mirrors. Throws `invalid_request` naming the member (as a
 * JSON pointer in `field`) for anything else, so that a typo never mints a token without the rule.
 */
export function parseInitialAccessTokenPolicy(value: unknown): InitialAccessTokenPolicy | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidPolicy(jsonPointer('policy'), 'policy: must be a JSON object');
  }
  const policy: Record<string, unknown> = {};
  for (const [member, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!Object.hasOwn(MEMBERS, member)) {
      throw invalidPolicy(
        jsonPointer('policy', member),
        `policy.${member}: unknown rule (known: ${Object.keys(MEMBERS).join(', ')})`,
      );
    }
    if (entry === undefined || entry === null) continue;
    checkMember(member as keyof InitialAccessTokenPolicy, entry);
    policy[member] = Array.isArray(entry) ? [...new Set(entry as string[])] : entry;
  }
  return policy;
}

function checkMember(member: keyof InitialAccessTokenPolicy, entry: unknown): void {
  const rule = MEMBERS[member];
  if (rule === 'requireSoftwareStatement' ? typeof entry !== 'boolean' : !isStringArray(entry)) {
    throw invalidPolicy(
      jsonPointer('policy', member),
      `policy.${member}: must be ${rule === 'requireSoftwareStatement' ? 'true or false' : 'an array of strings'}`,
    );
  }
  try {
    resolveRuleSet({ [rule]: entry }, ORIGIN, member);
  } catch (error) {
    if (!(error instanceof DcrOptionProblem)) throw error;
    const index = /\[(\d+)\]/.exec(error.option)?.[1];
    const field =
      index === undefined
        ? jsonPointer('policy', member)
        : jsonPointer('policy', member, Number(index));
    throw invalidPolicy(
      field,
      `policy.${member}${index === undefined ? '' : `[${index}]`}: ${error.problem}`,
    );
  }
}

/** The rule set of a stored policy (checked when the token was minted). */
export function initialAccessTokenRuleSet(
  policy: InitialAccessTokenPolicy | null,
): ResolvedRuleSet {
  const rules: RegistrationRules = {};
  for (const [member, rule] of Object.entries(MEMBERS)) {
    const entry = policy?.[member as keyof InitialAccessTokenPolicy];
    if (entry !== undefined) Object.assign(rules, { [rule]: entry });
  }
  return resolveRuleSet(rules, ORIGIN, 'policy');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function invalidPolicy(field: string, description: string): OAuthError {
  return new OAuthError('invalid_request', description, 400, {}, { field });
}
