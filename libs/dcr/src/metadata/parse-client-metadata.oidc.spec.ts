import { describe, expect, it } from '@jest/globals';
import { METADATA_FIELD_ORDER } from './client-metadata.js';
import { parseClientMetadata } from './parse-client-metadata.js';
import {
  EC_KEY,
  expectOAuthError,
  POLICY,
  REDIRECT,
} from './parse-client-metadata.spec-helpers.js';

/** Every OpenID Connect Registration 1.0 §2 member this server stores, with a valid value. */
const OIDC_MEMBERS = {
  application_type: 'web',
  sector_identifier_uri: 'https://client.example.com/sector.json',
  subject_type: 'pairwise',
  id_token_signed_response_alg: 'ES256',
  id_token_encrypted_response_alg: 'RSA-OAEP-256',
  id_token_encrypted_response_enc: 'A256GCM',
  userinfo_signed_response_alg: 'RS256',
  userinfo_encrypted_response_alg: 'ECDH-ES',
  userinfo_encrypted_response_enc: 'A128CBC-HS256',
  request_object_signing_alg: 'PS256',
  request_object_encryption_alg: 'RSA-OAEP',
  request_object_encryption_enc: 'A128GCM',
  token_endpoint_auth_signing_alg: 'EdDSA',
  default_max_age: 3600,
  require_auth_time: true,
  default_acr_values: ['urn:mace:incommon:iap:silver', 'phr'],
  initiate_login_uri: 'https://client.example.com/login',
  request_uris: ['https://client.example.com/req.jwt#sha256'],
  post_logout_redirect_uris: ['https://client.example.com/bye', 'http://127.0.0.1/bye'],
};

describe('parseClientMetadata: OpenID Connect Registration 1.0 metadata', () => {
  it('stores every member as sent', () => {
    const metadata = parseClientMetadata(
      { redirect_uris: [REDIRECT], jwks: { keys: [EC_KEY] }, ...OIDC_MEMBERS },
      POLICY,
    );
    expect(metadata).toMatchObject(OIDC_MEMBERS);
  });

  it('lists every member once in the response order', () => {
    for (const field of Object.keys(OIDC_MEMBERS)) {
      expect(METADATA_FIELD_ORDER.filter((name) => name === field)).toHaveLength(1);
    }
    expect(new Set(METADATA_FIELD_ORDER).size).toBe(METADATA_FIELD_ORDER.length);
  });

  it('stores no default for members that were not sent', () => {
    const metadata = parseClientMetadata({ redirect_uris: [REDIRECT] }, POLICY);
    for (const field of Object.keys(OIDC_MEMBERS)) expect(metadata).not.toHaveProperty(field);
  });

  it('treats null members as omitted', () => {
    const metadata = parseClientMetadata(
      { redirect_uris: [REDIRECT], application_type: null, default_max_age: null },
      POLICY,
    );
    expect(metadata).not.toHaveProperty('application_type');
    expect(metadata).not.toHaveProperty('default_max_age');
  });

  it.each([
    ['application_type', 'browser', /^application_type must be one of/],
    ['subject_type', 'random', /^subject_type must be one of/],
    ['default_max_age', -1, /^default_max_age must not be less than 0$/],
    ['default_max_age', 1.5, /^default_max_age must be an integer number$/],
    ['default_max_age', '3600', /^default_max_age must be an integer number$/],
    ['require_auth_time', 'true', /^require_auth_time must be a boolean value$/],
    ['default_acr_values', 'phr', /^default_acr_values must be an array$/],
    ['default_acr_values', ['phr', 1], /^each value in default_acr_values must be a string$/],
    ['default_acr_values', [''], /^each value in default_acr_values should not be empty$/],
    ['request_uris', 'https://a.example/r', /^request_uris must be an array$/],
    [
      'post_logout_redirect_uris',
      ['https://a.example/bye', 2],
      /^each value in post_logout_redirect_uris must be a string$/,
    ],
    ['id_token_signed_response_alg', 256, /^id_token_signed_response_alg must be a string$/],
    [
      'token_endpoint_auth_signing_alg',
      'R'.repeat(65),
      /must be shorter than or equal to 64 characters$/,
    ],
    ['initiate_login_uri', ['https://a.example/'], /^initiate_login_uri must be a string$/],
  ])('refuses %s = %p by its JSON type, naming the member', (field, value, description) => {
    expectOAuthError(
      () => parseClientMetadata({ redirect_uris: [REDIRECT], [field]: value }, POLICY),
      'invalid_client_metadata',
      description,
      `/${field}`,
    );
  });

  it('refuses the value rules after the types, naming the member', () => {
    expectOAuthError(
      () =>
        parseClientMetadata(
          { redirect_uris: [REDIRECT], userinfo_encrypted_response_alg: 'RSA-OAEP' },
          POLICY,
        ),
      'invalid_client_metadata',
      /^userinfo_encrypted_response_alg: "RSA-OAEP" uses the client's public keys/,
      '/userinfo_encrypted_response_alg',
    );
  });
});

describe('parseClientMetadata: application_type and the redirect URI policy', () => {
  const CURSOR = 'cursor://anysphere.cursor-mcp/oauth/callback';

  it('accepts a private-use scheme from a web client by default (Cursor sends "web")', () => {
    const metadata = parseClientMetadata(
      { redirect_uris: [CURSOR], application_type: 'web', token_endpoint_auth_method: 'none' },
      POLICY,
    );
    expect(metadata.redirect_uris).toEqual([CURSOR]);
    expect(metadata.application_type).toBe('web');
  });

  it('refuses it under the strict policy, and a non-reverse-domain scheme even when native', () => {
    const strict = { ...POLICY, redirectUriPolicy: 'strict' } as const;
    expectOAuthError(
      () => parseClientMetadata({ redirect_uris: ['com.example.app:/cb'] }, strict),
      'invalid_redirect_uri',
      /needs application_type "native"/,
      '/redirect_uris/0',
    );
    expect(
      parseClientMetadata(
        { redirect_uris: ['com.example.app:/cb'], application_type: 'native' },
        strict,
      ).redirect_uris,
    ).toEqual(['com.example.app:/cb']);
    expectOAuthError(
      () => parseClientMetadata({ redirect_uris: [CURSOR], application_type: 'native' }, strict),
      'invalid_redirect_uri',
      /reverse-domain form/,
      '/redirect_uris/0',
    );
  });

  it('checks post_logout_redirect_uris under the same policy', () => {
    expectOAuthError(
      () =>
        parseClientMetadata(
          { redirect_uris: [REDIRECT], post_logout_redirect_uris: [CURSOR] },
          { ...POLICY, redirectUriPolicy: 'strict' },
        ),
      'invalid_client_metadata',
      /^post_logout_redirect_uris\[0\]: scheme "cursor": web clients/,
      '/post_logout_redirect_uris/0',
    );
  });
});

describe('parseClientMetadata: page URIs on another host (RFC 7591 §5)', () => {
  const body = {
    redirect_uris: [REDIRECT],
    client_uri: 'https://client.example.com',
    logo_uri: 'https://cdn.example.net/logo.png',
  };

  it('registers them under "flag", the default, and under "ignore"', () => {
    expect(parseClientMetadata(body, POLICY).logo_uri).toBe('https://cdn.example.net/logo.png');
    expect(parseClientMetadata(body, { ...POLICY, uriHostMismatch: 'ignore' }).logo_uri).toBe(
      'https://cdn.example.net/logo.png',
    );
  });

  it('refuses them under "refuse", naming the field', () => {
    expectOAuthError(
      () => parseClientMetadata(body, { ...POLICY, uriHostMismatch: 'refuse' }),
      'invalid_client_metadata',
      /^logo_uri: host "cdn\.example\.net" is none of the redirect URIs' hosts/,
      '/logo_uri',
    );
  });
});
