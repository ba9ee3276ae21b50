import { describe, expect, it } from '@jest/globals';
import { digest } from './credentials/digest.js';
import type { DcrModuleOptions } from './dcr-module-options.js';
import type { TokenEndpointAuthMethod } from './metadata/client-metadata.js';
import {
  DCR_OPTIONS,
  DcrOptionsError,
  describeIssuerProblem,
  resolveDcrOptions,
} from './resolved-dcr-options.js';

function expectOptionsError(fn: () => unknown, option: string, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DcrOptionsError);
  const error = caught as DcrOptionsError;
  expect(error.name).toBe('DcrOptionsError');
  expect(error.message).toMatch(new RegExp(`^DcrModule option "${option}" `));
  if (message) expect(error.message).toMatch(message);
}

const ISSUER = 'https://as.example.com';

describe('DCR_OPTIONS', () => {
  it('is a symbol', () => {
    expect(typeof DCR_OPTIONS).toBe('symbol');
  });
});

describe('DcrOptionsError', () => {
  it('is an Error named DcrOptionsError', () => {
    const error = new DcrOptionsError('x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DcrOptionsError');
    expect(error.message).toBe('x');
  });
});

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
  describe('defaults', () => {
    it('resolves the minimal options', () => {
      expect(resolveDcrOptions({ issuer: ISSUER })).toEqual({
        issuer: ISSUER,
        path: 'register',
        registrationEndpoint: 'https://as.example.com/register',
        clientSecretLifetimeSeconds: 0,
        policy: {
          grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
          responseTypes: ['code'],
          tokenEndpointAuthMethods: [
            'none',
            'client_secret_basic',
            'client_secret_post',
            'private_key_jwt',
          ],
          scopes: undefined,
        },
        tokenRotation: { enabled: false, gracePeriodSeconds: 300 },
        adminTokenDigest: undefined,
      });
    });

    it('leaves out implicit by default (RFC 9700 §2.1.2)', () => {
      const { policy } = resolveDcrOptions({ issuer: ISSUER });
      expect(policy.grantTypes).not.toContain('implicit');
      expect(policy.responseTypes).not.toContain('token');
    });
  });

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

  describe('path', () => {
    it.each([
      ['register', 'register'],
      ['/register', 'register'],
      ['/register/', 'register'],
      ['//oauth//register//', 'oauth//register'],
      ['oauth/register', 'oauth/register'],
      ['/oauth/register/', 'oauth/register'],
    ])('normalises the route path %p to %p', (path, expected) => {
      const resolved = resolveDcrOptions({ issuer: ISSUER }, path);
      expect(resolved.path).toBe(expected);
      expect(resolved.registrationEndpoint).toBe(`${ISSUER}/${expected}`);
    });

    it('builds the endpoint from an issuer with a trailing slash and a path with a leading one', () => {
      expect(
        resolveDcrOptions({ issuer: `${ISSUER}/` }, '/connect/register').registrationEndpoint,
      ).toBe('https://as.example.com/connect/register');
    });
  });

  describe('registrationEndpoint', () => {
    it('overrides {issuer}/{path} and keeps the path for routing', () => {
      const resolved = resolveDcrOptions(
        { issuer: ISSUER, registrationEndpoint: 'https://api.example.com/v1/oauth/register' },
        'oauth/register',
      );
      expect(resolved.registrationEndpoint).toBe('https://api.example.com/v1/oauth/register');
      expect(resolved.path).toBe('oauth/register');
      expect(resolved.issuer).toBe(ISSUER);
    });

    it('trims trailing slashes of the override', () => {
      expect(
        resolveDcrOptions({
          issuer: ISSUER,
          registrationEndpoint: 'https://api.example.com/register//',
        }).registrationEndpoint,
      ).toBe('https://api.example.com/register');
    });

    it('accepts an http endpoint on a loopback host', () => {
      expect(
        resolveDcrOptions({
          issuer: 'http://localhost:3000',
          registrationEndpoint: 'http://localhost:3000/api/register',
        }).registrationEndpoint,
      ).toBe('http://localhost:3000/api/register');
    });

    it.each([
      '/register',
      'api.example.com/register',
      'ftp://api.example.com/register',
      'urn:example:register',
      'https://api.example.com/register?x=1',
      'https://api.example.com/register#x',
      'https://api.example.com/re gister',
      '',
      'http://api.example.com/register',
      'https://user:pass@api.example.com/register',
    ])('rejects %p, naming the option', (registrationEndpoint) => {
      expectOptionsError(
        () => resolveDcrOptions({ issuer: ISSUER, registrationEndpoint }),
        'registrationEndpoint',
        /must (be an absolute https URL|use https|not contain)/,
      );
    });

    it.each(['https://api.example.com/register?', 'https://api.example.com/register#'])(
      'rejects %p, whose empty query or fragment would swallow the client_id in registration_client_uri',
      (registrationEndpoint) => {
        expectOptionsError(
          () => resolveDcrOptions({ issuer: ISSUER, registrationEndpoint }),
          'registrationEndpoint',
        );
      },
    );
  });

  describe('clientSecretLifetimeSeconds', () => {
    it.each([0, 1, 3600, Number.MAX_SAFE_INTEGER])('accepts %p', (lifetime) => {
      expect(
        resolveDcrOptions({ issuer: ISSUER, clientSecretLifetimeSeconds: lifetime })
          .clientSecretLifetimeSeconds,
      ).toBe(lifetime);
    });

    it.each([-1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
      'rejects %p, naming the option',
      (lifetime) => {
        expectOptionsError(
          () => resolveDcrOptions({ issuer: ISSUER, clientSecretLifetimeSeconds: lifetime }),
          'clientSecretLifetimeSeconds',
          /must be a whole number of seconds, 0 or more$/,
        );
      },
    );

    it('rejects a lifetime given as a string', () => {
      const options = {
        issuer: ISSUER,
        clientSecretLifetimeSeconds: '3600',
      } as unknown as DcrModuleOptions;
      expectOptionsError(() => resolveDcrOptions(options), 'clientSecretLifetimeSeconds');
    });
  });

  describe('registration access token rotation', () => {
    it('is off by default, with a 300-second grace period', () => {
      expect(resolveDcrOptions({ issuer: ISSUER }).tokenRotation).toEqual({
        enabled: false,
        gracePeriodSeconds: 300,
      });
    });

    it('keeps the configured switch and grace period', () => {
      expect(
        resolveDcrOptions({
          issuer: ISSUER,
          rotateRegistrationAccessToken: true,
          registrationAccessTokenGracePeriodSeconds: 0,
        }).tokenRotation,
      ).toEqual({ enabled: true, gracePeriodSeconds: 0 });
    });

    it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
      'rejects a grace period of %p, naming the option',
      (seconds) => {
        expectOptionsError(
          () =>
            resolveDcrOptions({
              issuer: ISSUER,
              registrationAccessTokenGracePeriodSeconds: seconds,
            }),
          'registrationAccessTokenGracePeriodSeconds',
          /must be a whole number of seconds, 0 or more$/,
        );
      },
    );
  });

  describe('adminToken', () => {
    it('keeps only the SHA-256 digest of the admin token', () => {
      const adminToken = 'a'.repeat(32);
      const resolved = resolveDcrOptions({ issuer: ISSUER, adminToken });
      expect(resolved.adminTokenDigest).toEqual(digest(adminToken));
      expect(JSON.stringify(resolved)).not.toContain(adminToken);
    });

    it('rejects an admin token shorter than 32 characters, naming the option', () => {
      expectOptionsError(
        () => resolveDcrOptions({ issuer: ISSUER, adminToken: 'a'.repeat(31) }),
        'adminToken',
        /must be at least 32 characters long$/,
      );
    });
  });

  describe('grantTypesSupported', () => {
    it.each([
      [['authorization_code'], ['code']],
      [
        ['authorization_code', 'implicit'],
        ['code', 'token'],
      ],
      [['implicit'], ['token']],
      [['client_credentials'], []],
      [['refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'], []],
    ])('derives the response types of %p', (grantTypes, responseTypes) => {
      const { policy } = resolveDcrOptions({ issuer: ISSUER, grantTypesSupported: grantTypes });
      expect(policy.grantTypes).toEqual(grantTypes);
      expect(policy.responseTypes).toEqual(responseTypes);
    });

    it('rejects an empty list, naming the option', () => {
      expectOptionsError(
        () => resolveDcrOptions({ issuer: ISSUER, grantTypesSupported: [] }),
        'grantTypesSupported',
        /must not be empty$/,
      );
    });

    it('copies the list, so later changes to the options do not leak into the policy', () => {
      const grantTypesSupported = ['authorization_code'];
      const { policy } = resolveDcrOptions({ issuer: ISSUER, grantTypesSupported });
      grantTypesSupported.push('implicit');
      expect(policy.grantTypes).toEqual(['authorization_code']);
      expect(policy.responseTypes).toEqual(['code']);
    });
  });

  describe('tokenEndpointAuthMethodsSupported', () => {
    it('keeps the listed methods', () => {
      expect(
        resolveDcrOptions({
          issuer: ISSUER,
          tokenEndpointAuthMethodsSupported: ['none', 'private_key_jwt'],
        }).policy.tokenEndpointAuthMethods,
      ).toEqual(['none', 'private_key_jwt']);
    });

    it.each([
      ['an empty list', []],
      ['an unknown method', ['client_secret_basic', 'tls_client_auth']],
      ['a differently cased method', ['Client_Secret_Basic']],
      ['client_secret_jwt, which needs the plaintext secret', ['client_secret_jwt']],
    ])('rejects %s, naming the option', (_label, methods) => {
      expectOptionsError(
        () =>
          resolveDcrOptions({
            issuer: ISSUER,
            tokenEndpointAuthMethodsSupported: methods as TokenEndpointAuthMethod[],
          }),
        'tokenEndpointAuthMethodsSupported',
        /must list methods among none, client_secret_basic, client_secret_post, private_key_jwt$/,
      );
    });

    it('copies the list', () => {
      const methods: TokenEndpointAuthMethod[] = ['none'];
      const { policy } = resolveDcrOptions({
        issuer: ISSUER,
        tokenEndpointAuthMethodsSupported: methods,
      });
      methods.push('client_secret_basic');
      expect(policy.tokenEndpointAuthMethods).toEqual(['none']);
    });
  });

  describe('scopesSupported', () => {
    it('keeps and copies the listed scopes', () => {
      const scopesSupported = ['openid', 'profile'];
      const { policy } = resolveDcrOptions({ issuer: ISSUER, scopesSupported });
      scopesSupported.push('admin');
      expect(policy.scopes).toEqual(['openid', 'profile']);
    });

    it('keeps an empty list as an empty list, not as "any scope"', () => {
      expect(resolveDcrOptions({ issuer: ISSUER, scopesSupported: [] }).policy.scopes).toEqual([]);
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
