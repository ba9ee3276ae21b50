import { DcrOptionsError } from '../dcr-options-error.js';

/** Limits on `private_key_jwt` client assertions (the `clientAssertions` module option). */
export interface ClientAssertionSettings {
  /**
   * How far in the future an assertion's `exp` may be, in seconds (plus the clock tolerance).
   * Default 300. Every accepted `jti` is kept until its assertion expires, so this bounds the
   * replay table and how long a leaked assertion is worth anything; clients make a fresh
   * assertion for each request (RFC 7523 §3), typically valid for one to five minutes.
   */
  maxLifetimeSeconds?: number;
  /** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /**
   * A client's `jwks_uri` is fetched at most once per this many seconds: a cached key set is kept
   * at least this long whatever its caching headers say, an assertion whose `kid` is unknown
   * refetches only when the last fetch is older, and a failed fetch is not retried sooner.
   * Default 30.
   */
  jwksRefetchIntervalSeconds?: number;
}

/** The settings above with defaults applied, and the audiences assertions may name. */
export interface ResolvedClientAssertionOptions {
  /**
   * RFC 7523 §3: the `aud` values that identify this authorization server: the token endpoint
   * URL (when the `tokenEndpoint` option gives it) and the issuer identifier.
   */
  readonly audiences: readonly string[];
  readonly maxLifetimeSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly jwksRefetchIntervalSeconds: number;
}

/** Default of {@link ClientAssertionSettings.maxLifetimeSeconds}. */
export const DEFAULT_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 300;
/** Default of {@link ClientAssertionSettings.clockToleranceSeconds}. */
export const DEFAULT_CLIENT_ASSERTION_CLOCK_TOLERANCE_SECONDS = 30;
/** Default of {@link ClientAssertionSettings.jwksRefetchIntervalSeconds}. */
export const DEFAULT_JWKS_REFETCH_INTERVAL_SECONDS = 30;

/**
 * Applies defaults to the `clientAssertions` option and checks it; throws `DcrOptionsError`.
 * `tokenEndpoint` has been checked by the caller.
 */
export function resolveClientAssertionOptions(
  settings: ClientAssertionSettings = {},
  issuer: string,
  tokenEndpoint: string | undefined,
): ResolvedClientAssertionOptions {
  return {
    audiences: tokenEndpoint === undefined ? [issuer] : [tokenEndpoint, issuer],
    maxLifetimeSeconds: seconds(
      settings.maxLifetimeSeconds ?? DEFAULT_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
      'maxLifetimeSeconds',
      1,
      3600,
    ),
    clockToleranceSeconds: seconds(
      settings.clockToleranceSeconds ?? DEFAULT_CLIENT_ASSERTION_CLOCK_TOLERANCE_SECONDS,
      'clockToleranceSeconds',
      0,
      300,
    ),
    jwksRefetchIntervalSeconds: seconds(
      settings.jwksRefetchIntervalSeconds ?? DEFAULT_JWKS_REFETCH_INTERVAL_SECONDS,
      'jwksRefetchIntervalSeconds',
      1,
      3600,
    ),
  };
}

function seconds(value: number, option: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DcrOptionsError(
      `DcrModule option "clientAssertions.${option}" must be a whole number of seconds from ${min} to ${max}`,
    );
  }
  return value;
}
