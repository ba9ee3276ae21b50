import { describe, expect, it } from '@jest/globals';
import { resolveDcrOptions } from '../resolved-dcr-options.js';
import { refusalOf } from './cimd.spec-helpers.js';
import { deployedClientDocuments } from './deployed-client-documents.spec-helpers.js';
import { parseCimdDocument } from './metadata-document.js';

const URL = 'https://client.example/oauth/client.json';
const POLICY = resolveDcrOptions({ issuer: 'https://as.example' }).policy;
const MINIMAL = { client_id: URL, redirect_uris: ['https://client.example/callback'] };

function refusal(body: unknown, policy = POLICY) {
  return refusalOf(() => parseCimdDocument(URL, body, policy));
}

describe('parseCimdDocument: documents deployed clients publish', () => {
  const documents = deployedClientDocuments((path) => `https://client.example${path}`);

  it.each(documents.map((fixture) => [fixture.client, fixture] as const))(
    'accepts %s',
    (_name, fixture) => {
      const url = fixture.document.client_id as string;
      const metadata = parseCimdDocument(url, fixture.document, POLICY);
      expect(metadata.token_endpoint_auth_method).toBe('none');
      expect(metadata.grant_types).toEqual(['authorization_code', 'refresh_token']);
      expect(metadata.response_types).toEqual(['code']);
      expect(metadata.redirect_uris).toEqual(fixture.document.redirect_uris);
      expect(metadata.client_name).toBe(fixture.document.client_name);
      // application_type is OpenID Connect Registration metadata: kept when it is valid.
      expect(metadata.application_type).toBe(fixture.document.application_type);
      expect(metadata).not.toHaveProperty('token_endpoint_auth_methods_supported');
      expect(metadata).not.toHaveProperty('client_id');
    },
  );
});

describe('parseCimdDocument: grant and response types (RFC 7591 section 3.2.1)', () => {
  it('drops the grant types this server does not offer', () => {
    const metadata = parseCimdDocument(
      URL,
      {
        ...MINIMAL,
        grant_types: [
          'urn:ietf:params:oauth:grant-type:device_code',
          'authorization_code',
          'implicit',
          'urn:ietf:params:oauth:grant-type:jwt-bearer',
        ],
        response_types: ['code', 'token'],
      },
      POLICY,
    );
    expect(metadata.grant_types).toEqual(['authorization_code']);
    expect(metadata.response_types).toEqual(['code']);
  });

  it('derives the response types when none offered is left', () => {
    const metadata = parseCimdDocument(
      URL,
      { ...MINIMAL, grant_types: ['authorization_code'], response_types: ['code id_token'] },
      POLICY,
    );
    expect(metadata.response_types).toEqual(['code']);
  });

  it.each([
    [['urn:ietf:params:oauth:grant-type:device_code']],
    [['implicit', 'urn:ietf:params:oauth:grant-type:jwt-bearer']],
    [[]],
  ])('refuses a document left with no grant: %j', (grantTypes) => {
    const error = refusal({ ...MINIMAL, grant_types: grantTypes });
    expect([error.rule, error.error]).toEqual(['no_usable_grant', 'invalid_client']);
    expect(error.description).toMatch(
      /offered: authorization_code, refresh_token, client_credentials/,
    );
  });

  it('follows the server policy: a grant the operator turned off is dropped too', () => {
    const policy = resolveDcrOptions({
      issuer: 'https://as.example',
      grantTypesSupported: ['authorization_code'],
    }).policy;
    const metadata = parseCimdDocument(
      URL,
      { ...MINIMAL, grant_types: ['authorization_code', 'refresh_token'] },
      policy,
    );
    expect(metadata.grant_types).toEqual(['authorization_code']);
  });

  it('leaves values of the wrong type to the registration rules', () => {
    for (const grantTypes of ['authorization_code', ['authorization_code', 7]]) {
      const error = refusal({ ...MINIMAL, grant_types: grantTypes });
      expect([error.rule, error.error]).toEqual(['metadata', 'invalid_client']);
    }
  });

  it('accepts a machine client: client_credentials with private_key_jwt and no redirect URI', () => {
    const metadata = parseCimdDocument(
      URL,
      {
        client_id: URL,
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: 'https://client.example/jwks.json',
      },
      POLICY,
    );
    expect(metadata).toMatchObject({ grant_types: ['client_credentials'], redirect_uris: [] });
  });

  it('refuses client_credentials for a public client, like a registration', () => {
    const error = refusal({ ...MINIMAL, grant_types: ['client_credentials'] });
    expect(error.rule).toBe('metadata');
    expect(error.description).toMatch(/client_credentials needs a confidential client/);
  });
});

describe('parseCimdDocument: the redirect rules of DCR (draft section 4.2)', () => {
  it.each([
    [
      'no redirect URI for the authorization_code grant',
      { redirect_uris: [] },
      /redirect_uris is required/,
    ],
    ['a fragment', { redirect_uris: ['https://client.example/cb#x'] }, /fragment/],
    [
      'http on a host that is not loopback',
      { redirect_uris: ['http://client.example/cb'] },
      /loopback/,
    ],
    [
      'a javascript: URI',
      { redirect_uris: ['javascript:alert(1)'] },
      /not allowed|never allowed|absolute URI/,
    ],
    ['user credentials', { redirect_uris: ['https://user:pw@client.example/cb'] }, /credentials/],
  ])('refuses %s', (_label, change, description) => {
    const error = refusal({ ...MINIMAL, ...change });
    expect([error.rule, error.error]).toEqual(['metadata', 'invalid_client']);
    expect(error.description).toMatch(/^the client's metadata document: /);
    expect(error.description).toMatch(description);
  });

  it('accepts the loopback and private-use forms native clients register', () => {
    const redirectUris = [
      'http://127.0.0.1/callback',
      'http://localhost/callback',
      'http://[::1]:33418/',
      'com.example.agent:/oauth/callback',
    ];
    expect(
      parseCimdDocument(URL, { ...MINIMAL, redirect_uris: redirectUris }, POLICY).redirect_uris,
    ).toEqual(redirectUris);
  });

  it('refuses what cannot be stored, and values nested too deep', () => {
    expect(refusal({ ...MINIMAL, client_name: 'a\u0000b' }).rule).toBe('metadata');
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(refusal({ ...MINIMAL, x_unknown: deep }).description).toMatch(/levels deep/);
  });
});
