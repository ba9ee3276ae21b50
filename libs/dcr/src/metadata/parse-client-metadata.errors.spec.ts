import { describe, expect, it } from '@jest/globals';
import type { MetadataPolicy } from './metadata-policy.js';
import { parseClientMetadata } from './parse-client-metadata.js';
import {
  EC_KEY,
  expectOAuthError,
  POLICY,
  REDIRECT,
} from './parse-client-metadata.spec-helpers.js';

describe('parseClientMetadata', () => {
  describe('errors, each with its RFC 7591 §3.2.2 code and the pointer of the refused value', () => {
    it.each([
      [
        'a JSON type error',
        { redirect_uris: [REDIRECT], client_name: 42 },
        'invalid_client_metadata',
        /^client_name /,
        '/client_name',
      ],
      [
        'redirect_uris of the wrong type',
        { redirect_uris: REDIRECT },
        'invalid_redirect_uri',
        /^redirect_uris /,
        '/redirect_uris',
      ],
      [
        'an empty grant_types',
        { redirect_uris: [REDIRECT], grant_types: [] },
        'invalid_client_metadata',
        /^grant_types: must list at least one grant type/,
        '/grant_types',
      ],
      [
        'grant types of which none is supported',
        { redirect_uris: [REDIRECT], grant_types: ['implicit', 'password'] },
        'invalid_client_metadata',
        /^grant_types: none of "implicit", "password" is supported/,
        '/grant_types',
      ],
      [
        'inconsistent grant and response types',
        { redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: [] },
        'invalid_client_metadata',
        /^grant_types includes "authorization_code", so response_types must include "code"/,
        '/response_types',
      ],
      [
        'a fragment in a redirect URI',
        { redirect_uris: [REDIRECT, `${REDIRECT}#`] },
        'invalid_redirect_uri',
        /^redirect_uris\[1\]: must not contain a fragment/,
        '/redirect_uris/1',
      ],
      [
        'plain http on a non-loopback host',
        { redirect_uris: ['http://localhost.evil.com/cb'] },
        'invalid_redirect_uri',
        /^redirect_uris\[0\]: http is allowed only for loopback hosts/,
        '/redirect_uris/0',
      ],
      [
        'a redirect URI not in canonical form',
        { redirect_uris: [REDIRECT, 'HTTPS://client.example.com/cb'] },
        'invalid_redirect_uri',
        /^redirect_uris\[1\]: must be written as a URL parser writes it/,
        '/redirect_uris/1',
      ],
      [
        'a post-logout redirect URI with a dangerous scheme',
        { redirect_uris: [REDIRECT], post_logout_redirect_uris: ['javascript:alert(1)'] },
        'invalid_client_metadata',
        /^post_logout_redirect_uris\[0\]: scheme "javascript" is never allowed/,
        '/post_logout_redirect_uris/0',
      ],
      [
        'an unknown auth method',
        { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'tls_client_auth' },
        'invalid_client_metadata',
        /^token_endpoint_auth_method /,
        '/token_endpoint_auth_method',
      ],
      [
        'client_credentials with a public client',
        { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' },
        'invalid_client_metadata',
        /^grant_types: client_credentials needs a confidential client/,
        '/token_endpoint_auth_method',
      ],
      [
        'private_key_jwt without keys',
        { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'private_key_jwt' },
        'invalid_client_metadata',
        /^token_endpoint_auth_method: private_key_jwt needs the client's public keys/,
        '/token_endpoint_auth_method',
      ],
      [
        'private_key_jwt with an empty key set',
        {
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [] },
        },
        'invalid_client_metadata',
        /^jwks\.keys: must hold at least one key/,
        '/jwks/keys',
      ],
      [
        'a javascript: client_uri',
        { redirect_uris: [REDIRECT], client_uri: 'javascript:alert(1)' },
        'invalid_client_metadata',
        /^client_uri: must be an absolute http\(s\) URL$/,
        '/client_uri',
      ],
      [
        'a data: logo_uri',
        { redirect_uris: [REDIRECT], logo_uri: 'data:image/png;base64,AAAA' },
        'invalid_client_metadata',
        /^logo_uri: must be an absolute http\(s\) URL$/,
        '/logo_uri',
      ],
      [
        'a relative tos_uri',
        { redirect_uris: [REDIRECT], tos_uri: '/tos' },
        'invalid_client_metadata',
        /^tos_uri: must be an absolute http\(s\) URL$/,
        '/tos_uri',
      ],
      [
        'a policy_uri with a backslash',
        { redirect_uris: [REDIRECT], policy_uri: 'https://client.example.com\\@evil.example/' },
        'invalid_client_metadata',
        /^policy_uri: must be an absolute http\(s\) URL$/,
        '/policy_uri',
      ],
      [
        'an empty client_uri',
        { redirect_uris: [REDIRECT], client_uri: '' },
        'invalid_client_metadata',
        /^client_uri: must be an absolute http\(s\) URL$/,
        '/client_uri',
      ],
      [
        'a malformed scope',
        { redirect_uris: [REDIRECT], scope: 'openid  profile' },
        'invalid_client_metadata',
        /^scope: must be scope tokens separated by single spaces/,
        '/scope',
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
        '/jwks_uri',
      ],
      [
        'an http jwks_uri',
        { redirect_uris: [REDIRECT], jwks_uri: 'http://client.example.com/jwks.json' },
        'invalid_client_metadata',
        /^jwks_uri: must be an absolute https URL$/,
        '/jwks_uri',
      ],
      [
        'jwks without keys',
        { redirect_uris: [REDIRECT], jwks: { keys: 'none' } },
        'invalid_client_metadata',
        /^jwks: must be a JWK Set/,
        '/jwks',
      ],
      [
        'a private key in jwks',
        { redirect_uris: [REDIRECT], jwks: { keys: [{ ...EC_KEY, d: 'private' }] } },
        'invalid_client_metadata',
        /^jwks\.keys\[0\]: contains private or symmetric key material \("d"\)/,
        '/jwks/keys/0/d',
      ],
      [
        'a malformed language tag',
        { redirect_uris: [REDIRECT], 'client_name#en_US': 'x' },
        'invalid_client_metadata',
        /^client_name#en_US: "en_US" is not a well-formed BCP 47 language tag$/,
        '/client_name#en_US',
      ],
      [
        'a tagged URL field that is not a web URL',
        { redirect_uris: [REDIRECT], 'logo_uri#fr': 'javascript:alert(1)' },
        'invalid_client_metadata',
        /^logo_uri#fr: must be an absolute http\(s\) URL$/,
        '/logo_uri#fr',
      ],
      [
        'a tagged field sent twice in two cases',
        { redirect_uris: [REDIRECT], 'client_name#en': 'x', 'client_name#EN': 'y' },
        'invalid_client_metadata',
        /^client_name#EN: the same field as client_name#en/,
        '/client_name#EN',
      ],
      [
        'a NUL in a contact',
        { redirect_uris: [REDIRECT], contacts: ['ops@example.com', 'a\u0000b'] },
        'invalid_client_metadata',
        /^contacts\[1\]: contains a NUL character/,
        '/contacts/1',
      ],
      [
        'an HS256 ID token signature',
        { redirect_uris: [REDIRECT], id_token_signed_response_alg: 'HS256' },
        'invalid_client_metadata',
        /^id_token_signed_response_alg: "HS256" is keyed with the client secret/,
        '/id_token_signed_response_alg',
      ],
    ] as const)('rejects %s', (_label, body, code, description, field) => {
      expectOAuthError(() => parseClientMetadata(body, POLICY), code, description, field);
    });

    it('narrows the scope to the supported list, and refuses a scope left empty', () => {
      const policy = { ...POLICY, scopes: ['openid', 'profile'] };
      expect(
        parseClientMetadata({ redirect_uris: [REDIRECT], scope: 'openid admin' }, policy).scope,
      ).toBe('openid');
      expectOAuthError(
        () => parseClientMetadata({ redirect_uris: [REDIRECT], scope: 'admin' }, policy),
        'invalid_client_metadata',
        /^scope: none of "admin" is supported \(supported: openid profile\)$/,
        '/scope',
      );
    });

    it('refuses an unsupported scope when scope narrowing is off', () => {
      expectOAuthError(
        () =>
          parseClientMetadata(
            { redirect_uris: [REDIRECT], scope: 'openid admin' },
            {
              ...POLICY,
              scopes: ['openid', 'profile'],
              narrow: { grantTypes: true, responseTypes: true, scopes: false },
            },
          ),
        'invalid_client_metadata',
        /^scope: "admin" not supported \(supported: openid profile\)$/,
        '/scope',
      );
    });

    it('accepts any valid scope when the policy lists no scopes, and drops an empty one', () => {
      expect(
        parseClientMetadata({ redirect_uris: [REDIRECT], scope: 'admin root' }, POLICY).scope,
      ).toBe('admin root');
      expect(
        parseClientMetadata({ redirect_uris: [REDIRECT], scope: '' }, POLICY),
      ).not.toHaveProperty('scope');
    });

    it('registers the implicit grant only where the server supports it', () => {
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
      const narrowed = parseClientMetadata(
        { redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'implicit'] },
        POLICY,
      );
      expect(narrowed.grant_types).toEqual(['authorization_code']);
      expect(narrowed.response_types).toEqual(['code']);
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
        '/token_endpoint_auth_method',
      );
    });
  });
});
