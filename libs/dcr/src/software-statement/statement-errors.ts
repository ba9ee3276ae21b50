import { errors } from 'jose';
import { OAuthError } from '../errors/oauth-error.js';
import { IssuerKeysUnavailable } from './issuer-keys.js';
import { STATEMENT_FIELD, invalidSoftwareStatement } from './software-statement.js';

/** The `policy` member of refusals of statements the server does not approve. */
export const TRUSTED_SOFTWARE_STATEMENT_ISSUERS = 'trusted_software_statement_issuers';

/**
 * RFC 7591 §3.2.2 `unapproved_software_statement`: the statement may be fine, but this server does
 * not accept it (its issuer is not trusted, or its keys cannot be had now).
 */
export function unapprovedSoftwareStatement(
  reason: string,
  policy = TRUSTED_SOFTWARE_STATEMENT_ISSUERS,
): OAuthError {
  return new OAuthError(
    'unapproved_software_statement',
    `software_statement: ${reason} (policy ${policy})`,
    400,
    {},
    { policy, field: STATEMENT_FIELD },
  );
}

/**
 * The RFC 7591 §3.2.2 error for a statement that failed verification with a trusted issuer's
 * keys: `unapproved_software_statement` when the keys could not be had (the statement is not at
 * fault), `invalid_software_statement` otherwise, naming what failed.
 */
export function statementVerificationError(error: unknown, issuer: string): OAuthError {
  if (error instanceof IssuerKeysUnavailable) {
    return unapprovedSoftwareStatement(
      `the keys of issuer "${issuer}" are unavailable: ${error.message}`,
    );
  }
  return invalidSoftwareStatement(describe(error, issuer));
}

function describe(error: unknown, issuer: string): string {
  if (error instanceof errors.JWTExpired) return 'has expired (exp)';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return 'is not valid yet (nbf is in the future)';
      case 'iat':
        return 'was issued in the future (iat)';
      case 'aud':
        return 'is not meant for this server (aud)';
      case 'iss':
        return `was not issued by "${issuer}" (iss)`;
      default:
        return `has an invalid "${error.claim}" claim`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `is signed with an algorithm issuer "${issuer}" does not use`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return `its signature does not verify with the keys of issuer "${issuer}"`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return `no key of issuer "${issuer}" matches its header (kid, alg)`;
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return `several keys of issuer "${issuer}" match: the header must name its key (kid)`;
  }
  return 'is malformed or cannot be verified';
}
