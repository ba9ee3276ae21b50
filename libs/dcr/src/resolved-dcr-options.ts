import {
  CimdOptionsError,
  resolveCimdOptions,
  type CimdModuleOptions,
  type ResolvedCimdOptions,
} from './cimd/cimd-options.js';
import { digest } from './credentials/digest.js';
import {
  DEFAULT_GRANT_TYPES,
  DEFAULT_REGISTRATION_PATH,
  DEFAULT_REGISTRATION_TOKEN_GRACE_SECONDS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  DEFAULT_TOKEN_ENDPOINT_AUTH_METHODS,
  type DcrModuleOptions,
} from './dcr-module-options.js';
import {
  resolveClientAssertionOptions,
  type ResolvedClientAssertionOptions,
} from './client-authentication/client-assertion-options.js';
import { CLIENT_AUTHENTICATION_METHODS } from './client-authentication/supported-methods.js';
import { DcrOptionsError } from './dcr-options-error.js';
import {
  resolveClientReaperOptions,
  type ResolvedClientReaperOptions,
} from './lifecycle/client-reaper-options.js';
import { responseTypesFor } from './metadata/grant-and-response-types.js';
import {
  DEFAULT_NARROWING,
  type MetadataPolicy,
  type NarrowingPolicy,
  type UriHostMismatchPolicy,
} from './metadata/metadata-policy.js';
import type { RedirectUriPolicy } from './metadata/redirect-uri.js';
import { isLoopbackHost, parseAbsoluteUri } from './metadata/uris.js';
import {
  OutboundFetcherOptionsError,
  resolveOutboundFetcherOptions,
  type OutboundFetchSettings,
} from './outbound/outbound-fetcher-options.js';
import {
  resolveRegistrationRateLimit,
  type ResolvedRegistrationRateLimit,
} from './rate-limit/rate-limit-options.js';

export { DcrOptionsError };
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
  /** The host's token endpoint URL, when the `tokenEndpoint` option gives it. */
  readonly tokenEndpoint: string | undefined;
  /** How `private_key_jwt` client assertions are checked (RFC 7523 §3). */
  readonly clientAssertions: ResolvedClientAssertionOptions;
  /** Client ID Metadata Documents: on or off, host patterns, cache bounds. */
  readonly cimd: ResolvedCimdOptions;
  /** The registration rate limits and the trusted proxies. */
  readonly rateLimit: ResolvedRegistrationRateLimit;
  /** The client reaper's rules and schedule. */
  readonly clientReaper: ResolvedClientReaperOptions;
  /** The registration mode, rule sets and quotas. */
  readonly registration: ResolvedRegistrationOptions;
  /** The trusted software statement issuers. */
  readonly softwareStatementIssuers: readonly ResolvedTrustedIssuer[];
}

const MIN_ADMIN_TOKEN_LENGTH = 32;

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

/**
 * Why `value` is not an acceptable endpoint URL (a token or authorization endpoint), or `undefined`.
 * RFC 6749 §3.1 and §3.2: an endpoint URI may carry a query (which clients keep when adding
 * parameters) and must not carry a fragment. Otherwise the issuer's rules hold (RFC 8414 §2, RFC
 * 8252 §8.3 for loopback http): metadata advertises these URLs next to the issuer, and a URL with
 * credentials in it would hand them to every client.
 */
export function describeEndpointProblem(value: string): string | undefined {
  if (value.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1)';
  return describeIssuerProblem(value.replace(/\?.*$/s, ''));
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
  // Only what ClientAuthenticationService verifies: client_secret_jwt is an HMAC keyed with the
  // plaintext secret, which is never stored.
  const supportable: readonly string[] = CLIENT_AUTHENTICATION_METHODS;
  if (methods.length === 0 || methods.some((method) => !supportable.includes(method))) {
    throw new DcrOptionsError(
      `DcrModule option "tokenEndpointAuthMethodsSupported" must list methods among ${supportable.join(', ')}`,
    );
  }

  const tokenEndpointProblem =
    options.tokenEndpoint === undefined
      ? undefined
      : describeEndpointProblem(options.tokenEndpoint);
  if (tokenEndpointProblem) {
    throw new DcrOptionsError(`DcrModule option "tokenEndpoint" ${tokenEndpointProblem}`);
  }
  const outbound = resolveOutboundSettings(options.outbound);

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
      narrow: resolveNarrowing(options.narrowUnsupported),
      redirectUriPolicy: oneOf<RedirectUriPolicy>(
        options.redirectUriPolicy,
        ['compatible', 'strict'],
        'redirectUriPolicy',
      ),
      uriHostMismatch: oneOf<UriHostMismatchPolicy>(
        options.uriHostMismatch,
        ['flag', 'refuse', 'ignore'],
        'uriHostMismatch',
      ),
      // What the fetcher can reach may be registered: the test switch also admits loopback http.
      loopbackHttpFetches: outbound.allowLoopbackHttp,
    },
    tokenRotation: {
      enabled: options.rotateRegistrationAccessToken ?? false,
      gracePeriodSeconds: gracePeriod,
      revokeOnReuse: options.revokeRegistrationTokensOnReuse ?? false,
    },
    statementTimeoutMs,
    adminTokenDigest: options.adminToken === undefined ? undefined : digest(options.adminToken),
    outbound,
    tokenEndpoint: options.tokenEndpoint,
    clientAssertions: resolveClientAssertionOptions(
      options.clientAssertions,
      issuer,
      options.tokenEndpoint,
    ),
    cimd: resolveCimd(options.cimd),
    rateLimit: resolveRegistrationRateLimit(
      options.registrationRateLimit,
      options.trustedProxies,
      optionProblem,
    ),
    clientReaper: resolveClientReaperOptions(options.clientReaper, optionProblem),
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

function resolveCimd(options: CimdModuleOptions | undefined): ResolvedCimdOptions {
  try {
    return resolveCimdOptions(options);
  } catch (error) {
    if (!(error instanceof CimdOptionsError)) throw error;
    throw new DcrOptionsError(`DcrModule option "cimd.${error.option}" ${error.problem}`);
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

function optionProblem(option: string, message: string): DcrOptionsError {
  return new DcrOptionsError(`DcrModule option "${option}" ${message}`);
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

/** The narrowing option with every field defaulted (RFC 7591 §3.2.1; on unless turned off). */
function resolveNarrowing(option: DcrModuleOptions['narrowUnsupported']): NarrowingPolicy {
  const narrowing = { ...DEFAULT_NARROWING };
  for (const field of Object.keys(DEFAULT_NARROWING) as (keyof NarrowingPolicy)[]) {
    const value: unknown = option?.[field];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') {
      throw new DcrOptionsError(
        `DcrModule option "narrowUnsupported.${field}" must be true or false`,
      );
    }
    narrowing[field] = value;
  }
  return narrowing;
}

/** `value`, or the first of `allowed` (the default) when unset; any other value is refused. */
function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], option: string): T {
  if (value === undefined) return allowed[0];
  if (!allowed.includes(value)) {
    throw new DcrOptionsError(
      `DcrModule option "${option}" must be one of ${allowed.map((v) => `"${v}"`).join(', ')}`,
    );
  }
  return value;
}
