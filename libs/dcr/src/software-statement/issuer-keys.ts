import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type JWTVerifyGetKey,
} from 'jose';
import { OutboundFetchError } from '../outbound/outbound-fetch-error.js';
import type { OutboundFetcher } from '../outbound/outbound-fetcher.js';
import type { ResolvedTrustedIssuer } from './trusted-issuers.js';

/** A JWK Set is a few keys: 64 KiB leaves ample room, and bounds what an issuer can make us hold. */
const MAX_JWKS_BYTES = 64 * 1024;

/**
 * The issuer's keys could not be had: its `jwks_uri` failed or served no JWK Set. The message
 * names the reason (never the URL's path or a resolved address).
 */
export class IssuerKeysUnavailable extends Error {
  override readonly name = 'IssuerKeysUnavailable';
}

/**
 * The key resolver of a trusted issuer, for `jwtVerify`: its static JWK Set, or its `jwks_uri`
 * through jose's remote JWK Set (which caches the set for `jwksCacheMaxAgeSeconds` and fetches it
 * again for an unknown `kid` at most once per `jwksCooldownSeconds`), with every fetch made by
 * the module's {@link OutboundFetcher} (jose's `customFetch` hook) instead of `fetch`, so that the
 * fetcher's rules (https, no special-use addresses, no redirects, limits) apply.
 *
 * A key that matches no `kid` rejects with jose's `JWKSNoMatchingKey`; any failure to get the
 * keys rejects with {@link IssuerKeysUnavailable}.
 */
export function issuerKeys(
  issuer: ResolvedTrustedIssuer,
  fetcher: OutboundFetcher,
): JWTVerifyGetKey {
  if (issuer.jwks) return createLocalJWKSet(issuer.jwks);
  const remote = createRemoteJWKSet(new URL(issuer.jwksUri as string), {
    cacheMaxAge: issuer.jwksCacheMaxAgeSeconds * 1000,
    cooldownDuration: issuer.jwksCooldownSeconds * 1000,
    [customFetch]: (url: string) => fetchThrough(fetcher, url),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error;
      }
      throw new IssuerKeysUnavailable(describeFailure(error), { cause: error });
    }
  };
}

// jose's remote JWK Set expects a Fetch API Response; the body was already read, capped and
// parsed by the fetcher.
async function fetchThrough(fetcher: OutboundFetcher, url: string): Promise<Response> {
  const result = await fetcher.fetchJson(url, { maxBytes: MAX_JWKS_BYTES });
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'content-type': 'application/json' },
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof OutboundFetchError) return `${error.message} (${error.reason})`;
  if (error instanceof errors.JWKSInvalid) return 'its jwks_uri did not serve a JWK Set';
  if (error instanceof errors.JOSEError) return `its jwks_uri failed: ${error.message}`;
  return 'its jwks_uri could not be fetched';
}
