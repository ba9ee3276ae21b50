import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';
import { isFetchableUrl } from './uris.js';

const MAX_KEYS = 32;

// RFC 7518 §6.2.2, §6.3.2 and §6.4: members that carry private or symmetric key material. A
// client registers public keys only; a secret sent here would be stored where it does not belong.
const PRIVATE_KEY_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * Checks the client's keys (RFC 7591 §2): `jwks` and `jwks_uri` are mutually exclusive, `jwks` is
 * a non-empty JWK Set of public keys (RFC 7517 §5), and `jwks_uri` is an https URL (or, with the
 * test-only `loopbackHttp`, an http URL on a loopback host, which the outbound fetcher then reaches).
 */
export function checkJwks(jwks: unknown, jwksUri: string | undefined, loopbackHttp = false): void {
  if (jwks !== undefined && jwksUri !== undefined) {
    throw invalidClientMetadata(
      'jwks and jwks_uri must not both be present (RFC 7591 §2)',
      jsonPointer('jwks_uri'),
    );
  }
  if (jwksUri !== undefined && !isFetchableUrl(jwksUri, loopbackHttp)) {
    throw invalidClientMetadata('jwks_uri: must be an absolute https URL', jsonPointer('jwks_uri'));
  }
  if (jwks !== undefined) checkKeySet(jwks);
}

function checkKeySet(jwks: unknown): void {
  const keys =
    typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) {
    throw invalidClientMetadata(
      'jwks: must be a JWK Set, an object with a "keys" array (RFC 7517 §5)',
      jsonPointer('jwks'),
    );
  }
  if (keys.length === 0) {
    // An empty set verifies nothing: a private_key_jwt client registered with it could never
    // authenticate, and keys for encryption or request objects would be missing just the same.
    throw invalidClientMetadata(
      'jwks.keys: must hold at least one key; omit jwks when the client has none',
      jsonPointer('jwks', 'keys'),
    );
  }
  if (keys.length > MAX_KEYS) {
    throw invalidClientMetadata(`jwks.keys: at most ${MAX_KEYS} keys`, jsonPointer('jwks', 'keys'));
  }
  keys.forEach((key: unknown, index) => checkPublicKey(key, index));
}

function checkPublicKey(key: unknown, index: number): void {
  const field = `jwks.keys[${index}]`;
  const pointer = jsonPointer('jwks', 'keys', index);
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    throw invalidClientMetadata(`${field}: must be a JSON Web Key object`, pointer);
  }
  if (typeof (key as { kty?: unknown }).kty !== 'string') {
    throw invalidClientMetadata(
      `${field}: "kty" must be a string (RFC 7517 §4.1)`,
      jsonPointer('jwks', 'keys', index, 'kty'),
    );
  }
  const secret = PRIVATE_KEY_MEMBERS.find((member) => Object.hasOwn(key, member));
  if (secret) {
    throw invalidClientMetadata(
      `${field}: contains private or symmetric key material ("${secret}"); register public keys only`,
      jsonPointer('jwks', 'keys', index, secret),
    );
  }
}
