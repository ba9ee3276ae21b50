import { describe, expect, it } from '@jest/globals';
import {
  ASYMMETRIC_JWE_ALGORITHMS,
  ASYMMETRIC_JWS_ALGORITHMS,
  describeAlgorithmProblem,
  JWE_ENCRYPTION_ALGORITHMS,
} from './jose-algorithms.js';

describe('describeAlgorithmProblem', () => {
  it.each(ASYMMETRIC_JWS_ALGORITHMS)('accepts the JWS algorithm %s', (alg) => {
    expect(describeAlgorithmProblem('jws', alg, false)).toBeUndefined();
  });

  it.each(ASYMMETRIC_JWE_ALGORITHMS)('accepts the JWE key management algorithm %s', (alg) => {
    expect(describeAlgorithmProblem('jwe-alg', alg, false)).toBeUndefined();
  });

  it.each(JWE_ENCRYPTION_ALGORITHMS)('accepts the JWE content encryption %s', (enc) => {
    expect(describeAlgorithmProblem('jwe-enc', enc, false)).toBeUndefined();
  });

  it('accepts none only where it is allowed', () => {
    expect(describeAlgorithmProblem('jws', 'none', true)).toBeUndefined();
    expect(describeAlgorithmProblem('jws', 'none', false)).toMatch(/unsigned JWT/);
  });

  it.each(['HS256', 'HS384', 'HS512'])(
    'refuses %s, keyed with the secret this server keeps only as a digest',
    (alg) => {
      expect(describeAlgorithmProblem('jws', alg, true)).toMatch(
        new RegExp(`^"${alg}" is keyed with the client secret .*only as a digest`),
      );
    },
  );

  it.each(['A128KW', 'A256GCMKW', 'dir', 'PBES2-HS256+A128KW'])(
    'refuses the symmetric key management algorithm %s',
    (alg) => {
      expect(describeAlgorithmProblem('jwe-alg', alg, false)).toMatch(
        /keyed with the client secret/,
      );
    },
  );

  it.each([
    ['jws', 'rs256'],
    ['jws', 'RSA-OAEP'],
    ['jws', 'ES256 '],
    ['jwe-alg', 'RSA1_5'],
    ['jwe-alg', 'RS256'],
    ['jwe-enc', 'A128KW'],
    ['jwe-enc', 'none'],
  ] as const)('refuses the %s value %p, naming the accepted list', (kind, value) => {
    expect(describeAlgorithmProblem(kind, value, true)).toMatch(
      /is not a JW[SE] .*this server accepts \(accepted: /,
    );
  });
});
