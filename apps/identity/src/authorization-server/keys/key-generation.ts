import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The JWS algorithms the server signs with, one active key each: ES256 for access tokens (RFC
 * 9068; small and fast to sign) and RS256, which OpenID Connect requires for ID tokens (OIDC
 * Core §15.1) and which every client library verifies.
 */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;

/** A JWS algorithm of {@link SIGNING_ALGORITHMS}. */
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** A new signing key: the private JWK (to sign) and the public one (for the JWKS). */
export interface GeneratedSigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/**
 * Generates a signing key with jose, identified by its RFC 7638 thumbprint. RSA keys are 2048 bits
 * (NIST SP 800-57: 112-bit security), EC keys P-256.
 */
export async function generateSigningKey(alg: SigningAlgorithm): Promise<GeneratedSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const labels = { kid, alg, use: 'sig' };
  return {
    kid,
    alg,
    privateJwk: { ...(await exportJWK(privateKey)), ...labels },
    publicJwk: { ...publicJwk, ...labels },
  };
}

/** Bytes of a cookie-signing key (HMAC-SHA256 through Keygrip). */
export const COOKIE_KEY_BYTES = 32;

/** A new cookie-signing key and a random id for it. */
export function generateCookieKey(): { kid: string; secret: Buffer } {
  return {
    kid: `cookie-${randomBytes(12).toString('base64url')}`,
    secret: randomBytes(COOKIE_KEY_BYTES),
  };
}
