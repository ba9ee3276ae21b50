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
});
