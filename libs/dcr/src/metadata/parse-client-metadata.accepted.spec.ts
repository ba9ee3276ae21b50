import { describe, expect, it } from '@jest/globals';
import { parseClientMetadata } from './parse-client-metadata.js';
import {
  EC_KEY,
  expectOAuthError,
  POLICY,
  REDIRECT,
} from './parse-client-metadata.spec-helpers.js';

describe('parseClientMetadata', () => {
  it('keeps every understood field and the language-tagged variants, and nothing else', () => {
    const metadata = parseClientMetadata(
      {
        redirect_uris: [REDIRECT, 'http://127.0.0.1:8080/cb'],
        token_endpoint_auth_method: 'private_key_jwt',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        client_name: 'Example Client',
        'client_name#ja-Jpan-JP': '\u30af\u30e9\u30a4\u30a2\u30f3\u30c8',
        'client_name#fr': 'Client exemple',
        client_uri: 'https://client.example.com',
        'client_uri#fr': 'https://client.example.com/fr',
        logo_uri: 'https://client.example.com/logo.png',
        'logo_uri#fr': 'https://client.example.com/logo-fr.png',
        scope: 'openid profile',
        'scope#fr': 'ignored',
        contacts: ['ops@client.example.com'],
        tos_uri: 'http://client.example.com/tos',
        'tos_uri#de': 'https://client.example.com/agb',
        policy_uri: 'https://client.example.com/policy',
        'policy_uri#de': 'https://client.example.com/datenschutz',
        jwks: { keys: [EC_KEY] },
        software_id: 'software-1',
        software_version: '1.0.0',
        client_id: 'chosen-by-client',
        client_secret: 'chosen-by-client',
        client_secret_expires_at: 1,
        registration_access_token: 'chosen-by-client',
        unknown_field: 'ignored',
      },
      POLICY,
    );
    expect(metadata).toEqual({
      redirect_uris: [REDIRECT, 'http://127.0.0.1:8080/cb'],
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Example Client',
      'client_name#ja-Jpan-JP': '\u30af\u30e9\u30a4\u30a2\u30f3\u30c8',
      'client_name#fr': 'Client exemple',
      client_uri: 'https://client.example.com',
      'client_uri#fr': 'https://client.example.com/fr',
      logo_uri: 'https://client.example.com/logo.png',
      'logo_uri#fr': 'https://client.example.com/logo-fr.png',
      scope: 'openid profile',
      contacts: ['ops@client.example.com'],
      tos_uri: 'http://client.example.com/tos',
      'tos_uri#de': 'https://client.example.com/agb',
      policy_uri: 'https://client.example.com/policy',
      'policy_uri#de': 'https://client.example.com/datenschutz',
      jwks: { keys: [EC_KEY] },
      software_id: 'software-1',
      software_version: '1.0.0',
    });
  });

  it('returns a plain object, not the request DTO', () => {
    const metadata = parseClientMetadata({ redirect_uris: [REDIRECT] }, POLICY);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  });

  it('does not pollute Object.prototype through __proto__ or constructor keys', () => {
    const body = JSON.parse(
      '{"redirect_uris":["https://client.example.com/cb"],"__proto__":{"polluted":"yes"},' +
        '"constructor":{"prototype":{"polluted2":"yes"}},"__proto__#fr":{"polluted3":"yes"}}',
    ) as Record<string, unknown>;
    const metadata = parseClientMetadata(body, POLICY);
    expect(Object.keys(metadata).sort()).toEqual([
      'grant_types',
      'redirect_uris',
      'response_types',
      'token_endpoint_auth_method',
    ]);
    const fresh = {} as Record<string, unknown>;
    expect(fresh.polluted).toBeUndefined();
    expect(fresh.polluted2).toBeUndefined();
    expect(fresh.polluted3).toBeUndefined();
  });

  describe('accepted variants', () => {
    it('accepts a public client with authorization_code', () => {
      expect(
        parseClientMetadata(
          { redirect_uris: ['http://[::1]:8080/cb'], token_endpoint_auth_method: 'none' },
          POLICY,
        ).token_endpoint_auth_method,
      ).toBe('none');
    });

    it('accepts private_key_jwt with jwks_uri', () => {
      const metadata = parseClientMetadata(
        {
          grant_types: ['client_credentials'],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks_uri: 'https://client.example.com/jwks.json',
        },
        POLICY,
      );
      expect(metadata).toEqual({
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        grant_types: ['client_credentials'],
        response_types: [],
        jwks_uri: 'https://client.example.com/jwks.json',
      });
    });

    it('accepts a private-use scheme redirect URI for a native app and keeps it as sent', () => {
      expect(
        parseClientMetadata(
          {
            redirect_uris: ['com.example.app:/oauth2redirect'],
            token_endpoint_auth_method: 'none',
          },
          POLICY,
        ).redirect_uris,
      ).toEqual(['com.example.app:/oauth2redirect']);
    });

    it('accepts a private-use scheme that is not in reverse-domain form, unless strict', () => {
      // Deployed clients register such schemes (Cursor's cursor://anysphere.cursor-mcp/...).
      expect(parseClientMetadata({ redirect_uris: ['myapp:/cb'] }, POLICY).redirect_uris).toEqual([
        'myapp:/cb',
      ]);
      expectOAuthError(
        () =>
          parseClientMetadata(
            { redirect_uris: ['myapp:/cb'], application_type: 'native' },
            { ...POLICY, redirectUriPolicy: 'strict' },
          ),
        'invalid_redirect_uri',
        /^redirect_uris\[0\]: scheme "myapp" is not allowed/,
        '/redirect_uris/0',
      );
    });

    it('removes duplicate grant types', () => {
      expect(
        parseClientMetadata(
          {
            redirect_uris: [REDIRECT],
            grant_types: ['authorization_code', 'refresh_token', 'authorization_code'],
          },
          POLICY,
        ).grant_types,
      ).toEqual(['authorization_code', 'refresh_token']);
    });
  });
});
