import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { canonicalLanguageTag, parseLanguageTaggedFields } from './language-tags.js';

describe('canonicalLanguageTag (RFC 5646 §2.1.1 case conventions)', () => {
  it.each([
    ['EN', 'en'],
    ['en-us', 'en-US'],
    ['EN-us', 'en-US'],
    ['mn-cyrl-mn', 'mn-Cyrl-MN'],
    ['MN-cYRL-mn', 'mn-Cyrl-MN'],
    ['ZH-hANT-tw', 'zh-Hant-TW'],
    ['sr-LATN-rs', 'sr-Latn-RS'],
    ['es-419', 'es-419'],
    ['DE-ch-1901', 'de-CH-1901'],
    ['sl-ROZAJ-biske', 'sl-rozaj-biske'],
    ['zh-YUE-hk', 'zh-yue-HK'],
    // After a singleton every subtag is lower case, whatever its length (RFC 5646 §2.1.1).
    ['en-CA-X-CA', 'en-CA-x-ca'],
    ['az-Latn-x-LATN', 'az-Latn-x-latn'],
    ['en-A-BB-ccc-X-DD', 'en-a-bb-ccc-x-dd'],
    ['X-WHATEVER', 'x-whatever'],
    ['I-KLINGON', 'i-klingon'],
    ['SGN-be-fr', 'sgn-BE-FR'],
    ['EN-gb-OED', 'en-GB-oed'],
  ])('writes %s as %s', (tag, canonical) => {
    expect(canonicalLanguageTag(tag)).toBe(canonical);
  });

  it('leaves a canonical tag as it is', () => {
    for (const tag of ['fr', 'ja-Jpan-JP', 'en-a-bbb-x-a-ccc', 'zh-min-nan']) {
      expect(canonicalLanguageTag(tag)).toBe(tag);
    }
  });
});

describe('parseLanguageTaggedFields: tags are case-insensitive (issue 8)', () => {
  it('stores a variant under the canonical case of its tag', () => {
    expect(
      parseLanguageTaggedFields({
        'client_name#EN': 'Name',
        'logo_uri#JA-jpan-jp': 'https://client.example.com/ja.png',
      }),
    ).toEqual({
      'client_name#en': 'Name',
      'logo_uri#ja-Jpan-JP': 'https://client.example.com/ja.png',
    });
  });

  it.each([
    ['client_name#en', 'client_name#EN'],
    ['client_name#EN', 'client_name#en'],
    ['tos_uri#fr-ca', 'tos_uri#FR-CA'],
    ['client_name#zh-hant', 'client_name#zh-Hant'],
  ])('refuses %s and %s in one body as one field sent twice', (first, second) => {
    const value = first.startsWith('client_name') ? 'Name' : 'https://client.example.com/tos';
    expectOAuthError(
      () => parseLanguageTaggedFields({ [first]: value, [second]: value }),
      'invalid_client_metadata',
      new RegExp(
        `^${second}: the same field as ${first}, since language tags are case-insensitive \\(RFC 5646 §2\\.1\\.1\\)$`,
      ),
      `/${second}`,
    );
  });

  it('keeps the same tag on different fields apart', () => {
    expect(
      Object.keys(
        parseLanguageTaggedFields({
          'client_name#en': 'Name',
          'client_uri#EN': 'https://client.example.com/en',
        }),
      ),
    ).toEqual(['client_name#en', 'client_uri#en']);
  });

  it('does not count a null duplicate, which is an omitted field', () => {
    expect(parseLanguageTaggedFields({ 'client_name#en': 'Name', 'client_name#EN': null })).toEqual(
      { 'client_name#en': 'Name' },
    );
  });

  it('escapes a slash in the pointer of a refused key (RFC 6901)', () => {
    expectOAuthError(
      () => parseLanguageTaggedFields({ 'client_name#en/US': 'Name' }),
      'invalid_client_metadata',
      /is not a well-formed BCP 47 language tag/,
      '/client_name#en~1US',
    );
  });

  it('names a value PostgreSQL cannot store by its key', () => {
    expectOAuthError(
      () => parseLanguageTaggedFields({ 'client_name#fr': 'a\u0000b' }),
      'invalid_client_metadata',
      /^client_name#fr: contains a NUL character/,
      '/client_name#fr',
    );
  });
});
