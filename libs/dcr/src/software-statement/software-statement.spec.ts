import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  CompactEncrypt,
  CompactSign,
  SignJWT,
  UnsecuredJWT,
  base64url,
  generateKeyPair,
} from 'jose';
import { readSoftwareStatement } from './software-statement.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const INVALID =
  /^software_statement: must be a signed JWT in JWS compact serialization \(RFC 7591 §2\.3\)$/;

function expectInvalid(statement: unknown): void {
  expectOAuthError(() => readSoftwareStatement(statement), 'invalid_software_statement', INVALID);
}

/** A well-formed statement is handed on as it is, for the verifier (it is not trusted yet). */
function expectWellFormed(statement: string): void {
  expect(readSoftwareStatement(statement)).toBe(statement);
}

const CLAIMS = {
  software_id: '4NRB1-0XZABZI9E6-5SM3R',
  client_name: 'Example Statement-based Client',
  client_uri: 'https://client.example.net/',
};
const SECRET = randomBytes(32);

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

function hs256(claims: Record<string, unknown> = CLAIMS): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('https://issuer.example.com')
    .setIssuedAt()
    .sign(SECRET);
}

describe('readSoftwareStatement (RFC 7591 §2.3, §3.1.1)', () => {
  it.each([undefined, null])('reads an absent statement (%p) as none', (statement) => {
    expect(readSoftwareStatement(statement)).toBeUndefined();
  });

  it('names the member in the field extension of its error', () => {
    try {
      readSoftwareStatement(42);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as { toBody(): unknown }).toBody()).toMatchObject({
        error: 'invalid_software_statement',
        field: '/software_statement',
      });
    }
  });

  // Whether a well-formed statement is trusted is the verifier's question
  // (software-statement-verifier.spec.ts); its form alone is checked here.
  describe('well-formed signed JWTs pass the form check, whatever their signature', () => {
    it('hands on an HS256 JWT (the verifier refuses HMAC)', async () => {
      expectWellFormed(await hs256());
    });

    it.each(['ES256', 'RS256', 'EdDSA', 'PS256'])('hands on a %s JWT', async (alg) => {
      const { privateKey } = await generateKeyPair(alg);
      const jwt = await new SignJWT(CLAIMS).setProtectedHeader({ alg, kid: 'k1' }).sign(privateKey);
      expectWellFormed(jwt);
    });

    it('hands on a JWT with an empty claims object', async () => {
      expectWellFormed(await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(SECRET));
    });

    it('hands on an expired JWT: expiry is checked against the issuer', async () => {
      const jwt = await new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime(0)
        .sign(SECRET);
      expectWellFormed(jwt);
    });

    it('hands on a JWT with a wrong signature: the signature is checked against the issuer', async () => {
      const [header, payload] = (await hs256()).split('.');
      expectWellFormed(`${header}.${payload}.${base64url.encode(randomBytes(32))}`);
    });
  });

  describe('malformed statements are invalid', () => {
    it.each([
      ['a number', 42],
      ['a boolean', true],
      ['an object', { software_id: 'x' }],
      ['an array', ['a.b.c']],
      ['an empty string', ''],
    ])('rejects %s', (_label, statement) => {
      expectInvalid(statement);
    });

    it('rejects an unsigned JWT (alg "none", empty signature)', () => {
      const unsecured = new UnsecuredJWT(CLAIMS).encode();
      expect(unsecured.endsWith('.')).toBe(true);
      expectInvalid(unsecured);
    });

    it('rejects alg "none" even with a non-empty signature part', () => {
      const header = encodeJson({ alg: 'none', typ: 'JWT' });
      expectInvalid(`${header}.${encodeJson(CLAIMS)}.${base64url.encode('signature')}`);
    });

    it('rejects an HS256 JWT with its signature removed', async () => {
      const [header, payload] = (await hs256()).split('.');
      expectInvalid(`${header}.${payload}.`);
    });

    it('rejects a 2-part token', async () => {
      const [header, payload] = (await hs256()).split('.');
      expectInvalid(`${header}.${payload}`);
    });

    it('rejects a 4-part token', async () => {
      expectInvalid(`${await hs256()}.AAAA`);
    });

    it('rejects a 5-part JWE', async () => {
      const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(CLAIMS)))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(randomBytes(32));
      expect(jwe.split('.')).toHaveLength(5);
      expectInvalid(jwe);
    });

    it('rejects a JWS whose payload is not JSON', async () => {
      const jws = await new CompactSign(new TextEncoder().encode('not json'))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(SECRET);
      expectInvalid(jws);
    });

    it.each([
      ['an array', [CLAIMS]],
      ['a string', 'claims'],
      ['a number', 1],
      ['null', null],
    ])('rejects a JWS whose JSON payload is %s, not an object', async (_label, payload) => {
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(SECRET);
      expectInvalid(jws);
    });

    it.each([
      ['a header that is not JSON', base64url.encode('not json')],
      ['a header without alg', encodeJson({ typ: 'JWT' })],
      ['a header with a numeric alg', encodeJson({ alg: 256 })],
      ['a header with a null alg', encodeJson({ alg: null })],
      ['a header that is a JSON array', encodeJson(['HS256'])],
    ])('rejects %s', (_label, header) => {
      expectInvalid(`${header}.${encodeJson(CLAIMS)}.${base64url.encode('signature')}`);
    });

    it.each([
      ['base64 padding', (jwt: string) => `${jwt}==`],
      ['standard base64 characters', (jwt: string) => jwt.replace(/\.([^.]*)$/, '.+/$1')],
      ['surrounding whitespace', (jwt: string) => ` ${jwt} `],
      ['a trailing newline', (jwt: string) => `${jwt}\n`],
      ['an empty header', (jwt: string) => jwt.replace(/^[^.]*/, '')],
      ['an empty payload', (jwt: string) => jwt.replace(/\.[^.]*\./, '..')],
    ])('rejects an otherwise valid JWT with %s', async (_label, mangle) => {
      expectInvalid(mangle(await hs256()));
    });

    it('rejects strings that only look like JWTs', () => {
      expectInvalid('a.b.c');
      expectInvalid('...');
      expectInvalid('not a jwt');
    });
  });
});
