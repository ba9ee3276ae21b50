import { describe, expect, it } from '@jest/globals';
import { resolveDcrOptions } from '../resolved-dcr-options.js';
import { refusalOf } from './cimd.spec-helpers.js';
import { parseCimdDocument } from './metadata-document.js';

const URL = 'https://client.example/oauth/client.json';
const POLICY = resolveDcrOptions({ issuer: 'https://as.example' }).policy;

const MINIMAL = {
  client_id: URL,
  client_name: 'Agent',
  redirect_uris: ['https://client.example/callback'],
};

function refusal(body: unknown, url = URL, policy = POLICY) {
  return refusalOf(() => parseCimdDocument(url, body, policy));
}

describe('parseCimdDocument: the document and its client_id (draft section 4)', () => {
  it('returns the metadata of a public client, in the shape registered clients have', () => {
    expect(parseCimdDocument(URL, MINIMAL, POLICY)).toEqual({
      client_name: 'Agent',
      redirect_uris: ['https://client.example/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    });
  });

  it.each([
    ['an array', [MINIMAL]],
    ['null', null],
    ['a string', JSON.stringify(MINIMAL)],
    ['a number', 42],
  ])('refuses %s as invalid_client', (_label, body) => {
    const error = refusal(body);
    expect([error.rule, error.error, error.status]).toEqual(['not_object', 'invalid_client', 400]);
  });

  it.each([
    ['no client_id', undefined],
    ['the default port added', 'https://client.example:443/oauth/client.json'],
    ['a trailing slash', `${URL}/`],
    ['another case of the host', 'https://CLIENT.example/oauth/client.json'],
    ['a fragment', `${URL}#`],
    ['a non-string', { href: URL }],
    ['another client', 'https://other.example/oauth/client.json'],
  ])('refuses a client_id that differs from the URL by %s', (_label, clientId) => {
    const error = refusal({ ...MINIMAL, client_id: clientId });
    expect([error.rule, error.error]).toEqual(['client_id_mismatch', 'invalid_client']);
    expect(error.description).toMatch(/exactly the URL/);
  });

  it('compares with the URL as it was written, not as a parser would spell it', () => {
    const url = 'https://client.example:443/oauth/client.json';
    expect(() => parseCimdDocument(url, { ...MINIMAL, client_id: url }, POLICY)).not.toThrow();
    expect(refusal({ ...MINIMAL, client_id: URL }, url).rule).toBe('client_id_mismatch');
  });

  it('ignores members it does not understand, whatever they hold', () => {
    const metadata = parseCimdDocument(
      URL,
      {
        ...MINIMAL,
        token_endpoint_auth_methods_supported: ['none'],
        x_vendor: { nested: [1, { deeper: true }] },
        client_id_issued_at: 1,
        registration_access_token: 'not for a document',
      },
      POLICY,
    );
    expect(Object.keys(metadata).sort()).toEqual(
      [
        'client_name',
        'grant_types',
        'redirect_uris',
        'response_types',
        'token_endpoint_auth_method',
      ].sort(),
    );
  });
});

describe('parseCimdDocument: credentials (draft section 4.1)', () => {
  it.each(['client_secret', 'client_secret_expires_at'])(
    'refuses a document carrying %s, whatever its value',
    (member) => {
      for (const value of ['s3cr3t-value', 0, null]) {
        const error = refusal({ ...MINIMAL, [member]: value });
        expect([error.rule, error.error]).toEqual(['client_secret', 'invalid_client']);
        expect(error.description).toContain(member);
        expect(error.description).not.toContain('s3cr3t-value');
      }
    },
  );

  it.each(['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'tls_client_auth', 7])(
    'refuses token_endpoint_auth_method %j: only none and private_key_jwt',
    (method) => {
      const error = refusal({ ...MINIMAL, token_endpoint_auth_method: method });
      expect([error.rule, error.error]).toEqual(['auth_method', 'invalid_client']);
      expect(error.description).toMatch(/"none" or "private_key_jwt"/);
    },
  );

  it('takes a document without a method for a public client (none), not client_secret_basic', () => {
    expect(parseCimdDocument(URL, MINIMAL, POLICY).token_endpoint_auth_method).toBe('none');
  });

  const KEY = { kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate', kid: 'k1' };

  it('accepts private_key_jwt with jwks or jwks_uri', () => {
    for (const keys of [
      { jwks: { keys: [KEY] } },
      { jwks_uri: 'https://client.example/jwks.json' },
    ]) {
      const metadata = parseCimdDocument(
        URL,
        { ...MINIMAL, token_endpoint_auth_method: 'private_key_jwt', ...keys },
        POLICY,
      );
      expect(metadata).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', ...keys });
    }
  });

  it('refuses private_key_jwt without keys, with the registration rule', () => {
    const error = refusal({ ...MINIMAL, token_endpoint_auth_method: 'private_key_jwt' });
    expect([error.rule, error.error]).toEqual(['metadata', 'invalid_client']);
    expect(error.description).toMatch(
      /^the client's metadata document: token_endpoint_auth_method: private_key_jwt needs/,
    );
  });

  it('refuses private key material in jwks (draft section 4.1)', () => {
    const error = refusal({
      ...MINIMAL,
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [{ ...KEY, d: 'private' }] },
    });
    expect(error.rule).toBe('metadata');
    expect(error.description).toMatch(/private or symmetric key material/);
  });

  it('follows the server policy: private_key_jwt refused where it is not offered', () => {
    const policy = resolveDcrOptions({
      issuer: 'https://as.example',
      tokenEndpointAuthMethodsSupported: ['none'],
    }).policy;
    const error = refusal(
      {
        ...MINIMAL,
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: 'https://client.example/jwks',
      },
      URL,
      policy,
    );
    expect([error.rule, error.description]).toEqual([
      'metadata',
      `the client's metadata document: token_endpoint_auth_method: "private_key_jwt" is not supported (supported: none)`,
    ]);
  });
});
