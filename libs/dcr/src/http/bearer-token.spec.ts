import { describe, expect, it } from '@jest/globals';
import { parseBearerToken, readBearerCredentials } from './bearer-token.js';

describe('parseBearerToken', () => {
  describe('accepts RFC 6750 §2.1 credentials', () => {
    it('returns the token of a plain header', () => {
      expect(parseBearerToken('Bearer mF_9.B5f-4.1JqM')).toBe('mF_9.B5f-4.1JqM');
    });

    it('accepts every b64token character: ALPHA DIGIT - . _ ~ + /', () => {
      const token = 'ABCXYZabcxyz0189-._~+/';
      expect(parseBearerToken(`Bearer ${token}`)).toBe(token);
    });

    it('keeps the case of the token (only the scheme is case-insensitive)', () => {
      expect(parseBearerToken('Bearer AbCdEf')).toBe('AbCdEf');
    });

    it.each(['abc=', 'abc==', 'abc===', 'a/b+c=='])('accepts trailing "=" padding: %p', (token) => {
      expect(parseBearerToken(`Bearer ${token}`)).toBe(token);
    });

    it.each(['bearer', 'BEARER', 'BeArEr', 'bEARER'])(
      'treats the scheme case-insensitively (RFC 9110 §11.1): %p',
      (scheme) => {
        expect(parseBearerToken(`${scheme} tok3n`)).toBe('tok3n');
      },
    );

    it.each([
      ['two spaces', 'Bearer  tok3n'],
      ['five spaces', 'Bearer     tok3n'],
    ])('accepts 1*SP between scheme and token (%s)', (_label, header) => {
      expect(parseBearerToken(header)).toBe('tok3n');
    });

    it.each([
      ['leading spaces', '   Bearer tok3n'],
      ['trailing spaces', 'Bearer tok3n   '],
      ['both', '  Bearer tok3n  '],
      ['a leading tab', '\tBearer tok3n'],
      ['a trailing tab', 'Bearer tok3n\t'],
    ])('ignores surrounding whitespace (%s)', (_label, header) => {
      expect(parseBearerToken(header)).toBe('tok3n');
    });

    it('returns a long token whole', () => {
      const token = 'x'.repeat(1024);
      expect(parseBearerToken(`Bearer ${token}`)).toBe(token);
    });

    it('accepts a token that spells the scheme name', () => {
      expect(parseBearerToken('Bearer Bearer')).toBe('Bearer');
    });
  });

  describe('returns undefined', () => {
    it('for an undefined header', () => {
      expect(parseBearerToken(undefined)).toBeUndefined();
    });

    it.each([
      ['an empty header', ''],
      ['a blank header', '   '],
      ['the scheme alone', 'Bearer'],
      ['the scheme and a space', 'Bearer '],
      ['the scheme and several spaces', 'Bearer    '],
    ])('for %s', (_label, header) => {
      expect(parseBearerToken(header)).toBeUndefined();
    });

    it.each([
      ['a space inside the token', 'Bearer abc def'],
      ['a comma', 'Bearer abc,def'],
      ['a double quote', 'Bearer "abc"'],
      ['a semicolon', 'Bearer abc;'],
      ['a colon', 'Bearer abc:def'],
      ['a percent sign', 'Bearer abc%20'],
      ['a backslash', 'Bearer abc\\def'],
      ['an at sign', 'Bearer user@example'],
      ['a non-ASCII letter', 'Bearer caf\u00e9'],
      ['an embedded newline', 'Bearer abc\ndef'],
      ['an embedded tab', 'Bearer abc\tdef'],
      ['"=" before other characters', 'Bearer abc=def'],
      ['"=" between padding runs', 'Bearer abc=d='],
      ['padding only', 'Bearer =='],
      ['padding before the token', 'Bearer =abc'],
    ])('for a token with invalid syntax: %s', (_label, header) => {
      expect(parseBearerToken(header)).toBeUndefined();
    });

    it.each([
      ['a tab instead of a space (1*SP)', 'Bearer\ttok3n'],
      ['no separator at all', 'Bearertok3n'],
      ['a colon after the scheme', 'Bearer: tok3n'],
      ['an encoded space', 'Bearer%20tok3n'],
      ['a repeated scheme', 'Bearer Bearer tok3n'],
      ['a prefix before the scheme', 'XBearer tok3n'],
      ['a truncated scheme', 'Bear tok3n'],
    ])('for a malformed scheme: %s', (_label, header) => {
      expect(parseBearerToken(header)).toBeUndefined();
    });

    it.each([
      ['Basic', 'Basic dXNlcjpwYXNz'],
      ['DPoP', 'DPoP tok3n'],
      ['MAC', 'MAC tok3n'],
      ['Token', 'Token tok3n'],
      ['Digest', 'Digest username="a"'],
    ])('for another scheme: %s', (_label, header) => {
      expect(parseBearerToken(header)).toBeUndefined();
    });
  });
});

describe('readBearerCredentials', () => {
  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a blank header', '   '],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['another scheme named like Bearer', 'Bearerx tok3n'],
    ['DPoP', 'DPoP tok3n'],
  ])('is "none" for %s (RFC 6750 §3.1: no error code)', (_label, header) => {
    expect(readBearerCredentials(header)).toBe('none');
  });

  it.each([
    ['the scheme alone', 'Bearer'],
    ['the scheme and spaces', 'Bearer   '],
    ['a token with a space', 'Bearer abc def'],
    ['a token with a NUL', 'Bearer abc\u0000'],
    ['a quoted token', 'bearer "abc"'],
  ])('is "malformed" for %s', (_label, header) => {
    expect(readBearerCredentials(header)).toBe('malformed');
  });

  it('returns the token of valid credentials, whatever the scheme case', () => {
    expect(readBearerCredentials('bEaReR  tok3n==')).toEqual({ token: 'tok3n==' });
  });
});
