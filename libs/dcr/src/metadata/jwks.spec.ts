import { describe, expect, it } from '@jest/globals';
import { checkJwks } from './jwks.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const EC_KEY = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  kid: 'ec-1',
  use: 'sig',
};
const RSA_KEY = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4',
  e: 'AQAB',
};
const OKP_KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

describe('checkJwks', () => {
  it('accepts neither jwks nor jwks_uri', () => {
    expect(() => checkJwks(undefined, undefined)).not.toThrow();
  });

  describe('jwks_uri', () => {
    it.each([
      'https://client.example.com/jwks.json',
      'https://client.example.com:8443/.well-known/jwks',
    ])('accepts the https URL %s', (uri) => {
      expect(() => checkJwks(undefined, uri)).not.toThrow();
    });

    it.each([
      'http://client.example.com/jwks.json',
      'http://localhost/jwks.json',
      'ftp://client.example.com/jwks.json',
      'file:///etc/jwks.json',
      '/jwks.json',
      'client.example.com/jwks.json',
      'https://client.example.com/jw ks.json',
      '',
    ])('rejects %p', (uri) => {
      expectOAuthError(
        () => checkJwks(undefined, uri),
        'invalid_client_metadata',
        /^jwks_uri: must be an absolute https URL$/,
        '/jwks_uri',
      );
    });
  });

  describe('jwks_uri with the test-only loopback switch (outbound.allowLoopbackHttp)', () => {
    it.each([
      'http://127.0.0.1:8080/jwks.json',
      'http://localhost/jwks.json',
      'http://[::1]:9000/jwks',
      'https://client.example.com/jwks.json',
    ])('accepts %s', (uri) => {
      expect(() => checkJwks(undefined, uri, true)).not.toThrow();
    });

    it.each([
      'http://client.example.com/jwks.json',
      'http://10.0.0.1/jwks.json',
      'http://127.0.0.2/jwks.json',
      'ftp://127.0.0.1/jwks.json',
    ])('still rejects %p', (uri) => {
      expectOAuthError(
        () => checkJwks(undefined, uri, true),
        'invalid_client_metadata',
        /^jwks_uri: must be an absolute https URL$/,
      );
    });
  });

  it('rejects jwks and jwks_uri together (RFC 7591 §2)', () => {
    expectOAuthError(
      () => checkJwks({ keys: [EC_KEY] }, 'https://client.example.com/jwks.json'),
      'invalid_client_metadata',
      /^jwks and jwks_uri must not both be present \(RFC 7591 §2\)$/,
      '/jwks_uri',
    );
  });

  describe('jwks', () => {
    it('accepts a JWK Set of public keys', () => {
      expect(() => checkJwks({ keys: [EC_KEY, RSA_KEY, OKP_KEY] }, undefined)).not.toThrow();
    });

    it('refuses an empty key set, which can never verify anything (issue 8)', () => {
      expectOAuthError(
        () => checkJwks({ keys: [] }, undefined),
        'invalid_client_metadata',
        /^jwks\.keys: must hold at least one key; omit jwks when the client has none$/,
        '/jwks/keys',
      );
    });

    it('accepts extra members', () => {
      expect(() =>
        checkJwks({ keys: [{ kty: 'X-unknown', foo: 1 }], extra: true }, undefined),
      ).not.toThrow();
    });

    it.each([
      ['an object without keys', {}],
      ['keys as an object', { keys: { 0: EC_KEY } }],
      ['keys as a string', { keys: 'EC' }],
      ['keys as null', { keys: null }],
      ['a bare JWK', EC_KEY],
      ['an array of keys', [EC_KEY]],
      ['a string', '{"keys":[]}'],
      ['a number', 42],
    ])('rejects %s', (_label, jwks) => {
      expectOAuthError(
        () => checkJwks(jwks, undefined),
        'invalid_client_metadata',
        /^jwks: must be a JWK Set, an object with a "keys" array \(RFC 7517 §5\)$/,
        '/jwks',
      );
    });

    it('accepts 32 keys and rejects 33', () => {
      const keys = Array.from({ length: 33 }, (_, i) => ({ ...EC_KEY, kid: `k${i}` }));
      expect(() => checkJwks({ keys: keys.slice(0, 32) }, undefined)).not.toThrow();
      expectOAuthError(
        () => checkJwks({ keys }, undefined),
        'invalid_client_metadata',
        /^jwks\.keys: at most 32 keys$/,
        '/jwks/keys',
      );
    });

    it.each([
      ['null', null],
      ['a string', 'EC'],
      ['a number', 1],
      ['an array', [EC_KEY]],
      ['a boolean', true],
    ])('rejects a key that is %s, naming its index', (_label, key) => {
      expectOAuthError(
        () => checkJwks({ keys: [EC_KEY, key] }, undefined),
        'invalid_client_metadata',
        /^jwks\.keys\[1\]: must be a JSON Web Key object$/,
        '/jwks/keys/1',
      );
    });

    it.each([
      ['missing', { crv: 'P-256', x: 'a', y: 'b' }],
      ['a number', { kty: 1 }],
      ['null', { kty: null }],
      ['an array', { kty: ['EC'] }],
    ])('rejects a key whose kty is %s (RFC 7517 §4.1)', (_label, key) => {
      expectOAuthError(
        () => checkJwks({ keys: [key] }, undefined),
        'invalid_client_metadata',
        /^jwks\.keys\[0\]: "kty" must be a string \(RFC 7517 §4\.1\)$/,
        '/jwks/keys/0/kty',
      );
    });

    it.each([
      ['d', { ...EC_KEY, d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' }],
      ['d', { ...OKP_KEY, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }],
      ['p', { ...RSA_KEY, p: 'x' }],
      ['q', { ...RSA_KEY, q: 'x' }],
      ['dp', { ...RSA_KEY, dp: 'x' }],
      ['dq', { ...RSA_KEY, dq: 'x' }],
      ['qi', { ...RSA_KEY, qi: 'x' }],
      ['oth', { ...RSA_KEY, oth: [] }],
      ['k', { kty: 'oct', k: 'GawgguFyGrWKav7AX4VKUg' }],
    ])('rejects private or symmetric key material ("%s")', (member, key) => {
      expectOAuthError(
        () => checkJwks({ keys: [EC_KEY, EC_KEY, key] }, undefined),
        'invalid_client_metadata',
        new RegExp(
          `^jwks\\.keys\\[2\\]: contains private or symmetric key material \\("${member}"\\); register public keys only$`,
        ),
        `/jwks/keys/2/${member}`,
      );
    });

    it('rejects a private member even when its value is null or empty', () => {
      expectOAuthError(
        () => checkJwks({ keys: [{ ...EC_KEY, d: null }] }, undefined),
        'invalid_client_metadata',
        /\("d"\)/,
      );
      expectOAuthError(
        () => checkJwks({ keys: [{ kty: 'oct', k: '' }] }, undefined),
        'invalid_client_metadata',
        /\("k"\)/,
      );
    });

    it('does not treat inherited or look-alike members as key material', () => {
      const inherited = Object.create({ d: 'secret' }) as Record<string, unknown>;
      inherited.kty = 'EC';
      expect(() => checkJwks({ keys: [inherited] }, undefined)).not.toThrow();
      expect(() => checkJwks({ keys: [{ ...EC_KEY, D: 'x', kid: 'd' }] }, undefined)).not.toThrow();
    });
  });
});
