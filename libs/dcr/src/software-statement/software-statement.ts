import { decodeJwt, decodeProtectedHeader } from 'jose';
import { OAuthError } from '../errors/oauth-error.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a `software_statement` (RFC 7591 §2.3, §3.1.1).
 *
 * A statement must be a signed JWT: JWS compact serialization with a non-empty signature and an
 * `alg` other than `none`, whose payload is a JSON object; anything else is
 * `invalid_software_statement`. Verifying statements against trusted issuers is not configured
 * yet, so a well-formed statement is refused with `unapproved_software_statement` rather than
 * accepted unverified: its claims would override the client's metadata (§3.1.1).
 */
export function checkSoftwareStatement(statement: unknown): void {
  if (statement === undefined || statement === null) return;
  if (typeof statement !== 'string' || !isSignedJwt(statement)) {
    throw new OAuthError(
      'invalid_software_statement',
      'software_statement: must be a signed JWT in JWS compact serialization (RFC 7591 §2.3)',
    );
  }
  throw new OAuthError(
    'unapproved_software_statement',
    'software_statement: this server trusts no software statement issuer',
  );
}

function isSignedJwt(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return false;
  try {
    const { alg } = decodeProtectedHeader(value);
    if (typeof alg !== 'string' || alg === 'none') return false;
    decodeJwt(value); // throws unless the payload is a JSON object
    return true;
  } catch {
    return false;
  }
}
