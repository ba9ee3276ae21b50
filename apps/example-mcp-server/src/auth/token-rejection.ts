import { errors } from 'jose';

/**
 * Why jose refused a token, as an `error_description` (RFC 6750 §3.1 `invalid_token`), or
 * `undefined` when the error is not about the token (then it is not the client's fault). The
 * descriptions say which check failed, never anything of the token itself.
 */
export function describeTokenRejection(error: unknown): string | undefined {
  if (error instanceof errors.JWTExpired) return 'the access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return describeClaimFailure(error);
  if (error instanceof errors.JOSEAlgNotAllowed) {
    // RFC 9068 §4: tokens are signed with the authorization server's asymmetric keys; `none` and
    // HMAC (whose key a resource server would have to share) are never accepted.
    return 'the access token is not signed with an accepted asymmetric algorithm';
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'no key published by the authorization server matches the access token';
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'the access token names no key id, and several keys of the authorization server match';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the signature of the access token is not valid';
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'the access token is not a signed JWT (RFC 9068)';
  }
  return undefined;
}

function describeClaimFailure(error: InstanceType<typeof errors.JWTClaimValidationFailed>): string {
  if (error.reason === 'missing') {
    return `the access token has no "${error.claim}" claim (RFC 9068 section 2.2)`;
  }
  switch (error.claim) {
    case 'typ':
      return 'the access token is not an RFC 9068 JWT access token (typ at+jwt, RFC 9068 section 4)';
    case 'iss':
      return 'the access token was not issued by the authorization server this resource trusts';
    case 'aud':
      return 'the access token was not issued for this resource (aud, RFC 8707)';
    case 'nbf':
      return 'the access token is not valid yet (nbf)';
    default:
      return `the access token's "${error.claim}" claim is not valid`;
  }
}
