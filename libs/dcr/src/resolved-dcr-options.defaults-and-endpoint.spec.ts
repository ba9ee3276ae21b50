import { describe, expect, it } from '@jest/globals';
import { DCR_OPTIONS, DcrOptionsError, resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError, ISSUER } from './resolved-dcr-options.spec-helpers.js';

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
          narrow: { grantTypes: true, responseTypes: true, scopes: true },
          redirectUriPolicy: 'compatible',
          uriHostMismatch: 'flag',
          loopbackHttpFetches: false,
        },
        tokenRotation: { enabled: false, gracePeriodSeconds: 300, revokeOnReuse: false },
        statementTimeoutMs: 10_000,
        adminTokenDigest: undefined,
        outbound: { allowLoopbackHttp: false, connectTimeoutMs: 3000, timeoutMs: 5000 },
        tokenEndpoint: undefined,
        clientAssertions: {
          audiences: [ISSUER],
          maxLifetimeSeconds: 300,
          clockToleranceSeconds: 30,
          jwksRefetchIntervalSeconds: 30,
        },
        cimd: {
          enabled: true,
          allowedHosts: [],
          deniedHosts: [],
          cacheLifetime: { minSeconds: 60, maxSeconds: 86_400 },
        },
        rateLimit: {
          enabled: false,
          perClientIp: undefined,
          perHost: undefined,
          global: undefined,
          exemptInitialAccessTokens: true,
          trustedProxies: [],
        },
        clientReaper: {
          enabled: false,
          unusedAfterHours: undefined,
          idleAfterDays: undefined,
          intervalSeconds: 3600,
          batchSize: 500,
        },
        registration: {
          mode: 'open',
          rules: { origin: 'module rules', requireSoftwareStatement: false, approval: 'none' },
          anonymousRules: {
            origin: 'rules for anonymous registrations',
            requireSoftwareStatement: false,
            approval: 'none',
          },
          initialAccessTokenRules: {
            origin: 'rules for initial access tokens',
            requireSoftwareStatement: false,
            approval: 'none',
          },
          quotas: {},
        },
        softwareStatementIssuers: [],
      });
    });

    it('leaves out implicit by default (RFC 9700 §2.1.2)', () => {
      const { policy } = resolveDcrOptions({ issuer: ISSUER });
      expect(policy.grantTypes).not.toContain('implicit');
      expect(policy.responseTypes).not.toContain('token');
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
});
