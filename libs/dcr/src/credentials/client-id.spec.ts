import { describe, expect, it } from '@jest/globals';
import { isCimdClientId } from '../cimd/client-id-url.js';
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

describe('issued client ids and Client ID Metadata Document URLs', () => {
  it('never start with https:// (draft-ietf-oauth-client-id-metadata-document section 7.1)', () => {
    for (let i = 0; i < 1000; i++) {
      const clientId = randomToken(CLIENT_ID_BYTES);
      expect(clientId.startsWith('https://')).toBe(false);
      expect(clientId).not.toContain(':');
      expect(isCimdClientId(clientId, true)).toBe(false);
    }
  });

  it('and a URL is never taken for an issued id', () => {
    expect(isIssuedClientId('https://client.example/oauth/client.json')).toBe(false);
    expect(isIssuedClientId('https://a.example/0123456789012')).toBe(false);
  });
});
