import { describe, expect, it } from '@jest/globals';
import { OAuthError, type OAuthErrorCode } from '../errors/oauth-error.js';
import { TOKEN_ENDPOINT_AUTH_METHODS } from './client-metadata.js';
import type { MetadataPolicy } from './metadata-policy.js';
import { parseClientMetadata } from './parse-client-metadata.js';

function expectOAuthError(fn: () => unknown, code: OAuthErrorCode, description: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OAuthError);
  const error = caught as OAuthError;
  expect(error.error).toBe(code);
  expect(error.status).toBe(400);
  expect(error.description).toMatch(description);
}

/** The policy the default module options resolve to. */
const POLICY: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: [...TOKEN_ENDPOINT_AUTH_METHODS],
};

const REDIRECT = 'https://client.example.com/cb';
const EC_KEY = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };

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

  describe('errors, each with its RFC 7591 §3.2.2 code', () => {
    it.each([
      [
        'a JSON type error',
        { redirect_uris: [REDIRECT], client_name: 42 },
        'invalid_client_metadata',
        /^client_name /,
      ],
      [
        'redirect_uris of the wrong type',
        { redirect_uris: REDIRECT },
        'invalid_redirect_uri',
        /^redirect_uris /,
      ],
      [
        'an unsupported grant type',
        { redirect_uris: [REDIRECT], grant_types: ['implicit'] },
        'invalid_client_metadata',
        /^grant_types: "implicit" is not supported/,
      ],
      [
        'inconsistent grant and response types',
        { redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: [] },
        'invalid_client_metadata',
        /^grant_types includes "authorization_code", so response_types must include "code"/,
      ],
      [
        'a fragment in a redirect URI',
        { redirect_uris: [REDIRECT, `${REDIRECT}#`] },
        'invalid_redirect_uri',
        /^redirect_uris\[1\]: must not contain a fragment/,
      ],
      [
        'plain http on a non-loopback host',
        { redirect_uris: ['http://localhost.evil.com/cb'] },
        'invalid_redirect_uri',
        /^redirect_uris\[0\]: http is allowed only for loopback hosts/,
      ],
      [
        'an unknown auth method',
        { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'tls_client_auth' },
        'invalid_client_metadata',
        /^token_endpoint_auth_method /,
      ],
      [
        'client_credentials with a public client',
        { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' },
        'invalid_client_metadata',
        /^grant_types: client_credentials needs a confidential client/,
      ],
      [
        'private_key_jwt without keys',
        { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'private_key_jwt' },
        'invalid_client_metadata',
        /^token_endpoint_auth_method: private_key_jwt needs the client's public keys/,
      ],
      [
        'a javascript: client_uri',
        { redirect_uris: [REDIRECT], client_uri: 'javascript:alert(1)' },
        'invalid_client_metadata',
        /^client_uri: must be an absolute http\(s\) URL$/,
      ],
      [
        'a data: logo_uri',
        { redirect_uris: [REDIRECT], logo_uri: 'data:image/png;base64,AAAA' },
        'invalid_client_metadata',
        /^logo_uri: must be an absolute http\(s\) URL$/,
      ],
      [
        'a relative tos_uri',
        { redirect_uris: [REDIRECT], tos_uri: '/tos' },
        'invalid_client_metadata',
        /^tos_uri: must be an absolute http\(s\) URL$/,
      ],
      [
        'a policy_uri with a space',
        { redirect_uris: [REDIRECT], policy_uri: 'https://client.example.com/pri vacy' },
        'invalid_client_metadata',
        /^policy_uri: must be an absolute http\(s\) URL$/,
      ],
      [
        'an empty client_uri',
        { redirect_uris: [REDIRECT], client_uri: '' },
        'invalid_client_metadata',
        /^client_uri: must be an absolute http\(s\) URL$/,
      ],
      [
        'a malformed scope',
        { redirect_uris: [REDIRECT], scope: 'openid  profile' },
        'invalid_client_metadata',
        /^scope: must be scope tokens separated by single spaces/,
      ],
      [
        'an empty scope',
        { redirect_uris: [REDIRECT], scope: '' },
        'invalid_client_metadata',
        /^scope: /,
      ],
      [
        'jwks and jwks_uri together',
        {
          redirect_uris: [REDIRECT],
          jwks: { keys: [EC_KEY] },
          jwks_uri: 'https://client.example.com/jwks.json',
        },
        'invalid_client_metadata',
        /^jwks and jwks_uri must not both be present/,
      ],
      [
        'an http jwks_uri',
        { redirect_uris: [REDIRECT], jwks_uri: 'http://client.example.com/jwks.json' },
        'invalid_client_metadata',
        /^jwks_uri: must be an absolute https URL$/,
      ],
      [
        'jwks without keys',
        { redirect_uris: [REDIRECT], jwks: { keys: 'none' } },
        'invalid_client_metadata',
        /^jwks: must be a JWK Set/,
      ],
      [
        'a private key in jwks',
        { redirect_uris: [REDIRECT], jwks: { keys: [{ ...EC_KEY, d: 'private' }] } },
        'invalid_client_metadata',
        /^jwks\.keys\[0\]: contains private or symmetric key material \("d"\)/,
      ],
      [
        'a malformed language tag',
        { redirect_uris: [REDIRECT], 'client_name#en_US': 'x' },
        'invalid_client_metadata',
        /^client_name#en_US: "en_US" is not a well-formed BCP 47 language tag$/,
      ],
      [
        'a tagged URL field that is not a web URL',
        { redirect_uris: [REDIRECT], 'logo_uri#fr': 'javascript:alert(1)' },
        'invalid_client_metadata',
        /^logo_uri#fr: must be an absolute http\(s\) URL$/,
      ],
      [
        'a tagged value of the wrong type',
        { redirect_uris: [REDIRECT], 'client_name#fr': 1 },
        'invalid_client_metadata',
        /^client_name#fr: must be a non-empty string/,
      ],
    ] as const)('rejects %s', (_label, body, code, description) => {
      expectOAuthError(() => parseClientMetadata(body, POLICY), code, description);
    });

    it('rejects a scope outside the supported list', () => {
      expectOAuthError(
        () =>
          parseClientMetadata(
            { redirect_uris: [REDIRECT], scope: 'openid admin' },
            { ...POLICY, scopes: ['openid', 'profile'] },
          ),
        'invalid_client_metadata',
        /^scope: "admin" not supported \(supported: openid profile\)$/,
      );
    });

    it('accepts any valid scope when the policy lists no scopes', () => {
      expect(
        parseClientMetadata({ redirect_uris: [REDIRECT], scope: 'admin root' }, POLICY).scope,
      ).toBe('admin root');
    });

    it('rejects the implicit grant unless the server supports it', () => {
      const withImplicit: MetadataPolicy = {
        ...POLICY,
        grantTypes: [...POLICY.grantTypes, 'implicit'],
        responseTypes: ['code', 'token'],
      };
      const metadata = parseClientMetadata(
        {
          redirect_uris: [REDIRECT],
          grant_types: ['implicit'],
          token_endpoint_auth_method: 'none',
        },
        withImplicit,
      );
      expect(metadata.grant_types).toEqual(['implicit']);
      expect(metadata.response_types).toEqual(['token']);
      expectOAuthError(
        () => parseClientMetadata({ redirect_uris: [REDIRECT], grant_types: ['implicit'] }, POLICY),
        'invalid_client_metadata',
        /^grant_types: "implicit" is not supported/,
      );
    });

    it('rejects a method the policy does not support', () => {
      expectOAuthError(
        () =>
          parseClientMetadata(
            { redirect_uris: [REDIRECT] },
            { ...POLICY, tokenEndpointAuthMethods: ['none', 'private_key_jwt'] },
          ),
        'invalid_client_metadata',
        /^token_endpoint_auth_method: "client_secret_basic" is not supported/,
      );
    });
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

    it('rejects a private-use scheme that is not in reverse-domain form', () => {
      expectOAuthError(
        () => parseClientMetadata({ redirect_uris: ['myapp:/cb'] }, POLICY),
        'invalid_redirect_uri',
        /^redirect_uris\[0\]: scheme "myapp" is not allowed/,
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
