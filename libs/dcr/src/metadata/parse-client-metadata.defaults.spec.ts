import { describe, expect, it } from '@jest/globals';
import { parseClientMetadata } from './parse-client-metadata.js';
import {
  EC_KEY,
  expectOAuthError,
  POLICY,
  REDIRECT,
} from './parse-client-metadata.spec-helpers.js';

describe('parseClientMetadata', () => {
  describe('defaults (RFC 7591 §2)', () => {
    it('applies the defaults to a minimal request', () => {
      expect(parseClientMetadata({ redirect_uris: [REDIRECT] }, POLICY)).toEqual({
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
    });

    it('requires redirect_uris for the default authorization_code grant', () => {
      expectOAuthError(
        () => parseClientMetadata({}, POLICY),
        'invalid_redirect_uri',
        /^redirect_uris is required for the authorization_code grant$/,
      );
    });

    it('registers a client_credentials client with no redirect URIs and no response types', () => {
      expect(parseClientMetadata({ grant_types: ['client_credentials'] }, POLICY)).toEqual({
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
      });
    });

    it('derives grant_types from response_types', () => {
      const metadata = parseClientMetadata(
        { redirect_uris: [REDIRECT], response_types: ['code'] },
        POLICY,
      );
      expect(metadata.grant_types).toEqual(['authorization_code']);
      expect(metadata.response_types).toEqual(['code']);
    });
  });

  describe('null is treated as omitted', () => {
    it('applies the defaults for null grant_types, response_types and auth method', () => {
      expect(
        parseClientMetadata(
          {
            redirect_uris: [REDIRECT],
            grant_types: null,
            response_types: null,
            token_endpoint_auth_method: null,
            client_name: null,
            client_uri: null,
            logo_uri: null,
            scope: null,
            contacts: null,
            tos_uri: null,
            policy_uri: null,
            jwks_uri: null,
            jwks: null,
            software_id: null,
            software_version: null,
            software_statement: null,
            'client_name#fr': null,
          },
          POLICY,
        ),
      ).toEqual({
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
    });

    it('treats null redirect_uris as missing', () => {
      expectOAuthError(
        () => parseClientMetadata({ redirect_uris: null }, POLICY),
        'invalid_redirect_uri',
        /^redirect_uris is required for the authorization_code grant$/,
      );
    });

    it('treats null jwks as no keys for private_key_jwt', () => {
      expectOAuthError(
        () =>
          parseClientMetadata(
            {
              grant_types: ['client_credentials'],
              token_endpoint_auth_method: 'private_key_jwt',
              jwks: null,
              jwks_uri: null,
            },
            POLICY,
          ),
        'invalid_client_metadata',
        /^token_endpoint_auth_method: private_key_jwt needs the client's public keys/,
      );
    });

    it('does not count a null jwks_uri as present alongside jwks', () => {
      const metadata = parseClientMetadata(
        {
          grant_types: ['client_credentials'],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [EC_KEY] },
          jwks_uri: null,
        },
        POLICY,
      );
      expect(metadata.jwks).toEqual({ keys: [EC_KEY] });
      expect(metadata).not.toHaveProperty('jwks_uri');
    });
  });
});
