import { decodeJwt, decodeProtectedHeader } from 'jose';
import { OAuthError } from '../errors/oauth-error.js';
import { jsonPointer } from '../policy/policy-refusal.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The `field` member of every error about the statement. */
export const STATEMENT_FIELD = jsonPointer('software_statement');

/** RFC 7591 §3.2.2 `invalid_software_statement`, about the `software_statement` member. */
export function invalidSoftwareStatement(reason: string): OAuthError {
  return new OAuthError(
    'invalid_software_statement',
    `software_statement: ${reason}`,
    400,
    {},
    { field: STATEMENT_FIELD },
  );
}

/**
 * Reads the `software_statement` member of a request (RFC 7591 §2.3, §3.1.1): `undefined` when
 * absent (or `null`), otherwise the statement, which must be a signed JWT: JWS compact
 * serialization with a non-empty signature and an `alg` other than `none`, whose payload is a JSON
 * object. Anything else is `invalid_software_statement`. Whether it is signed by a trusted issuer
 * is for `SoftwareStatementVerifier`.
 */
export function readSoftwareStatement(statement: unknown): string | undefined {
  if (statement === undefined || statement === null) return undefined;
  if (typeof statement !== 'string' || !isSignedJwt(statement)) {
    throw invalidSoftwareStatement(
      'must be a signed JWT in JWS compact serialization (RFC 7591 §2.3)',
    );
  }
  return statement;
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
