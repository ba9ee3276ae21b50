import { describe, expect, it } from '@jest/globals';
import { errors } from 'jose';
import { describeTokenRejection } from './token-rejection.js';

describe('describeTokenRejection', () => {
  it.each([
    [new errors.JWTExpired('x', {}), 'has expired'],
    [
      new errors.JWTClaimValidationFailed('x', {}, 'aud', 'check_failed'),
      'not issued for this resource',
    ],
    [
      new errors.JWTClaimValidationFailed('x', {}, 'iss', 'check_failed'),
      'not issued by the authorization server',
    ],
    [new errors.JWTClaimValidationFailed('x', {}, 'typ', 'check_failed'), 'typ at+jwt'],
    [new errors.JWTClaimValidationFailed('x', {}, 'nbf', 'check_failed'), 'not valid yet'],
    [new errors.JWTClaimValidationFailed('x', {}, 'jti', 'missing'), 'no "jti" claim'],
    [new errors.JOSEAlgNotAllowed('x'), 'asymmetric algorithm'],
    [new errors.JWKSNoMatchingKey(), 'no key published'],
    [new errors.JWKSMultipleMatchingKeys(), 'several keys'],
    [new errors.JWSSignatureVerificationFailed(), 'signature'],
    [new errors.JWSInvalid('x'), 'not a signed JWT'],
    [new errors.JWTInvalid('x'), 'not a signed JWT'],
  ])('describes %p', (error, text) => {
    expect(describeTokenRejection(error)).toContain(text);
  });

  it('leaves errors that are not about the token undescribed', () => {
    expect(describeTokenRejection(new errors.JWKSTimeout())).toBeUndefined();
    expect(describeTokenRejection(new TypeError('fetch failed'))).toBeUndefined();
  });
});
