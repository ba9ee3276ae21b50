import {
  DcrOptionsError,
  resolveDcrOptions,
  type DcrModuleOptions,
  type RegistrationMode,
  type RegistrationRules,
  type TokenEndpointAuthMethod,
  type TrustedIssuerOptions,
} from '@agent-runtimes/dcr';
import type { EnvValues } from './parse-env.js';
import { ConfigError } from './parse-env.js';
import type { IDENTITY_ENV } from './identity-env.js';
import { loadIssuers } from './software-statement-issuers.js';

/** The registration policy of `apps/identity`, from its environment (issue 9). */
export interface RegistrationPolicyConfig {
  /** `REGISTRATION_MODE` */
  readonly mode: RegistrationMode;
  /** `SOFTWARE_STATEMENT_ISSUERS`, read (from its file, if it names one). */
  readonly softwareStatementIssuers: readonly TrustedIssuerOptions[];
  /** `REQUIRE_SOFTWARE_STATEMENT` */
  readonly requireSoftwareStatement: 'false' | 'true' | 'anonymous';
  /** `TRUSTED_REDIRECT_HOSTS` */
  readonly trustedRedirectHosts: readonly string[] | undefined;
  /** `ALLOWED_SCOPES` */
  readonly allowedScopes: readonly string[] | undefined;
  /** `ALLOWED_GRANT_TYPES` */
  readonly allowedGrantTypes: readonly string[] | undefined;
  /** `ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS` */
  readonly allowedTokenEndpointAuthMethods: readonly string[] | undefined;
  /** `MAX_CLIENTS` */
  readonly maxClients: number | undefined;
  /** `MAX_CLIENTS_PER_SOFTWARE_ID` */
  readonly maxClientsPerSoftwareId: number | undefined;
  /** `MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN` */
  readonly maxClientsPerInitialAccessToken: number | undefined;
  /** `REGISTRATION_APPROVAL` */
  readonly approval: 'none' | 'pending' | 'anonymous';
}

type Values = EnvValues<typeof IDENTITY_ENV>;

/** Which variable feeds each module option, to name it when the module refuses the value. */
const VARIABLE_OF_OPTION: readonly [RegExp, string][] = [
  [/^softwareStatementIssuers/, 'SOFTWARE_STATEMENT_ISSUERS'],
  [/\.trustedRedirectHosts/, 'TRUSTED_REDIRECT_HOSTS'],
  [/\.allowedScopes/, 'ALLOWED_SCOPES'],
  [/\.allowedGrantTypes/, 'ALLOWED_GRANT_TYPES'],
  [/\.allowedTokenEndpointAuthMethods/, 'ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS'],
];

/**
 * Reads the policy variables, and checks them the way `DcrModule` will at start-up, so that a bad
 * entry (a host pattern, an algorithm, a private key in a JWK Set) stops the app with one line
 * naming the variable rather than with a stack trace.
 */
export function registrationPolicyOf(values: Values, cwd: string): RegistrationPolicyConfig {
  const config: RegistrationPolicyConfig = {
    mode: values.REGISTRATION_MODE,
    softwareStatementIssuers: loadIssuers(
      values.SOFTWARE_STATEMENT_ISSUERS,
      'SOFTWARE_STATEMENT_ISSUERS',
      cwd,
    ),
    requireSoftwareStatement: values.REQUIRE_SOFTWARE_STATEMENT,
    trustedRedirectHosts: values.TRUSTED_REDIRECT_HOSTS,
    allowedScopes: values.ALLOWED_SCOPES,
    allowedGrantTypes: values.ALLOWED_GRANT_TYPES,
    allowedTokenEndpointAuthMethods: values.ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS,
    maxClients: values.MAX_CLIENTS,
    maxClientsPerSoftwareId: values.MAX_CLIENTS_PER_SOFTWARE_ID,
    maxClientsPerInitialAccessToken: values.MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN,
    approval: values.REGISTRATION_APPROVAL,
  };
  try {
    resolveDcrOptions({ issuer: 'https://issuer.invalid', ...dcrPolicyOptions(config) });
  } catch (error) {
    if (!(error instanceof DcrOptionsError)) throw error;
    const [, option = '', problem = error.message] =
      /^DcrModule option "([^"]*)" (.*)$/s.exec(error.message) ?? [];
    const variable = VARIABLE_OF_OPTION.find(([pattern]) => pattern.test(option))?.[1];
    if (!variable) throw error;
    // `softwareStatementIssuers[0].jwksUri` → `[0].jwks_uri` (as the JSON writes it); entries of
    // a list variable by position.
    const where = option
      .replace(/^softwareStatementIssuers/, '')
      .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
      .replace(/^.*\[(\d+)\]$/, 'entry $1');
    throw ConfigError.of(variable, `${where ? `${where}: ` : ''}${problem}`);
  }
  return config;
}

/** The `DcrModule` options of the policy. */
export function dcrPolicyOptions(
  config: RegistrationPolicyConfig,
): Pick<DcrModuleOptions, 'registration' | 'softwareStatementIssuers'> {
  const rules: RegistrationRules = {
    ...(config.trustedRedirectHosts
      ? { trustedRedirectHosts: [...config.trustedRedirectHosts] }
      : {}),
    ...(config.allowedScopes ? { allowedScopes: [...config.allowedScopes] } : {}),
    ...(config.allowedGrantTypes ? { allowedGrantTypes: [...config.allowedGrantTypes] } : {}),
    ...(config.allowedTokenEndpointAuthMethods
      ? {
          allowedTokenEndpointAuthMethods: [
            ...config.allowedTokenEndpointAuthMethods,
          ] as TokenEndpointAuthMethod[],
        }
      : {}),
    requireSoftwareStatement: config.requireSoftwareStatement === 'true',
    approval: config.approval === 'pending' ? 'pending' : 'none',
  };
  return {
    registration: {
      mode: config.mode,
      rules,
      anonymousRules: {
        requireSoftwareStatement: config.requireSoftwareStatement === 'anonymous',
        approval: config.approval === 'anonymous' ? 'pending' : 'none',
      },
      maxClients: config.maxClients,
      maxClientsPerSoftwareId: config.maxClientsPerSoftwareId,
      maxClientsPerInitialAccessToken: config.maxClientsPerInitialAccessToken,
    },
    softwareStatementIssuers: [...config.softwareStatementIssuers],
  };
}
