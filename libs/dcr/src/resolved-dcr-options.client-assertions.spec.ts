import { describe, expect, it } from '@jest/globals';
import { describeEndpointProblem, resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError, ISSUER } from './resolved-dcr-options.spec-helpers.js';

describe('resolveDcrOptions: tokenEndpoint and clientAssertions', () => {
  it('accepts assertions for the token endpoint and the issuer, in that order', () => {
    const resolved = resolveDcrOptions({
      issuer: `${ISSUER}/`,
      tokenEndpoint: 'https://as.example.com/oauth/token',
    });
    expect(resolved.tokenEndpoint).toBe('https://as.example.com/oauth/token');
    expect(resolved.clientAssertions.audiences).toEqual([
      'https://as.example.com/oauth/token',
      ISSUER,
    ]);
  });

  it('keeps the limits it is given', () => {
    expect(
      resolveDcrOptions({
        issuer: ISSUER,
        clientAssertions: {
          maxLifetimeSeconds: 600,
          clockToleranceSeconds: 0,
          jwksRefetchIntervalSeconds: 1,
        },
      }).clientAssertions,
    ).toEqual({
      audiences: [ISSUER],
      maxLifetimeSeconds: 600,
      clockToleranceSeconds: 0,
      jwksRefetchIntervalSeconds: 1,
    });
  });

  it.each([
    ['maxLifetimeSeconds', 0, /from 1 to 3600$/],
    ['maxLifetimeSeconds', 3601, /from 1 to 3600$/],
    ['clockToleranceSeconds', -1, /from 0 to 300$/],
    ['clockToleranceSeconds', 1.5, /from 0 to 300$/],
    ['jwksRefetchIntervalSeconds', 0, /from 1 to 3600$/],
    ['jwksRefetchIntervalSeconds', Number.NaN, /from 1 to 3600$/],
  ])('refuses clientAssertions.%s = %p', (option, value, message) => {
    expectOptionsError(
      () => resolveDcrOptions({ issuer: ISSUER, clientAssertions: { [option]: value } }),
      `clientAssertions.${option}`,
      message,
    );
  });

  it.each([
    ['http on a public host', 'http://as.example.com/token', /must use https/],
    ['a fragment', 'https://as.example.com/token#x', /fragment/],
    ['user credentials', 'https://user:pw@as.example.com/token', /credentials/],
    ['a relative URL', '/token', /absolute https URL/],
  ])('refuses a tokenEndpoint with %s', (_label, tokenEndpoint, message) => {
    expectOptionsError(
      () => resolveDcrOptions({ issuer: ISSUER, tokenEndpoint }),
      'tokenEndpoint',
      message,
    );
  });

  it('accepts a token endpoint with a query, or on loopback http (RFC 6749 §3.2)', () => {
    expect(describeEndpointProblem('https://as.example.com/token?tenant=a')).toBeUndefined();
    expect(describeEndpointProblem('http://127.0.0.1:3000/token')).toBeUndefined();
  });
});
