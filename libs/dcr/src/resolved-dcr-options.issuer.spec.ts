import { describe, expect, it } from '@jest/globals';
import { describeIssuerProblem, resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError } from './resolved-dcr-options.spec-helpers.js';

describe('describeIssuerProblem (RFC 8414 §2)', () => {
  it.each([
    'https://as.example.com',
    'https://as.example.com/',
    'https://as.example.com/tenant/a',
    'https://as.example.com:8443',
    'HTTPS://AS.EXAMPLE.COM',
    'http://localhost',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://[::1]',
    'http://[::1]:8080/issuer',
  ])('accepts %s', (issuer) => {
    expect(describeIssuerProblem(issuer)).toBeUndefined();
  });

  it.each([
    '',
    'as.example.com',
    '/issuer',
    '//as.example.com',
    'ftp://as.example.com',
    'wss://as.example.com',
    'urn:example:issuer',
    'javascript:alert(1)',
    ' https://as.example.com',
    'https://as.example.com ',
    'https://as.example.com/a b',
    'https://',
  ])('rejects %p as not an absolute https URL', (issuer) => {
    expect(describeIssuerProblem(issuer)).toBe('must be an absolute https URL');
  });

  it.each([
    'http://as.example.com',
    'http://localhost.evil.com',
    'http://localhost.',
    'http://127.0.0.2',
    'http://0.0.0.0',
    'http://192.168.0.1',
  ])('rejects plain http on the non-loopback host of %s', (issuer) => {
    expect(describeIssuerProblem(issuer)).toBe(
      'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)',
    );
  });

  it.each([
    'https://as.example.com?tenant=a',
    'https://as.example.com/?',
    'https://as.example.com?',
    'https://as.example.com#',
    'https://as.example.com/#frag',
    'https://as.example.com/path?#',
    'http://localhost:3000?x',
  ])('rejects %s, which has a query or fragment', (issuer) => {
    expect(describeIssuerProblem(issuer)).toBe(
      'must not contain a query or fragment (RFC 8414 §2)',
    );
  });

  it.each([
    'https://user:pass@as.example.com',
    'https://user@as.example.com',
    'https://:pass@as.example.com',
    'http://user@localhost:3000',
  ])('rejects %s, which has user credentials', (issuer) => {
    expect(describeIssuerProblem(issuer)).toBe('must not contain user credentials');
  });
});

describe('resolveDcrOptions', () => {
  describe('issuer', () => {
    it.each([
      ['https://as.example.com/', 'https://as.example.com'],
      ['https://as.example.com///', 'https://as.example.com'],
      ['https://as.example.com/tenant/', 'https://as.example.com/tenant'],
      ['http://localhost:3000/', 'http://localhost:3000'],
    ])('trims the trailing slash of %s', (issuer, expected) => {
      const resolved = resolveDcrOptions({ issuer });
      expect(resolved.issuer).toBe(expected);
      expect(resolved.registrationEndpoint).toBe(`${expected}/register`);
    });

    it('keeps an issuer with a path', () => {
      expect(resolveDcrOptions({ issuer: 'https://as.example.com/tenant/a' })).toMatchObject({
        issuer: 'https://as.example.com/tenant/a',
        registrationEndpoint: 'https://as.example.com/tenant/a/register',
      });
    });

    it.each([
      ['http://as.example.com', /must use https/],
      ['http://localhost.evil.com', /must use https/],
      ['as.example.com', /must be an absolute https URL$/],
      ['https://as.example.com?x=1', /must not contain a query or fragment/],
      ['https://as.example.com#', /must not contain a query or fragment/],
      ['https://user:pass@as.example.com', /must not contain user credentials$/],
    ])('rejects %s, naming the issuer option', (issuer, message) => {
      expectOptionsError(() => resolveDcrOptions({ issuer }), 'issuer', message);
    });
  });

  it('checks the issuer before the other options', () => {
    expectOptionsError(
      () =>
        resolveDcrOptions({
          issuer: 'http://as.example.com',
          clientSecretLifetimeSeconds: -1,
          grantTypesSupported: [],
        }),
      'issuer',
    );
  });
});
