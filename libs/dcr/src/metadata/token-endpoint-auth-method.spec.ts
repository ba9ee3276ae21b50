import { describe, expect, it } from '@jest/globals';
import { TOKEN_ENDPOINT_AUTH_METHODS } from './client-metadata.js';
import type { MetadataPolicy } from './metadata-policy.js';
import {
  DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD,
  resolveTokenEndpointAuthMethod,
  usesClientSecret,
} from './token-endpoint-auth-method.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const ALL_METHODS: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: [...TOKEN_ENDPOINT_AUTH_METHODS],
};
const CODE = ['authorization_code'];

describe('DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD', () => {
  it('is client_secret_basic (RFC 7591 §2)', () => {
    expect(DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD).toBe('client_secret_basic');
  });
});

describe('usesClientSecret', () => {
  it.each([
    ['client_secret_basic', true],
    ['client_secret_post', true],
    ['client_secret_jwt', true],
    ['none', false],
    ['private_key_jwt', false],
  ] as const)('%s -> %p', (method, expected) => {
    expect(usesClientSecret(method)).toBe(expected);
  });
});

describe('resolveTokenEndpointAuthMethod', () => {
  it('defaults to client_secret_basic', () => {
    expect(resolveTokenEndpointAuthMethod(undefined, CODE, false, ALL_METHODS)).toBe(
      'client_secret_basic',
    );
  });

  it.each(['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt'])(
    'returns the requested supported method %s',
    (method) => {
      expect(resolveTokenEndpointAuthMethod(method, CODE, false, ALL_METHODS)).toBe(method);
    },
  );

  it('rejects a method the server does not support, listing the supported ones', () => {
    const policy: MetadataPolicy = {
      ...ALL_METHODS,
      tokenEndpointAuthMethods: ['none', 'private_key_jwt'],
    };
    expectOAuthError(
      () => resolveTokenEndpointAuthMethod('client_secret_post', CODE, false, policy),
      'invalid_client_metadata',
      /^token_endpoint_auth_method: "client_secret_post" is not supported \(supported: none, private_key_jwt\)$/,
      '/token_endpoint_auth_method',
    );
  });

  it('rejects the default when the server does not support client_secret_basic', () => {
    const policy: MetadataPolicy = { ...ALL_METHODS, tokenEndpointAuthMethods: ['none'] };
    expectOAuthError(
      () => resolveTokenEndpointAuthMethod(undefined, CODE, false, policy),
      'invalid_client_metadata',
      /^token_endpoint_auth_method: "client_secret_basic" is not supported \(supported: none\)$/,
      '/token_endpoint_auth_method',
    );
  });

  describe('client_credentials needs a confidential client (RFC 6749 §4.4)', () => {
    it('rejects none with client_credentials', () => {
      expectOAuthError(
        () =>
          resolveTokenEndpointAuthMethod(
            'none',
            ['authorization_code', 'client_credentials'],
            false,
            ALL_METHODS,
          ),
        'invalid_client_metadata',
        /^grant_types: client_credentials needs a confidential client, so token_endpoint_auth_method must not be "none" \(RFC 6749 §4\.4\)$/,
        '/token_endpoint_auth_method',
      );
    });

    it('rejects none with client_credentials even when the client has keys', () => {
      expectOAuthError(
        () => resolveTokenEndpointAuthMethod('none', ['client_credentials'], true, ALL_METHODS),
        'invalid_client_metadata',
        /client_credentials needs a confidential client/,
        '/token_endpoint_auth_method',
      );
    });

    it.each(['client_secret_basic', 'client_secret_post', 'client_secret_jwt'])(
      'accepts %s with client_credentials',
      (method) => {
        expect(
          resolveTokenEndpointAuthMethod(method, ['client_credentials'], false, ALL_METHODS),
        ).toBe(method);
      },
    );

    it('accepts private_key_jwt with client_credentials when the client has keys', () => {
      expect(
        resolveTokenEndpointAuthMethod(
          'private_key_jwt',
          ['client_credentials'],
          true,
          ALL_METHODS,
        ),
      ).toBe('private_key_jwt');
    });

    it('accepts none without client_credentials', () => {
      expect(
        resolveTokenEndpointAuthMethod(
          'none',
          ['authorization_code', 'refresh_token'],
          false,
          ALL_METHODS,
        ),
      ).toBe('none');
    });
  });

  describe('private_key_jwt needs the client keys', () => {
    it('accepts private_key_jwt with jwks or jwks_uri', () => {
      expect(resolveTokenEndpointAuthMethod('private_key_jwt', CODE, true, ALL_METHODS)).toBe(
        'private_key_jwt',
      );
    });

    it('rejects private_key_jwt without keys', () => {
      expectOAuthError(
        () => resolveTokenEndpointAuthMethod('private_key_jwt', CODE, false, ALL_METHODS),
        'invalid_client_metadata',
        /^token_endpoint_auth_method: private_key_jwt needs the client's public keys in jwks or jwks_uri$/,
        '/token_endpoint_auth_method',
      );
    });

    it('checks server support before the keys', () => {
      const policy: MetadataPolicy = {
        ...ALL_METHODS,
        tokenEndpointAuthMethods: ['client_secret_basic'],
      };
      expectOAuthError(
        () => resolveTokenEndpointAuthMethod('private_key_jwt', CODE, false, policy),
        'invalid_client_metadata',
        /^token_endpoint_auth_method: "private_key_jwt" is not supported/,
        '/token_endpoint_auth_method',
      );
    });
  });
});
