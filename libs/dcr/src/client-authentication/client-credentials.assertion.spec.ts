import { describe, expect, it } from '@jest/globals';
import { parseClientCredentials } from './client-credentials.js';
import { expectInvalidClient } from './client-credentials.spec-helpers.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An unsigned-looking compact JWS with the given payload (parsing never checks the signature). */
function jwt(payload: object, header: object = { alg: 'ES256' }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('parseClientCredentials: client assertions (RFC 7521 §4.2, RFC 7523 §2.2)', () => {
  it('reads the assertion and takes the client_id from its sub', () => {
    const assertion = jwt({ iss: 'client-1', sub: 'client-1', aud: 'https://as.example' });
    expect(
      parseClientCredentials(undefined, {
        grant_type: 'client_credentials',
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      }),
    ).toEqual({ method: 'private_key_jwt', clientId: 'client-1', assertion });
  });

  it('accepts a body client_id equal to the sub', () => {
    const assertion = jwt({ sub: 'client-1' });
    expect(
      parseClientCredentials('', {
        client_id: 'client-1',
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      }),
    ).toEqual({ method: 'private_key_jwt', clientId: 'client-1', assertion });
  });

  it('does not verify anything but the form: the signature and claims are checked later', () => {
    const assertion = jwt({ sub: 'client-1', exp: 0 }, { alg: 'none' });
    expect(
      parseClientCredentials(undefined, {
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      }),
    ).toMatchObject({ method: 'private_key_jwt', clientId: 'client-1' });
  });

  describe('refuses, as invalid_client without a challenge (RFC 7521 §4.2.1)', () => {
    const TYPE = `client_assertion_type must be ${JWT_BEARER} (RFC 7523 §2.2)`;
    const MISSING = 'client_assertion is missing (RFC 7521 §4.2)';
    const NOT_JWT = 'client_assertion is not a signed JWT (RFC 7523 §2.2)';
    const NO_SUB = 'client_assertion has no sub, the client_id (RFC 7523 §3)';
    const good = jwt({ sub: 'client-1' });

    it.each([
      ['no client_assertion_type', { client_assertion: good }],
      ['a SAML assertion type', { client_assertion_type: JWT_BEARER.replace('jwt', 'saml2') }],
      ['another type', { client_assertion_type: 'jwt', client_assertion: good }],
      ['the type in another case', { client_assertion_type: JWT_BEARER.toUpperCase() }],
    ])('%s', (_label, body) => {
      expectInvalidClient(() => parseClientCredentials(undefined, body), TYPE, false);
    });

    it.each([
      ['no client_assertion', { client_id: 'client-1', client_assertion_type: JWT_BEARER }],
      ['an empty client_assertion', { client_assertion_type: JWT_BEARER, client_assertion: '' }],
    ])('%s', (_label, body) => {
      expectInvalidClient(() => parseClientCredentials(undefined, body), MISSING, false);
    });

    it.each([
      ['two parts', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0'],
      ['an encrypted JWT (five parts)', 'a.b.c.d.e'],
      ['a payload that is not base64url JSON', 'eyJhbGciOiJFUzI1NiJ9.!!!.sig'],
      ['a payload that is a JSON array', `x.${Buffer.from('[1]').toString('base64url')}.sig`],
      ['a NUL', 'a\u0000.b.c'],
      ['more than 16 KiB', jwt({ sub: 'client-1', pad: 'x'.repeat(16 * 1024) })],
    ])('a client_assertion with %s', (_label, assertion) => {
      expectInvalidClient(
        () =>
          parseClientCredentials(undefined, {
            client_assertion_type: JWT_BEARER,
            client_assertion: assertion,
          }),
        NOT_JWT,
        false,
      );
    });

    it.each([
      ['no sub', { iss: 'client-1' }],
      ['an empty sub', { sub: '' }],
      ['a numeric sub', { sub: 42 }],
    ])('an assertion with %s', (_label, payload) => {
      expectInvalidClient(
        () =>
          parseClientCredentials(undefined, {
            client_assertion_type: JWT_BEARER,
            client_assertion: jwt(payload),
          }),
        NO_SUB,
        false,
      );
    });

    it('a body client_id that differs from the sub (RFC 7521 §4.2)', () => {
      expectInvalidClient(
        () =>
          parseClientCredentials(undefined, {
            client_id: 'client-2',
            client_assertion_type: JWT_BEARER,
            client_assertion: good,
          }),
        'client_id differs from the sub of the client_assertion (RFC 7521 §4.2)',
        false,
      );
    });
  });
});
