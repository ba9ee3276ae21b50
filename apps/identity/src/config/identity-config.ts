import { isAbsolute, resolve } from 'node:path';
import type { LevelWithSilent } from 'pino';
import type { ClientReaperOptions, RegistrationRateLimitOptions } from '@agent-runtimes/dcr';
import { cimdControlsOf, type CimdControls } from './cimd-config.js';
import { IDENTITY_ENV } from './identity-env.js';
import { ConfigError, parseEnv, type Env, type EnvValues } from './parse-env.js';
import {
  registrationPolicyOf,
  type RegistrationPolicyConfig,
} from './registration-policy-config.js';
import { upstreamOidcOf, type UpstreamOidcConfig } from './upstream-oidc-variables.js';

export { ConfigError, type ConfigProblem } from './parse-env.js';

/**
 * The configuration of `apps/identity`, read from the environment once, at start-up, through the
 * declaration in `identity-env.ts` (each field names its variable).
 */
export interface IdentityConfig {
  /** `PORT` */
  readonly port: number;
  /** `HOST` */
  readonly host: string;
  /** `ISSUER`, or `http://localhost:$PORT`. */
  readonly issuer: string;
  /** `DATABASE_URL`; `undefined`: run on the embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** `DATA_DIR`, resolved against the working directory. */
  readonly dataDir: string;
  /** `DATABASE_POOL_SIZE` */
  readonly databasePoolSize: number;
  /** `DATABASE_REPLICA_URLS`: read replicas of `databaseUrl`; empty for none. */
  readonly databaseReplicaUrls: readonly string[];
  /** `DATABASE_STATEMENT_TIMEOUT_MS`: the longest a statement may run; `0` = no limit. */
  readonly databaseStatementTimeoutMs: number;
  /** `DATABASE_IDLE_TIMEOUT_MS`: how long an idle pooled connection is kept. */
  readonly databaseIdleTimeoutMs: number;
  /** `CLIENT_SECRET_LIFETIME_SECONDS` */
  readonly clientSecretLifetimeSeconds: number;
  /** `AUTHORIZATION_ENDPOINT` */
  readonly authorizationEndpoint: string | undefined;
  /** `TOKEN_ENDPOINT` */
  readonly tokenEndpoint: string | undefined;
  /** `ADMIN_TOKEN`: bearer credential of the admin API at `/admin`; `undefined` leaves it unmounted. */
  readonly adminToken: string | undefined;
  /** `REGISTRATION_TOKEN_ROTATION` */
  readonly rotateRegistrationAccessToken: boolean;
  /** `REDIRECT_URI_POLICY`. */
  readonly redirectUriPolicy: 'compatible' | 'strict';
  /** `NARROW_UNSUPPORTED_METADATA`. */
  readonly narrowUnsupportedMetadata: boolean;
  /** `URI_HOST_MISMATCH`. */
  readonly uriHostMismatch: 'flag' | 'refuse' | 'ignore';
  /** `REGISTRATION_TOKEN_GRACE_SECONDS` */
  readonly registrationAccessTokenGracePeriodSeconds: number;
  /**
   * `REGISTRATION_TOKEN_REUSE_REVOKES`: whether presenting a replaced registration access token
   * after its successor was used revokes the client's registration access tokens.
   */
  readonly revokeRegistrationTokensOnReuse: boolean;
  /** `CIMD`: whether URL `client_id`s (Client ID Metadata Documents) are resolved. */
  readonly cimd: boolean;
  /** `CIMD_ALLOW_LOOPBACK_HTTP`: the outbound fetcher's test-only loopback switch. */
  readonly cimdAllowLoopbackHttp: boolean;
  /**
   * `CIMD_ALLOWED_HOSTS`, `CIMD_DENIED_HOSTS`, `CIMD_MIN_CACHE_SECONDS`, `CIMD_MAX_CACHE_SECONDS`,
   * as DcrModule's `cimd` option (without `enabled`, which is {@link cimd}); the patterns and
   * bounds are checked by the module at start-up.
   */
  readonly cimdControls: CimdControls;
  /**
   * `REGISTRATION_RATE_LIMIT`, `REGISTRATION_RATE_LIMIT_PER_HOST`, `REGISTRATION_RATE_LIMIT_GLOBAL`
   * and `REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS`, as DcrModule's option.
   */
  readonly registrationRateLimit: RegistrationRateLimitOptions;
  /** `TRUSTED_PROXIES`: addresses and CIDR blocks; empty for none. */
  readonly trustedProxies: readonly string[];
  /** `REAP_UNUSED_CLIENTS_AFTER_HOURS`, `REAP_IDLE_CLIENTS_AFTER_DAYS`, `REAP_INTERVAL_SECONDS`. */
  readonly clientReaper: ClientReaperOptions;
  /** `LOG_LEVEL` */
  readonly logLevel: LevelWithSilent;
  /** `DATABASE_WAIT_SECONDS`: how long start-up waits for an external database. */
  readonly databaseWaitSeconds: number;
  /** The registration policy: `REGISTRATION_MODE`, `SOFTWARE_STATEMENT_ISSUERS`, the rules and quotas. */
  readonly registrationPolicy: RegistrationPolicyConfig;
  /** `NODE_ENV=production`: test-only variables are refused and the development sign-in is off. */
  readonly production: boolean;
  /** The authorization server (node-oidc-provider) settings. */
  readonly authorizationServer: AuthorizationServerConfig;
}

/** The variables of the authorization server, as `IdentityConfig.authorizationServer`. */
export interface AuthorizationServerConfig {
  /** `RESOURCES`: resource indicators tokens may be issued for; the first is the default. */
  readonly resources: readonly string[];
  /** `RESOURCE_SCOPES`: scope values the resources accept, all granted when none is requested. */
  readonly resourceScopes: readonly string[];
  /** `ACCESS_TOKEN_TTL_SECONDS` */
  readonly accessTokenTtlSeconds: number;
  /** `REFRESH_TOKEN_TTL_SECONDS` */
  readonly refreshTokenTtlSeconds: number;
  /** `SIGNING_KEY_ENCRYPTION_KEY`: 32 bytes; `undefined`: a key file in `dataDir`. */
  readonly signingKeyEncryptionKey: Buffer | undefined;
  /** `SIGNING_KEY_OVERLAP_SECONDS` */
  readonly signingKeyOverlapSeconds: number;
  /** `IDENTITY_TEST_LOGIN_SUBJECT` (test only): signs this subject in without a page. */
  readonly testLoginSubject: string | undefined;
  /** `IDENTITY_CONSENT_AUTO_APPROVE` (test only): approves consent without a page. */
  readonly consentAutoApprove: boolean;
  /** `UPSTREAM_OIDC_*`: the upstream OpenID Connect provider people sign in with, if any. */
  readonly upstream: UpstreamOidcConfig | undefined;
}

/**
 * Reads and checks the environment through the app's declaration of its variables
 * (`IDENTITY_ENV`). Throws a {@link ConfigError} naming every variable that is wrong.
 *
 * @param cwd the directory a relative `DATA_DIR` is resolved against
 */
export function loadIdentityConfig(env: Env, cwd = process.cwd()): IdentityConfig {
  const values = parseEnv(IDENTITY_ENV, env);
  return {
    port: values.PORT,
    host: values.HOST,
    issuer: issuerOf(values.ISSUER, values.PORT),
    databaseUrl: values.DATABASE_URL,
    dataDir: isAbsolute(values.DATA_DIR) ? values.DATA_DIR : resolve(cwd, values.DATA_DIR),
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databaseReplicaUrls: values.DATABASE_REPLICA_URLS,
    databaseStatementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseIdleTimeoutMs: values.DATABASE_IDLE_TIMEOUT_MS,
    clientSecretLifetimeSeconds: values.CLIENT_SECRET_LIFETIME_SECONDS,
    authorizationEndpoint: values.AUTHORIZATION_ENDPOINT,
    tokenEndpoint: values.TOKEN_ENDPOINT,
    adminToken: values.ADMIN_TOKEN,
    rotateRegistrationAccessToken: values.REGISTRATION_TOKEN_ROTATION,
    redirectUriPolicy: values.REDIRECT_URI_POLICY,
    narrowUnsupportedMetadata: values.NARROW_UNSUPPORTED_METADATA,
    uriHostMismatch: values.URI_HOST_MISMATCH,
    registrationAccessTokenGracePeriodSeconds: values.REGISTRATION_TOKEN_GRACE_SECONDS,
    revokeRegistrationTokensOnReuse: values.REGISTRATION_TOKEN_REUSE_REVOKES,
    cimd: values.CIMD === 'on',
    cimdAllowLoopbackHttp: values.CIMD_ALLOW_LOOPBACK_HTTP,
    cimdControls: cimdControlsOf(values),
    registrationRateLimit: registrationRateLimitOf(values),
    trustedProxies: values.TRUSTED_PROXIES,
    clientReaper: {
      unusedAfterHours: values.REAP_UNUSED_CLIENTS_AFTER_HOURS,
      idleAfterDays: values.REAP_IDLE_CLIENTS_AFTER_DAYS,
      intervalSeconds: values.REAP_INTERVAL_SECONDS,
    },
    logLevel: values.LOG_LEVEL,
    databaseWaitSeconds: values.DATABASE_WAIT_SECONDS,
    registrationPolicy: registrationPolicyOf(values, cwd),
    production: values.NODE_ENV === 'production',
    authorizationServer: {
      resources: values.RESOURCES,
      resourceScopes: values.RESOURCE_SCOPES,
      accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: values.REFRESH_TOKEN_TTL_SECONDS,
      signingKeyEncryptionKey: values.SIGNING_KEY_ENCRYPTION_KEY,
      signingKeyOverlapSeconds: overlapOf(
        values.SIGNING_KEY_OVERLAP_SECONDS,
        values.ACCESS_TOKEN_TTL_SECONDS,
      ),
      testLoginSubject: values.IDENTITY_TEST_LOGIN_SUBJECT,
      consentAutoApprove: values.IDENTITY_CONSENT_AUTO_APPROVE,
      upstream: upstreamOidcOf(values),
    },
  };
}

/**
 * The signing key overlap: a replaced key must outlive the tokens it signed, so it may not be
 * shorter than the access token lifetime.
 */
function overlapOf(overlapSeconds: number, accessTokenTtlSeconds: number): number {
  if (overlapSeconds < accessTokenTtlSeconds) {
    throw ConfigError.of(
      'SIGNING_KEY_OVERLAP_SECONDS',
      `must be at least ACCESS_TOKEN_TTL_SECONDS (${accessTokenTtlSeconds}): tokens signed with a replaced key must still verify`,
    );
  }
  return overlapSeconds;
}

/** The issuer: `ISSUER`, or derived from the port, which `PORT=0` leaves unknown until listening. */
function issuerOf(issuer: string | undefined, port: number): string {
  if (issuer !== undefined) return issuer;
  if (port === 0) {
    throw ConfigError.of(
      'ISSUER',
      'must be set when PORT is 0: the port is not known before listening',
    );
  }
  return `http://localhost:${port}`;
}

/**
 * The registration rate limits: `REGISTRATION_RATE_LIMIT=off` turns them all off (one switch for
 * load tests), otherwise each is on unless its own variable says `off`.
 */
function registrationRateLimitOf(
  values: EnvValues<typeof IDENTITY_ENV>,
): RegistrationRateLimitOptions {
  const perClientIp = values.REGISTRATION_RATE_LIMIT;
  if (perClientIp === 'off') return {};
  const on = <T>(setting: T | 'off') => (setting === 'off' ? false : setting);
  return {
    perClientIp,
    perHost: on(values.REGISTRATION_RATE_LIMIT_PER_HOST),
    global: on(values.REGISTRATION_RATE_LIMIT_GLOBAL),
    exemptInitialAccessTokens: values.REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS,
  };
}
