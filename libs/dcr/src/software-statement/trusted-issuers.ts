import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import { VERIFIED_JWS_ALGORITHMS } from '../metadata/jose-algorithms.js';
import { isLoopbackHost, parseAbsoluteUri } from '../metadata/uris.js';
import { DcrOptionProblem } from '../policy/option-problem.js';

/**
 * Signature algorithms a software statement issuer may be configured with: the module's verified
 * asymmetric ones. `none` proves nothing, and an HMAC (`HS256`...) needs a shared secret: with a
 * published key it would let anyone who has the key sign statements.
 */
export const STATEMENT_ALGORITHMS = VERIFIED_JWS_ALGORITHMS;

/** A software statement issuer the server trusts (the `softwareStatementIssuers` option). */
export interface TrustedIssuerOptions {
  /** The statements' `iss` claim (RFC 7591 §2.3). */
  issuer: string;
  /** The issuer's public keys. Exactly one of `jwks` and `jwksUri`. */
  jwks?: JSONWebKeySet;
  /**
   * Where the issuer publishes its public keys, fetched with the module's `OutboundFetcher`
   * (https, no redirects, size and time limits), cached, and fetched again when a statement names
   * a key (`kid`) the cached set does not have.
   */
  jwksUri?: string;
  /** Algorithms the issuer signs with, e.g. `["ES256"]`; never `none` nor an HMAC. */
  algorithms: string[];
  /** The `aud` statements must carry, when set (RFC 7519 §4.1.3). */
  audience?: string | string[];
  /** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /**
   * The client metadata members the issuer may set; a statement setting another one is refused.
   * Unset: any member.
   */
  allowedFields?: string[];
  /** How long a fetched key set is used before it is fetched again, in seconds. Default 600. */
  jwksCacheMaxAgeSeconds?: number;
  /**
   * After a fetch, how long a statement naming an unknown `kid` does not cause another fetch, in
   * seconds. Default 30: a flood of statements with made-up key ids costs at most one fetch per
   * this interval.
   */
  jwksCooldownSeconds?: number;
}

/** A trusted issuer with defaults applied and checked. */
export interface ResolvedTrustedIssuer {
  readonly issuer: string;
  readonly jwks?: JSONWebKeySet;
  readonly jwksUri?: string;
  readonly algorithms: readonly string[];
  readonly audience?: string | string[];
  readonly clockToleranceSeconds: number;
  readonly allowedFields?: readonly string[];
  readonly jwksCacheMaxAgeSeconds: number;
  readonly jwksCooldownSeconds: number;
}

const PRIVATE_KEY_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'priv'];

/** Checks the trusted issuers; throws {@link DcrOptionProblem} naming the option. */
export function resolveTrustedIssuers(
  issuers: readonly TrustedIssuerOptions[] = [],
): ResolvedTrustedIssuer[] {
  if (!Array.isArray(issuers)) {
    throw new DcrOptionProblem('softwareStatementIssuers', 'must be an array');
  }
  const seen = new Set<string>();
  return (issuers as readonly TrustedIssuerOptions[]).map((options, index) => {
    const option = `softwareStatementIssuers[${index}]`;
    const resolved = resolveTrustedIssuer(options, option);
    if (seen.has(resolved.issuer)) {
      throw new DcrOptionProblem(`${option}.issuer`, `repeats "${resolved.issuer}"`);
    }
    seen.add(resolved.issuer);
    return resolved;
  });
}

function resolveTrustedIssuer(
  options: TrustedIssuerOptions,
  option: string,
): ResolvedTrustedIssuer {
  if (typeof options?.issuer !== 'string' || options.issuer.trim() === '') {
    throw new DcrOptionProblem(`${option}.issuer`, 'must be a non-empty string');
  }
  if ((options.jwks === undefined) === (options.jwksUri === undefined)) {
    throw new DcrOptionProblem(option, 'must have exactly one of jwks and jwksUri');
  }
  if (options.jwksUri !== undefined && !isFetchableUri(options.jwksUri)) {
    throw new DcrOptionProblem(`${option}.jwksUri`, 'must be an absolute https URL');
  }
  if (options.jwks !== undefined) checkPublicKeySet(options.jwks, `${option}.jwks`);
  const algorithms: readonly string[] = STATEMENT_ALGORITHMS;
  if (
    !Array.isArray(options.algorithms) ||
    options.algorithms.length === 0 ||
    options.algorithms.some((alg) => !algorithms.includes(alg))
  ) {
    throw new DcrOptionProblem(
      `${option}.algorithms`,
      `must list algorithms among ${STATEMENT_ALGORITHMS.join(', ')} (never none nor HMAC)`,
    );
  }
  const audience = options.audience;
  if (
    audience !== undefined &&
    !(
      typeof audience === 'string' ||
      (Array.isArray(audience) && audience.every((a) => typeof a === 'string'))
    )
  ) {
    throw new DcrOptionProblem(`${option}.audience`, 'must be a string or an array of strings');
  }
  if (
    options.allowedFields !== undefined &&
    (!Array.isArray(options.allowedFields) ||
      options.allowedFields.some((field) => typeof field !== 'string'))
  ) {
    throw new DcrOptionProblem(`${option}.allowedFields`, 'must be an array of member names');
  }
  return {
    issuer: options.issuer,
    jwks: options.jwks,
    jwksUri: options.jwksUri,
    algorithms: [...options.algorithms],
    audience,
    clockToleranceSeconds: seconds(
      options.clockToleranceSeconds,
      30,
      `${option}.clockToleranceSeconds`,
    ),
    allowedFields: options.allowedFields ? [...options.allowedFields] : undefined,
    jwksCacheMaxAgeSeconds: seconds(
      options.jwksCacheMaxAgeSeconds,
      600,
      `${option}.jwksCacheMaxAgeSeconds`,
    ),
    jwksCooldownSeconds: seconds(options.jwksCooldownSeconds, 30, `${option}.jwksCooldownSeconds`),
  };
}

// https; plain http only for a loopback host, which the fetcher itself refuses unless its
// test-only switch is on.
function isFetchableUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const url = parseAbsoluteUri(value);
  return (
    url !== undefined &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))
  );
}

function checkPublicKeySet(jwks: JSONWebKeySet, option: string): void {
  try {
    createLocalJWKSet(jwks); // throws unless it is a JWK Set
  } catch {
    throw new DcrOptionProblem(option, 'must be a JWK Set ({"keys": [...]})');
  }
  jwks.keys.forEach((key: JWK, index) => {
    if (key.kty === 'oct' || PRIVATE_KEY_MEMBERS.some((member) => Object.hasOwn(key, member))) {
      throw new DcrOptionProblem(
        `${option}.keys[${index}]`,
        'must be a public key: private and symmetric keys are refused',
      );
    }
  });
}

function seconds(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DcrOptionProblem(option, 'must be a whole number of seconds, 0 or more');
  }
  return value;
}
