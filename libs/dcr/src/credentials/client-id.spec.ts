import { describe, expect, it } from '@jest/globals';
import { isIssuedClientId } from './client-id.js';
import { CLIENT_ID_BYTES, randomToken } from './random-token.js';

describe('isIssuedClientId', () => {
  it('accepts the identifiers the module issues', () => {
    for (let i = 0; i < 200; i++) expect(isIssuedClientId(randomToken(CLIENT_ID_BYTES))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a NUL', '\u0000'],
    ['a NUL inside an id', 'abcdefghijk\u0000mnopqrstuv'],
    ['one character short', 'a'.repeat(21)],
    ['one character long', 'a'.repeat(23)],
    ['padding', `${'a'.repeat(20)}==`],
    ['base64 rather than base64url', `${'a'.repeat(20)}+/`],
    ['a path', '../../etc/passwd'],
    ['a URL', 'https://client.example/metadata.json'],
    ['a trailing newline', `${'a'.repeat(22)}\n`],
    ['non-ASCII', 'é'.repeat(22)],
    ['a megabyte', 'a'.repeat(1_000_000)],
  ])('refuses %s', (_label, value) => {
    expect(isIssuedClientId(value)).toBe(false);
  });
});
