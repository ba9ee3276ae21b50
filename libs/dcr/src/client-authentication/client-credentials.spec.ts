import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import { parseClientCredentials } from './client-credentials.js';

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="token", charset="UTF-8"' };

const MALFORMED_BASIC = 'the Authorization header must be HTTP Basic with client_id:client_secret';
const BAD_FORM_ENCODING = 'the Basic credentials are not correctly form-encoded (RFC 6749 §2.3.1)';
const ONE_METHOD = 'use one client authentication method per request (RFC 6749 §2.3)';
const ID_MISMATCH = 'client_id in the body differs from the one in the Authorization header';
const NO_CREDENTIALS = 'no client authentication was presented';
const ASSERTION = 'client assertions (RFC 7523) are not verified by this server';

/** `Basic` credentials whose decoded payload is exactly `payload` (already form-encoded). */
function basic(payload: string): string {
  return `Basic ${Buffer.from(payload, 'utf8').toString('base64')}`;
}

function caught(fn: () => unknown): OAuthError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OAuthError);
  return thrown as OAuthError;
}

/** RFC 6749 §5.2: invalid_client, 401, with a Basic challenge exactly when the header was used. */
function expectInvalidClient(
  fn: () => unknown,
  description: string,
  usedAuthorizationHeader: boolean,
): void {
  const error = caught(fn);
  expect(error.error).toBe('invalid_client');
  expect(error.status).toBe(401);
  expect(error.description).toBe(description);
  expect(error.headers).toEqual(usedAuthorizationHeader ? BASIC_CHALLENGE : {});
}

/**
 * RFC 6749 §5.2: a request that repeats a parameter or uses more than one authentication method is
 * invalid_request, 400, whatever the scheme tried.
 */
function expectInvalidRequest(fn: () => unknown, description: string): void {
  const error = caught(fn);
  expect(error.error).toBe('invalid_request');
  expect(error.status).toBe(400);
  expect(error.description).toBe(description);
  expect(error.headers).toEqual({});
}

describe('parseClientCredentials', () => {
  describe('HTTP Basic (RFC 6749 §2.3.1)', () => {
    it('reads client_id and client_secret', () => {
      expect(parseClientCredentials(basic('s6BhdRkqt3:7Fjfp0ZBr1KtDRbnfVdmIw'), undefined)).toEqual(
        {
          method: 'client_secret_basic',
          clientId: 's6BhdRkqt3',
          clientSecret: '7Fjfp0ZBr1KtDRbnfVdmIw',
        },
      );
    });

    it('decodes the RFC 6749 §2.3.1 example header', () => {
      expect(
        parseClientCredentials('Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3', {
          grant_type: 'client_credentials',
        }),
      ).toEqual({
        method: 'client_secret_basic',
        clientId: 's6BhdRkqt3',
        clientSecret: '7Fjfp0ZBr1KtDRbnfVdmIw',
      });
    });

    it('treats "+" as a space in both parts (application/x-www-form-urlencoded)', () => {
      expect(parseClientCredentials(basic('my+client:s+e+cret'), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'my client',
        clientSecret: 's e cret',
      });
    });

    it('percent-decodes both parts', () => {
      expect(parseClientCredentials(basic('client%3A1:p%40ss%2Bword%25%20x'), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'client:1',
        clientSecret: 'p@ss+word% x',
      });
    });

    it('percent-decodes UTF-8 sequences', () => {
      expect(parseClientCredentials(basic('caf%C3%A9:%E2%82%AC%F0%9F%94%91'), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'caf\u00e9',
        clientSecret: '\u20ac\u{1f511}',
      });
    });

    it('splits at the first colon, so the secret may contain colons', () => {
      expect(parseClientCredentials(basic('id:se:cr:et:'), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'id',
        clientSecret: 'se:cr:et:',
      });
    });

    it('reads an empty secret after the colon as an empty string', () => {
      expect(parseClientCredentials(basic('id:'), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'id',
        clientSecret: '',
      });
    });

    it.each([
      ['no padding', 'ab:cde'],
      ['one "=" of padding', 'ab:cd'],
      ['two "=" of padding', 'ab:c'],
    ])('accepts base64 with %s', (_label, payload) => {
      const header = basic(payload);
      const [id, secret] = payload.split(':');
      expect(parseClientCredentials(header, undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: id,
        clientSecret: secret,
      });
    });

    it('checks the padding cases above really are 0, 1 and 2 "="', () => {
      expect(basic('ab:cde')).toMatch(/[^=]$/);
      expect(basic('ab:cd')).toMatch(/[^=]=$/);
      expect(basic('ab:c')).toMatch(/[^=]==$/);
    });

    it.each(['basic', 'BASIC', 'bAsIc'])('treats the scheme case-insensitively: %p', (scheme) => {
      const encoded = Buffer.from('id:secret').toString('base64');
      expect(parseClientCredentials(`${scheme} ${encoded}`, undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'id',
        clientSecret: 'secret',
      });
    });

    it.each([
      ['several spaces after the scheme', (e: string) => `Basic    ${e}`],
      ['surrounding whitespace', (e: string) => `  Basic ${e}\t `],
    ])('accepts %s', (_label, build) => {
      const encoded = Buffer.from('id:secret').toString('base64');
      expect(parseClientCredentials(build(encoded), undefined)).toEqual({
        method: 'client_secret_basic',
        clientId: 'id',
        clientSecret: 'secret',
      });
    });

    it('accepts a body client_id equal to the Basic one', () => {
      expect(
        parseClientCredentials(basic('client-1:secret'), {
          client_id: 'client-1',
          grant_type: 'client_credentials',
        }),
      ).toEqual({ method: 'client_secret_basic', clientId: 'client-1', clientSecret: 'secret' });
    });

    it('compares the body client_id with the form-decoded Basic id', () => {
      expect(parseClientCredentials(basic('a%2Bb:secret'), { client_id: 'a+b' })).toEqual({
        method: 'client_secret_basic',
        clientId: 'a+b',
        clientSecret: 'secret',
      });
    });

    it('ignores unrelated body parameters', () => {
      expect(
        parseClientCredentials(basic('id:secret'), {
          grant_type: 'client_credentials',
          scope: 'a',
        }),
      ).toEqual({ method: 'client_secret_basic', clientId: 'id', clientSecret: 'secret' });
    });
  });

  describe('rejects malformed Basic credentials, with a Basic challenge', () => {
    it.each([
      ['no colon', basic('client-without-secret')],
      ['an empty payload', 'Basic '],
      ['the scheme alone', 'Basic'],
      ['a payload that decodes to nothing', 'Basic ='],
    ])('%s', (_label, header) => {
      expectInvalidClient(() => parseClientCredentials(header, undefined), MALFORMED_BASIC, true);
    });

    it.each([
      ['punctuation', 'Basic !!!!'],
      ['a "$"', 'Basic YWI6$Yw=='],
      ['base64url "-"', 'Basic YWI6-Yw'],
      ['base64url "_"', 'Basic YWI6_Yw'],
      ['characters after the padding', 'Basic YWI6Yw==YQ'],
      ['a space inside the credentials', 'Basic YWI6 Yw=='],
      ['a tab after the scheme', 'Basic\tYWI6Yw=='],
      ['no separator after the scheme', 'BasicYWI6Yw=='],
      ['plain text id:secret', 'Basic id:secret'],
    ])('non-base64 credentials: %s', (_label, header) => {
      expectInvalidClient(() => parseClientCredentials(header, undefined), MALFORMED_BASIC, true);
    });

    it.each([
      ['Bearer', 'Bearer mF_9.B5f-4.1JqM'],
      ['Digest', 'Digest username="id"'],
      ['DPoP', 'DPoP abc'],
      ['a bare token', 'czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3'],
    ])('another scheme: %s', (_label, header) => {
      expectInvalidClient(
        () => parseClientCredentials(header, { client_id: 'id' }),
        MALFORMED_BASIC,
        true,
      );
    });

    it.each([
      ['a lone "%" in the id', 'id%:secret'],
      ['a lone "%" at the end of the secret', 'id:secret%'],
      ['a non-hex escape in the secret', 'id:sec%zzret'],
      ['a one-digit escape', 'id:sec%4'],
      ['a truncated UTF-8 sequence', 'id:%C3'],
      ['an invalid UTF-8 byte', 'id:%FF'],
      ['a truncated 3-byte sequence in the id', '%E2%82:secret'],
    ])('malformed percent-encoding: %s', (_label, payload) => {
      expectInvalidClient(
        () => parseClientCredentials(basic(payload), undefined),
        BAD_FORM_ENCODING,
        true,
      );
    });
  });

  describe('client_secret_post (RFC 6749 §2.3.1)', () => {
    it('reads client_id and client_secret from the body', () => {
      expect(
        parseClientCredentials(undefined, {
          grant_type: 'client_credentials',
          client_id: 's6BhdRkqt3',
          client_secret: '7Fjfp0ZBr1KtDRbnfVdmIw',
        }),
      ).toEqual({
        method: 'client_secret_post',
        clientId: 's6BhdRkqt3',
        clientSecret: '7Fjfp0ZBr1KtDRbnfVdmIw',
      });
    });

    it('does not decode body values a second time', () => {
      expect(
        parseClientCredentials(undefined, { client_id: 'a+b%20c', client_secret: 's+%41' }),
      ).toEqual({ method: 'client_secret_post', clientId: 'a+b%20c', clientSecret: 's+%41' });
    });

    it('keeps an empty client_secret as an empty secret', () => {
      expect(parseClientCredentials(undefined, { client_id: 'id', client_secret: '' })).toEqual({
        method: 'client_secret_post',
        clientId: 'id',
        clientSecret: '',
      });
    });

    it.each([
      ['an empty', ''],
      ['a blank', '   '],
    ])('treats %s Authorization header as absent', (_label, header) => {
      expect(parseClientCredentials(header, { client_id: 'id', client_secret: 'secret' })).toEqual({
        method: 'client_secret_post',
        clientId: 'id',
        clientSecret: 'secret',
      });
    });
  });

  describe('public clients (RFC 6749 §3.2.1)', () => {
    it('returns method none for a client_id alone', () => {
      expect(
        parseClientCredentials(undefined, { grant_type: 'authorization_code', client_id: 'pub' }),
      ).toEqual({ method: 'none', clientId: 'pub' });
    });

    it('treats an empty Authorization header as absent', () => {
      expect(parseClientCredentials('', { client_id: 'pub' })).toEqual({
        method: 'none',
        clientId: 'pub',
      });
    });

    it('has no clientSecret property', () => {
      const result = parseClientCredentials(undefined, { client_id: 'pub' });
      expect(Object.keys(result).sort()).toEqual(['clientId', 'method']);
    });
  });

  describe('one method per request (RFC 6749 §2.3)', () => {
    it('rejects Basic plus a client_secret in the body, as invalid_request', () => {
      expectInvalidRequest(
        () =>
          parseClientCredentials(basic('id:secret'), { client_id: 'id', client_secret: 'secret' }),
        ONE_METHOD,
      );
    });

    it('rejects Basic plus a body client_secret even without a body client_id', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('id:secret'), { client_secret: 'other' }),
        ONE_METHOD,
      );
    });

    it('rejects Basic plus an empty body client_secret', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('id:secret'), { client_secret: '' }),
        ONE_METHOD,
      );
    });

    it('rejects a body client_id that differs from the Basic id, as invalid_request', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('client-1:secret'), { client_id: 'client-2' }),
        ID_MISMATCH,
      );
    });

    it('compares client_ids case-sensitively', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('Client:secret'), { client_id: 'client' }),
        ID_MISMATCH,
      );
    });

    it('compares the body client_id with the decoded id: "+" in Basic is a space', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a+b:secret'), { client_id: 'a+b' }),
        ID_MISMATCH,
      );
    });
  });

  describe('repeated parameters (RFC 6749 §3.2)', () => {
    it.each([
      ['client_id', { client_id: ['a', 'a'] }],
      ['client_id', { client_id: ['a', 'b'], client_secret: 's' }],
      ['client_secret', { client_id: 'a', client_secret: ['s', 's'] }],
    ])('rejects a repeated %s as invalid_request (RFC 6749 §5.2)', (name, body) => {
      expectInvalidRequest(
        () => parseClientCredentials(undefined, body),
        `${name} must be sent exactly once`,
      );
    });

    it.each([
      ['a number', 42],
      ['an object', { value: 'a' }],
      ['null', null],
    ])('rejects a client_id that is %s', (_label, value) => {
      expectInvalidRequest(
        () => parseClientCredentials(undefined, { client_id: value }),
        'client_id must be sent exactly once',
      );
    });

    it('rejects a repeated client_id as invalid_request also when Basic was used', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a:secret'), { client_id: ['a', 'a'] }),
        'client_id must be sent exactly once',
      );
    });

    it('rejects a repeated client_secret as invalid_request also when Basic was used', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a:secret'), { client_secret: ['s', 's'] }),
        'client_secret must be sent exactly once',
      );
    });
  });

  describe('client assertions (RFC 7523)', () => {
    it.each([
      [
        'client_assertion and its type',
        {
          client_id: 'id',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
        },
      ],
      ['client_assertion alone', { client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }],
      [
        'client_assertion_type alone',
        { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' },
      ],
      ['an empty client_assertion', { client_id: 'id', client_assertion: '' }],
    ])('rejects %s, without a challenge', (_label, body) => {
      expectInvalidClient(() => parseClientCredentials(undefined, body), ASSERTION, false);
    });

    it('rejects a client_assertion next to a client_secret', () => {
      expectInvalidClient(
        () =>
          parseClientCredentials(undefined, {
            client_id: 'id',
            client_secret: 'secret',
            client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
          }),
        ASSERTION,
        false,
      );
    });

    it('rejects a client_assertion next to Basic, with a Basic challenge (RFC 6749 §5.2)', () => {
      const error = caught(() =>
        parseClientCredentials(basic('id:secret'), {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
        }),
      );
      expect(error.error).toBe('invalid_client');
      expect(error.status).toBe(401);
      expect(error.headers).toEqual(BASIC_CHALLENGE);
    });
  });

  describe('no credentials', () => {
    it.each([
      ['no header and no body', undefined, undefined],
      ['no header and an empty body', undefined, {}],
      ['no header and a body without client_id', undefined, { grant_type: 'client_credentials' }],
      ['a client_secret without client_id', undefined, { client_secret: 'secret' }],
      ['an empty header and no body', '', undefined],
      ['a blank header and an empty body', '  ', {}],
    ])('rejects %s, without a challenge', (_label, header, body) => {
      expectInvalidClient(() => parseClientCredentials(header, body), NO_CREDENTIALS, false);
    });
  });
});
