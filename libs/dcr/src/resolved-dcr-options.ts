import { digest } from './credentials/digest.js';
import {
  DEFAULT_GRANT_TYPES,
  DEFAULT_REGISTRATION_PATH,
  DEFAULT_REGISTRATION_TOKEN_GRACE_SECONDS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  DEFAULT_TOKEN_ENDPOINT_AUTH_METHODS,
  type DcrModuleOptions,
} from './dcr-module-options.js';
import { TOKEN_ENDPOINT_AUTH_METHODS } from './metadata/client-metadata.js';
import { responseTypesFor } from './metadata/grant-and-response-types.js';
import type { MetadataPolicy } from './metadata/metadata-policy.js';
import { isLoopbackHost, parseAbsoluteUri } from './metadata/uris.js';
import {
  OutboundFetcherOptionsError,
  resolveOutboundFetcherOptions,
  type OutboundFetchSettings,
} from './outbound/outbound-fetcher-options.js';
import { DcrOptionProblem } from './policy/option-problem.js';
import {
  resolveRegistrationOptions,
  type ResolvedRegistrationOptions,
} from './policy/registration-options.js';
import {
  resolveTrustedIssuers,
  type ResolvedTrustedIssuer,
} from './software-statement/trusted-issuers.js';

/** Injection token of the {@link ResolvedDcrOptions} of a `DcrModule` instance. */
export const DCR_OPTIONS = Symbol('DCR_OPTIONS');

/** The module options with defaults applied and checked once, at start-up. */
export interface ResolvedDcrOptions {
  readonly issuer: string;
  /** Route path of the registration endpoint, without leading or trailing slashes. */
  readonly path: string;
  readonly registrationEndpoint: string;
  readonly clientSecretLifetimeSeconds: number;
  readonly policy: MetadataPolicy;
  readonly tokenRotation: {
    readonly enabled: boolean;
    readonly gracePeriodSeconds: number;
    readonly revokeOnReuse: boolean;
  };
  /** `SET LOCAL statement_timeout` of the module's transactions; 0 for none. */
  readonly statementTimeoutMs: number;
  /** SHA-256 of the admin token; `undefined` when none is configured. */
  readonly adminTokenDigest: Buffer | undefined;
  /** Settings of the module's `OutboundFetcher`, defaults applied. */
  readonly outbound: Readonly<Required<OutboundFetchSettings>>;
  /** The registration mode, rule sets and quotas. */
  readonly registration: ResolvedRegistrationOptions;
  /** The trusted software statement issuers. */
  readonly softwareStatementIssuers: readonly ResolvedTrustedIssuer[];
}

const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Raised for options a `DcrModule` cannot start with; the message names the option. */
export class DcrOptionsError extends Error {
  override readonly name = 'DcrOptionsError';
}

/**
 * Why `issuer` is not an acceptable issuer identifier (RFC 8414 §2: an https URL with no query or
 * fragment; http is accepted for loopback hosts), or `undefined` when it is. Endpoint URLs the
 * module builds on (the registration endpoint) follow the same rules.
 */
export function describeIssuerProblem(issuer: string): string | undefined {
  const url = parseAbsoluteUri(issuer);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return 'must be an absolute https URL';
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)';
  }
  if (url.search || url.hash || issuer.includes('?') || issuer.includes('#')) {
    return 'must not contain a query or fragment (RFC 8414 §2)';
  }
  if (url.username || url.password) return 'must not contain user credentials';
  return undefined;
}

/** Applies defaults to the module options and checks them; throws {@link DcrOptionsError}. */
export function resolveDcrOptions(
  options: DcrModuleOptions,
  path: string = DEFAULT_REGISTRATION_PATH,
): ResolvedDcrOptions {
  const issuerProblem = describeIssuerProblem(options.issuer);
  if (issuerProblem) throw new DcrOptionsError(`DcrModule option "issuer" ${issuerProblem}`);
  const issuer = options.issuer.replace(/\/+$/, '');
  const routePath = path.replace(/^\/+|\/+$/g, '');

  const registrationEndpoint = (options.registrationEndpoint ?? `${issuer}/${routePath}`).replace(
    /\/+$/,
    '',
  );
  // The same rules as the issuer: each client's registration_client_uri is built from it.
  const endpointProblem = describeIssuerProblem(registrationEndpoint);
  if (endpointProblem) {
    throw new DcrOptionsError(`DcrModule option "registrationEndpoint" ${endpointProblem}`);
  }

  const lifetime = wholeSeconds(
    options.clientSecretLifetimeSeconds ?? 0,
    'clientSecretLifetimeSeconds',
  );
  const gracePeriod = wholeSeconds(
    options.registrationAccessTokenGracePeriodSeconds ?? DEFAULT_REGISTRATION_TOKEN_GRACE_SECONDS,
    'registrationAccessTokenGracePeriodSeconds',
  );
  const statementTimeoutMs = wholeNumber(
    options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    'statementTimeoutMs',
    'milliseconds',
  );
  if (options.adminToken !== undefined && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new DcrOptionsError(
      `DcrModule option "adminToken" must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long`,
    );
  }

  const grantTypes = options.grantTypesSupported ?? DEFAULT_GRANT_TYPES;
  if (grantTypes.length === 0) {
    throw new DcrOptionsError('DcrModule option "grantTypesSupported" must not be empty');
  }
  const methods = options.tokenEndpointAuthMethodsSupported ?? DEFAULT_TOKEN_ENDPOINT_AUTH_METHODS;
  const supportable: readonly string[] = TOKEN_ENDPOINT_AUTH_METHODS.filter(
    (method) => method !== 'client_secret_jwt',
  );
  if (methods.length === 0 || methods.some((method) => !supportable.includes(method))) {
    // client_secret_jwt is an HMAC keyed with the plaintext secret, which is never stored.
    throw new DcrOptionsError(
      `DcrModule option "tokenEndpointAuthMethodsSupported" must list methods among ${supportable.join(', ')}`,
    );
  }

  return {
    issuer,
    path: routePath,
    registrationEndpoint,
    clientSecretLifetimeSeconds: lifetime,
    policy: {
      grantTypes: [...grantTypes],
      responseTypes: responseTypesFor(grantTypes),
      tokenEndpointAuthMethods: [...methods],
      scopes: options.scopesSupported ? [...options.scopesSupported] : undefined,
    },
    tokenRotation: {
      enabled: options.rotateRegistrationAccessToken ?? false,
      gracePeriodSeconds: gracePeriod,
      revokeOnReuse: options.revokeRegistrationTokensOnReuse ?? false,
    },
    statementTimeoutMs,
    adminTokenDigest: options.adminToken === undefined ? undefined : digest(options.adminToken),
    outbound: resolveOutboundSettings(options.outbound),
    ...resolvePolicyOptions(options),
  };
}

// The registration policy and the trusted issuers, with problems named as DcrModule options.
function resolvePolicyOptions(
  options: DcrModuleOptions,
): Pick<ResolvedDcrOptions, 'registration' | 'softwareStatementIssuers'> {
  try {
    return {
      registration: resolveRegistrationOptions(options.registration),
      softwareStatementIssuers: resolveTrustedIssuers(options.softwareStatementIssuers),
    };
  } catch (error) {
    if (!(error instanceof DcrOptionProblem)) throw error;
    throw new DcrOptionsError(`DcrModule option "${error.option}" ${error.problem}`);
  }
}

// The fetcher's own checks, run here as well so that bad settings (a test switch in production)
// stop forRoot before anything starts, naming the DcrModule option.
function resolveOutboundSettings(
  settings: OutboundFetchSettings = {},
): Required<OutboundFetchSettings> {
  try {
    const { allowLoopbackHttp, connectTimeoutMs, timeoutMs } =
      resolveOutboundFetcherOptions(settings);
    return { allowLoopbackHttp, connectTimeoutMs, timeoutMs };
  } catch (error) {
    if (!(error instanceof OutboundFetcherOptionsError)) throw error;
    throw new DcrOptionsError(`DcrModule option "outbound.${error.option}" ${error.problem}`);
  }
}

function wholeSeconds(value: number, option: string): number {
  return wholeNumber(value, option, 'seconds');
}

function wholeNumber(value: number, option: string, unit: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DcrOptionsError(
      `DcrModule option "${option}" must be a whole number of ${unit}, 0 or more`,
    );
  }
  return value;
}
