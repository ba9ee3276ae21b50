import { describe, expect, it } from '@jest/globals';
import { parseClientCredentials } from './client-credentials.js';
import { basic, expectInvalidClient } from './client-credentials.spec-helpers.js';

const MALFORMED_BASIC = 'the Authorization header must be HTTP Basic with client_id:client_secret';
const BAD_FORM_ENCODING = 'the Basic credentials are not correctly form-encoded (RFC 6749 §2.3.1)';

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
});
