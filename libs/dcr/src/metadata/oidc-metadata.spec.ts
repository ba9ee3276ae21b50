import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { checkOidcMetadata, type OidcMetadataRequest } from './oidc-metadata.js';

const REDIRECTS = ['https://app.example.com/cb'];

function expectRefused(
  request: OidcMetadataRequest,
  description: RegExp,
  field: string,
  hasKeys = true,
): void {
  expectOAuthError(
    () => checkOidcMetadata(request, hasKeys, REDIRECTS),
    'invalid_client_metadata',
    description,
    field,
  );
}

describe('checkOidcMetadata (OpenID Connect Registration 1.0 §2)', () => {
  it('accepts a full, consistent set of members', () => {
    expect(() =>
      checkOidcMetadata(
        {
          id_token_signed_response_alg: 'ES256',
          id_token_encrypted_response_alg: 'RSA-OAEP-256',
          id_token_encrypted_response_enc: 'A256GCM',
          userinfo_signed_response_alg: 'PS256',
          userinfo_encrypted_response_alg: 'ECDH-ES+A128KW',
          userinfo_encrypted_response_enc: 'A128CBC-HS256',
          request_object_signing_alg: 'EdDSA',
          request_object_encryption_alg: 'RSA-OAEP',
          request_object_encryption_enc: 'A192GCM',
          token_endpoint_auth_signing_alg: 'RS256',
          sector_identifier_uri: 'https://app.example.com/sector.json',
          subject_type: 'pairwise',
          initiate_login_uri: 'https://app.example.com/login',
          request_uris: ['https://app.example.com/req/1#hash'],
        },
        true,
        REDIRECTS,
      ),
    ).not.toThrow();
  });

  it('accepts an encryption alg without enc (the default enc is A128CBC-HS256)', () => {
    expect(() =>
      checkOidcMetadata({ id_token_encrypted_response_alg: 'RSA-OAEP' }, true, REDIRECTS),
    ).not.toThrow();
  });

  describe('algorithms', () => {
    it.each([
      'id_token_signed_response_alg',
      'userinfo_signed_response_alg',
      'request_object_signing_alg',
      'token_endpoint_auth_signing_alg',
    ] as const)('refuses HS256 for %s (keyed with the client secret)', (field) => {
      expectRefused(
        { [field]: 'HS256' },
        new RegExp(`^${field}: "HS256" is keyed with the client secret`),
        `/${field}`,
      );
    });

    it('refuses none for token_endpoint_auth_signing_alg only', () => {
      expectRefused(
        { token_endpoint_auth_signing_alg: 'none' },
        /^token_endpoint_auth_signing_alg: "none" is an unsigned JWT/,
        '/token_endpoint_auth_signing_alg',
      );
      expect(() =>
        checkOidcMetadata(
          {
            id_token_signed_response_alg: 'none',
            userinfo_signed_response_alg: 'none',
            request_object_signing_alg: 'none',
          },
          false,
          REDIRECTS,
        ),
      ).not.toThrow();
    });

    it.each([
      ['id_token_encrypted_response_alg', 'dir'],
      ['userinfo_encrypted_response_alg', 'A128KW'],
      ['request_object_encryption_alg', 'A256GCMKW'],
    ] as const)('refuses the symmetric %s %s', (field, value) => {
      expectRefused({ [field]: value }, /is keyed with the client secret/, `/${field}`);
    });

    it.each([
      ['id_token_signed_response_alg', 'RSA-OAEP'],
      ['id_token_encrypted_response_alg', 'RSA1_5'],
      ['id_token_encrypted_response_alg', 'RS256'],
      ['userinfo_signed_response_alg', 'es256'],
    ] as const)('refuses %s = %s, which is not in its registry', (field, value) => {
      expectRefused({ [field]: value }, /this server accepts \(accepted: /, `/${field}`);
    });

    it.each([
      ['id_token_encrypted_response_enc', 'id_token_encrypted_response_alg'],
      ['userinfo_encrypted_response_enc', 'userinfo_encrypted_response_alg'],
      ['request_object_encryption_enc', 'request_object_encryption_alg'],
    ] as const)('refuses %s without %s', (field, needed) => {
      expectRefused(
        { [field]: 'A128GCM' },
        new RegExp(`^${field}: needs ${needed} as well`),
        `/${field}`,
      );
    });

    it.each([
      ['id_token_encrypted_response_alg', 'RSA-OAEP'],
      ['userinfo_encrypted_response_alg', 'ECDH-ES'],
      ['request_object_signing_alg', 'ES256'],
    ] as const)('refuses %s = %s for a client without registered keys', (field, value) => {
      expectRefused(
        { [field]: value },
        new RegExp(`^${field}: "${value}" uses the client's public keys; register them`),
        `/${field}`,
        false,
      );
    });

    it('needs no client keys to encrypt request objects to the server', () => {
      expect(() =>
        checkOidcMetadata({ request_object_encryption_alg: 'RSA-OAEP' }, false, REDIRECTS),
      ).not.toThrow();
    });
  });

  describe('URIs', () => {
    it.each([
      ['sector_identifier_uri', 'http://app.example.com/sector.json'],
      ['sector_identifier_uri', 'app.example.com/sector.json'],
      ['initiate_login_uri', 'http://127.0.0.1/login'],
      ['initiate_login_uri', 'javascript:alert(1)'],
    ] as const)('refuses %s = %s, which is not https', (field, value) => {
      expectRefused(
        { [field]: value },
        new RegExp(`^${field}: must be an absolute https URL`),
        `/${field}`,
      );
    });

    it('refuses a request_uri that is not https, naming its index', () => {
      expectRefused(
        { request_uris: ['https://app.example.com/r', 'http://app.example.com/r'] },
        /^request_uris\[1\]: must be an absolute https URL$/,
        '/request_uris/1',
      );
    });
  });

  describe('pairwise subjects (OpenID Connect Core 1.0 §8.1)', () => {
    const twoHosts = ['https://a.example/cb', 'https://b.example/cb'];

    it('needs sector_identifier_uri when the redirect URIs have several hosts', () => {
      expectOAuthError(
        () => checkOidcMetadata({ subject_type: 'pairwise' }, false, twoHosts),
        'invalid_client_metadata',
        /^sector_identifier_uri: required for pairwise subject identifiers/,
        '/sector_identifier_uri',
      );
    });

    it('accepts one host, a sector identifier, or public subjects', () => {
      expect(() =>
        checkOidcMetadata({ subject_type: 'pairwise' }, false, [
          'https://a.example/cb',
          'https://a.example/other',
          'com.example.app:/cb',
        ]),
      ).not.toThrow();
      expect(() =>
        checkOidcMetadata(
          { subject_type: 'pairwise', sector_identifier_uri: 'https://a.example/s.json' },
          false,
          twoHosts,
        ),
      ).not.toThrow();
      expect(() => checkOidcMetadata({ subject_type: 'public' }, false, twoHosts)).not.toThrow();
    });
  });
});
