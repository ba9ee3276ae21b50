import { describe, expect, it } from '@jest/globals';
import { digest } from './credentials/digest.js';
import type { DcrModuleOptions } from './dcr-module-options.js';
import type { TokenEndpointAuthMethod } from './metadata/client-metadata.js';
import { resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError, ISSUER } from './resolved-dcr-options.spec-helpers.js';

describe('resolveDcrOptions', () => {
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
        revokeOnReuse: false,
      });
    });

    it('keeps the configured switch and grace period', () => {
      expect(
        resolveDcrOptions({
          issuer: ISSUER,
          rotateRegistrationAccessToken: true,
          registrationAccessTokenGracePeriodSeconds: 0,
          revokeRegistrationTokensOnReuse: true,
        }).tokenRotation,
      ).toEqual({ enabled: true, gracePeriodSeconds: 0, revokeOnReuse: true });
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
});
