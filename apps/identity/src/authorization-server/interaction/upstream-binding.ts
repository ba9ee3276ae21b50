import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The values that bind an upstream sign-in to one interaction: the `state` (RFC 6749 §10.12), the
 * `nonce` (OIDC Core §3.1.2.1) and the PKCE `code_verifier` (RFC 7636 §4.1) of the request sent to
 * the upstream provider.
 */
export interface UpstreamBinding {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/**
 * The key the bindings are derived with (HKDF-SHA256, RFC 5869), from the server's current
 * cookie-signing key: as secret as the cookies, shared by every instance, and nothing to store.
 */
export function upstreamBindingKey(cookieKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', cookieKey, Buffer.alloc(0), 'identity upstream sign-in', 32),
  );
}

/**
 * The binding of the interaction `uid`: each value an HMAC of the uid under its own label, so that
 * nobody without the key can compute one, and a callback carrying another interaction's `state`
 * (or none) fails openid-client's check. 32 bytes each, base64url: 43 characters, a valid PKCE
 * verifier (RFC 7636 §4.1: 43 to 128 unreserved characters) with 256 bits of entropy.
 */
export function upstreamBinding(key: Buffer, uid: string): UpstreamBinding {
  const value = (label: string) =>
    createHmac('sha256', key).update(`${label}:${uid}`).digest('base64url');
  return { state: value('state'), nonce: value('nonce'), codeVerifier: value('pkce') };
}
