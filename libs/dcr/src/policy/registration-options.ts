import { TOKEN_ENDPOINT_AUTH_METHODS } from '../metadata/client-metadata.js';
import type { ClientQuotaLimits } from './client-quotas.js';
import { DcrOptionProblem } from './option-problem.js';
import type { RegistrationRules, ResolvedRuleSet } from './registration-rules.js';
import { parseHostPattern, type HostPattern } from './trusted-redirect-hosts.js';

/**
 * Who may register (RFC 7591 §3):
 * - `open`: anyone; every registration is anonymous;
 * - `protected`: only with an initial access token (`Authorization: Bearer`);
 * - `mixed`: both; anonymous registrations get the anonymous rules, the others their token's.
 */
export type RegistrationMode = 'open' | 'protected' | 'mixed';

/** The registration policy options of `DcrModule` (its `registration` option). */
export interface DcrRegistrationOptions {
  /** Default `open`. */
  mode?: RegistrationMode;
  /** Rules for every registration. */
  rules?: RegistrationRules;
  /** Rules added for anonymous registrations (`open` and `mixed` modes). */
  anonymousRules?: RegistrationRules;
  /** Rules added for registrations with an initial access token, before the token's own policy. */
  initialAccessTokenRules?: RegistrationRules;
  /** Most clients this server holds. */
  maxClients?: number;
  /** Most clients registered with one initial access token that exist at once. */
  maxClientsPerInitialAccessToken?: number;
  /** Most clients with one `software_id`. */
  maxClientsPerSoftwareId?: number;
}

/** The registration options with defaults applied and every entry checked. */
export interface ResolvedRegistrationOptions {
  readonly mode: RegistrationMode;
  readonly rules: ResolvedRuleSet;
  readonly anonymousRules: ResolvedRuleSet;
  readonly initialAccessTokenRules: ResolvedRuleSet;
  readonly quotas: ClientQuotaLimits;
}

const MODES: readonly RegistrationMode[] = ['open', 'protected', 'mixed'];

// RFC 6749 §3.3 scope-token.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Checks the registration options; throws {@link DcrOptionProblem} naming the option. */
export function resolveRegistrationOptions(
  options: DcrRegistrationOptions = {},
): ResolvedRegistrationOptions {
  const mode = options.mode ?? 'open';
  if (!MODES.includes(mode)) {
    throw new DcrOptionProblem('registration.mode', `must be one of ${MODES.join(', ')}`);
  }
  return {
    mode,
    rules: resolveRuleSet(options.rules, 'module rules', 'registration.rules'),
    anonymousRules: resolveRuleSet(
      options.anonymousRules,
      'rules for anonymous registrations',
      'registration.anonymousRules',
    ),
    initialAccessTokenRules: resolveRuleSet(
      options.initialAccessTokenRules,
      'rules for initial access tokens',
      'registration.initialAccessTokenRules',
    ),
    quotas: {
      maxClients: limit(options.maxClients, 'registration.maxClients'),
      perInitialAccessToken: limit(
        options.maxClientsPerInitialAccessToken,
        'registration.maxClientsPerInitialAccessToken',
      ),
      perSoftwareId: limit(options.maxClientsPerSoftwareId, 'registration.maxClientsPerSoftwareId'),
    },
  };
}

/**
 * Checks one rule set (module options or an initial access token's policy) and parses its host
 * patterns; throws {@link DcrOptionProblem} naming `option` and the entry.
 */
export function resolveRuleSet(
  rules: RegistrationRules = {},
  origin: string,
  option: string,
): ResolvedRuleSet {
  const lifetime = rules.clientSecretLifetimeSeconds;
  if (lifetime !== undefined && (!Number.isSafeInteger(lifetime) || lifetime < 0)) {
    throw new DcrOptionProblem(
      `${option}.clientSecretLifetimeSeconds`,
      'must be a whole number of seconds, 0 or more',
    );
  }
  if (rules.approval !== undefined && rules.approval !== 'none' && rules.approval !== 'pending') {
    throw new DcrOptionProblem(`${option}.approval`, 'must be "none" or "pending"');
  }
  const methods: readonly string[] = TOKEN_ENDPOINT_AUTH_METHODS;
  return {
    origin,
    trustedRedirectHosts: rules.trustedRedirectHosts?.map((entry, index) =>
      hostPattern(entry, `${option}.trustedRedirectHosts[${index}]`),
    ),
    allowedGrantTypes: words(rules.allowedGrantTypes, `${option}.allowedGrantTypes`, (value) =>
      /^[\x21-\x7e]+$/.test(value),
    ),
    allowedTokenEndpointAuthMethods: words(
      rules.allowedTokenEndpointAuthMethods,
      `${option}.allowedTokenEndpointAuthMethods`,
      (value) => methods.includes(value),
    ),
    allowedScopes: words(rules.allowedScopes, `${option}.allowedScopes`, (value) =>
      SCOPE_TOKEN.test(value),
    ),
    requireSoftwareStatement: rules.requireSoftwareStatement === true,
    clientSecretLifetimeSeconds: lifetime,
    approval: rules.approval ?? 'none',
  };
}

function hostPattern(entry: unknown, option: string): HostPattern {
  if (typeof entry !== 'string') throw new DcrOptionProblem(option, 'must be a string');
  const pattern = parseHostPattern(entry);
  if (typeof pattern === 'string') throw new DcrOptionProblem(option, `is not valid: ${pattern}`);
  return pattern;
}

function words(
  values: readonly unknown[] | undefined,
  option: string,
  valid: (value: string) => boolean,
): string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw new DcrOptionProblem(option, 'must be an array');
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new DcrOptionProblem(`${option}[${index}]`, 'is not an accepted value');
    }
  });
  return [...new Set(values as string[])];
}

function limit(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DcrOptionProblem(option, 'must be a whole number, 0 or more');
  }
  return value;
}
