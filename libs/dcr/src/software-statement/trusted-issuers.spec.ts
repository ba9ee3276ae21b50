import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, generateSecret } from 'jose';
import { DcrOptionProblem } from '../policy/option-problem.js';
import { resolveTrustedIssuers, type TrustedIssuerOptions } from './trusted-issuers.js';

function problemOf(issuers: unknown): DcrOptionProblem {
  try {
    resolveTrustedIssuers(issuers as TrustedIssuerOptions[]);
  } catch (error) {
    expect(error).toBeInstanceOf(DcrOptionProblem);
    return error as DcrOptionProblem;
  }
  throw new Error('expected a DcrOptionProblem');
}

describe('resolveTrustedIssuers', () => {
  it('applies defaults', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const jwks = { keys: [await exportJWK(publicKey)] };
    expect(
      resolveTrustedIssuers([{ issuer: 'https://i.example', jwks, algorithms: ['ES256'] }]),
    ).toEqual([
      {
        issuer: 'https://i.example',
        jwks,
        jwksUri: undefined,
        algorithms: ['ES256'],
        audience: undefined,
        clockToleranceSeconds: 30,
        allowedFields: undefined,
        jwksCacheMaxAgeSeconds: 600,
        jwksCooldownSeconds: 30,
      },
    ]);
  });

  it('accepts a jwks_uri on https, or on http for a loopback host (the fetcher decides)', () => {
    expect(
      resolveTrustedIssuers([
        { issuer: 'a', jwksUri: 'https://i.example/jwks', algorithms: ['RS256'] },
        { issuer: 'b', jwksUri: 'http://127.0.0.1:8080/jwks', algorithms: ['EdDSA'] },
      ]),
    ).toHaveLength(2);
  });

  it.each([
    ['none', 'none'],
    ['HS256', 'HS256'],
    ['an unknown algorithm', 'ES999'],
  ])('refuses %s as an algorithm', (_case, alg) => {
    expect(
      problemOf([{ issuer: 'a', jwksUri: 'https://i.example/jwks', algorithms: [alg] }]).option,
    ).toBe('softwareStatementIssuers[0].algorithms');
  });

  it('refuses a private key and a symmetric key in a static JWK Set', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const secret = await generateSecret('HS256', { extractable: true });
    for (const key of [await exportJWK(privateKey), await exportJWK(secret)]) {
      expect(
        problemOf([{ issuer: 'a', jwks: { keys: [key] }, algorithms: ['ES256'] }]).option,
      ).toBe('softwareStatementIssuers[0].jwks.keys[0]');
    }
  });

  it.each([
    [
      [{ jwksUri: 'https://i.example/jwks', algorithms: ['ES256'] }],
      'softwareStatementIssuers[0].issuer',
    ],
    [[{ issuer: 'a', algorithms: ['ES256'] }], 'softwareStatementIssuers[0]'],
    [
      [{ issuer: 'a', jwksUri: 'http://i.example/jwks', algorithms: ['ES256'] }],
      'softwareStatementIssuers[0].jwksUri',
    ],
    [
      [{ issuer: 'a', jwks: { nokeys: [] }, algorithms: ['ES256'] }],
      'softwareStatementIssuers[0].jwks',
    ],
    [
      [{ issuer: 'a', jwksUri: 'https://i.example/j', algorithms: ['ES256'], audience: 7 }],
      'softwareStatementIssuers[0].audience',
    ],
    [
      [
        {
          issuer: 'a',
          jwksUri: 'https://i.example/j',
          algorithms: ['ES256'],
          clockToleranceSeconds: -1,
        },
      ],
      'softwareStatementIssuers[0].clockToleranceSeconds',
    ],
    [
      [
        {
          issuer: 'a',
          jwksUri: 'https://i.example/j',
          algorithms: ['ES256'],
          allowedFields: 'client_name',
        },
      ],
      'softwareStatementIssuers[0].allowedFields',
    ],
    [
      [
        { issuer: 'a', jwksUri: 'https://i.example/j', algorithms: ['ES256'] },
        { issuer: 'a', jwksUri: 'https://i.example/k', algorithms: ['ES256'] },
      ],
      'softwareStatementIssuers[1].issuer',
    ],
  ])('refuses %j, naming %s', (issuers, option) => {
    expect(problemOf(issuers).option).toBe(option);
  });
});
