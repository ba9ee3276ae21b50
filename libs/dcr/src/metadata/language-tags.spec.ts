import { describe, expect, it } from '@jest/globals';
import { isLanguageTag, parseLanguageTaggedFields } from './language-tags.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

describe('isLanguageTag (RFC 5646 §2.1 well-formedness)', () => {
  it.each([
    // language
    ['2-letter language', 'en'],
    ['3-letter language', 'haw'],
    ['4-letter (reserved) language', 'abcd'],
    ['5- to 8-letter (registered) language', 'abcdefgh'],
    // extlang
    ['language with extlang', 'zh-yue'],
    ['extlang with region', 'zh-yue-HK'],
    ['three extlangs', 'zh-abc-def-ghi'],
    ['sign language extlang', 'sgn-ase'],
    // script
    ['language with script', 'zh-Hant'],
    ['script and region', 'zh-Hans-CN'],
    ['RFC 7591 §2.2 example', 'ja-Jpan-JP'],
    ['extlang, script and region', 'zh-cmn-Hans-CN'],
    // region
    ['alpha region', 'en-US'],
    ['numeric region', 'es-419'],
    // variants
    ['5-character variant', 'sl-rozaj'],
    ['two variants', 'sl-rozaj-biske'],
    ['digit-led 4-character variant', 'de-CH-1901'],
    ['8-character variant', 'hy-Latn-IT-arevela'],
    ['variant directly after language', 'de-1996'],
    // extensions
    ['extension', 'de-DE-u-co-phonebk'],
    ['extension with several subtags', 'en-US-u-islamcal-nu-arab'],
    ['two extensions', 'en-a-myext-b-another'],
    ['digit singleton extension', 'en-0-abc'],
    ['8-character extension subtag', 'en-t-abcdefgh'],
    // private use
    ['private use after a langtag', 'en-US-x-twain'],
    ['private use with a 1-character subtag', 'de-x-a'],
    ['extension then private use', 'en-a-bbb-x-a-ccc'],
    ['everything', 'zh-yue-Hant-HK-1901-u-co-phonebk-x-private1'],
    ['whole-tag private use', 'x-whatever'],
    ['whole-tag private use, several subtags', 'x-a-b-12345678'],
    // grandfathered
    ['irregular grandfathered', 'i-klingon'],
    ['irregular grandfathered i-default', 'i-default'],
    ['irregular grandfathered en-GB-oed', 'en-GB-oed'],
    ['irregular grandfathered sgn-BE-FR', 'sgn-BE-FR'],
    ['regular grandfathered', 'art-lojban'],
    ['regular grandfathered zh-min-nan', 'zh-min-nan'],
  ])('accepts a %s: %s', (_label, tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each(['EN-us', 'ZH-hANT-cn', 'X-WHATEVER', 'I-KLINGON', 'En-Gb-Oed', 'SL-ROZAJ'])(
    'is case-insensitive (RFC 5646 §2.1.1): %s',
    (tag) => {
      expect(isLanguageTag(tag)).toBe(true);
    },
  );

  it.each([
    ['an empty tag', ''],
    ['a 1-letter language', 'e'],
    ['a 9-letter language', 'abcdefghi'],
    ['a digit language', '12'],
    ['an underscore separator', 'en_US'],
    ['a trailing hyphen', 'en-'],
    ['a leading hyphen', '-en'],
    ['an empty subtag', 'en--US'],
    ['a space', 'en US'],
    ['surrounding whitespace', ' en'],
    ['a non-ASCII letter', 'fr-\u00c9U'],
    ['four extlangs', 'zh-abc-def-ghi-jkl'],
    ['an extlang after a 4-letter language', 'abcd-abc'],
    ['a 2-digit region', 'en-12'],
    ['a 4-digit region', 'en-1234-US'],
    ['a 1-letter region', 'en-U'],
    ['a 3-letter subtag after a region', 'de-419-DE'],
    ['a 4-letter variant not starting with a digit', 'de-DE-abcd'],
    ['a 9-character variant', 'de-abcdefghi'],
    ['two scripts', 'zh-Hant-Hans'],
    ['two regions', 'en-US-GB'],
    ['a singleton without a subtag', 'en-a'],
    ['a singleton followed by another singleton', 'en-a-b-ccc'],
    ['a 1-character extension subtag', 'en-a-b'],
    ['a 9-character extension subtag', 'en-a-abcdefghi'],
    ['x without a private-use subtag', 'en-x'],
    ['x with an empty private-use subtag', 'en-US-x-'],
    ['a 9-character private-use subtag', 'x-abcdefghi'],
    ['a bare x', 'x'],
    ['a 9-character private-use subtag after a langtag', 'en-US-x-abcdefghi'],
    ['a private-use section before an extension', 'en-x-abc-a-'],
    ['a grandfathered-like tag that is not registered', 'i-notatag'],
    ['a grandfathered tag with a suffix', 'i-klingon-x'],
    ['a percent-encoded tag', 'en%2DUS'],
    ['a tag with a fragment', 'en#US'],
  ])('rejects %s: %p', (_label, tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });

  it('accepts a well-formed tag of 64 characters and rejects one of 65', () => {
    const exactly64 = `en-x-${'abcdefgh-'.repeat(6)}abcde`;
    expect(exactly64).toHaveLength(64);
    expect(isLanguageTag(exactly64)).toBe(true);
    expect(isLanguageTag(`${exactly64}f`)).toBe(false);
  });

  it('rejects a very long tag quickly', () => {
    const start = Date.now();
    expect(isLanguageTag(`${'a-'.repeat(10_000)}!`)).toBe(false);
    expect(isLanguageTag(`en-${'abcde-'.repeat(10_000)}`)).toBe(false);
    expect(Date.now() - start).toBeLessThan(500);
  });
});

describe('parseLanguageTaggedFields (RFC 7591 §2.2)', () => {
  it('returns nothing for a body without tagged keys', () => {
    expect(
      parseLanguageTaggedFields({ client_name: 'Plain', client_uri: 'https://client.example.com' }),
    ).toEqual({});
  });

  it('keeps the tagged variants of every localizable field, under the canonical case of the tag', () => {
    const body = {
      client_name: 'My Client',
      'client_name#ja-Jpan-JP': '\u30af\u30e9\u30a4\u30a2\u30f3\u30c8\u540d',
      'client_name#fr': 'Mon client',
      'client_uri#de': 'https://client.example.com/de',
      'logo_uri#en-US': 'https://client.example.com/logo-en.png',
      'tos_uri#FR-ca': 'http://client.example.com/tos/fr-ca',
      'policy_uri#x-private': 'https://client.example.com/policy',
    };
    expect(parseLanguageTaggedFields(body)).toEqual({
      'client_name#ja-Jpan-JP': '\u30af\u30e9\u30a4\u30a2\u30f3\u30c8\u540d',
      'client_name#fr': 'Mon client',
      'client_uri#de': 'https://client.example.com/de',
      'logo_uri#en-US': 'https://client.example.com/logo-en.png',
      'tos_uri#fr-CA': 'http://client.example.com/tos/fr-ca',
      'policy_uri#x-private': 'https://client.example.com/policy',
    });
  });

  it('ignores tagged keys of fields that are not localizable', () => {
    expect(
      parseLanguageTaggedFields({
        'scope#fr': 'openid',
        'redirect_uris#fr': ['https://client.example.com/cb'],
        'jwks_uri#fr': 'not a url',
        'client_id#fr': 'x',
        '#fr': 'x',
        'client_name_x#fr': 'x',
        'Client_Name#fr': 'x',
      }),
    ).toEqual({});
  });

  it('ignores null and undefined values', () => {
    expect(
      parseLanguageTaggedFields({
        'client_name#fr': null,
        'logo_uri#de': undefined,
        'tos_uri#!!': null,
      }),
    ).toEqual({});
  });

  it.each([
    ['client_name#', ''],
    ['client_name#en_US', 'en_US'],
    ['logo_uri#e', 'e'],
    ['tos_uri#fr#ca', 'fr#ca'],
    ['policy_uri#en-', 'en-'],
  ])('rejects %s, whose tag is not well-formed', (key, tag) => {
    expectOAuthError(
      () =>
        parseLanguageTaggedFields({
          [key]: key.startsWith('client_name') ? 'x' : 'https://a.example',
        }),
      'invalid_client_metadata',
      new RegExp(
        `^${key.replace(/[#]/g, '\\#')}: "${tag.replace(/[#]/g, '\\#')}" is not a well-formed BCP 47 language tag$`,
      ),
      `/${key}`,
    );
  });

  it.each([
    ['a number', 42],
    ['a boolean', true],
    ['an array', ['Mon client']],
    ['an object', { value: 'Mon client' }],
    ['an empty string', ''],
    ['a string of 513 characters', 'a'.repeat(513)],
  ])('rejects client_name#fr when it is %s', (_label, value) => {
    expectOAuthError(
      () => parseLanguageTaggedFields({ 'client_name#fr': value }),
      'invalid_client_metadata',
      /^client_name#fr: must be a non-empty string of at most 512 characters$/,
      '/client_name#fr',
    );
  });

  it('accepts a tagged URL of 2048 characters and rejects one of 2049', () => {
    const prefix = 'https://client.example.com/';
    const url2048 = prefix + 'a'.repeat(2048 - prefix.length);
    expect(parseLanguageTaggedFields({ 'tos_uri#fr': url2048 })).toEqual({ 'tos_uri#fr': url2048 });
    expectOAuthError(
      () => parseLanguageTaggedFields({ 'tos_uri#fr': `${url2048}a` }),
      'invalid_client_metadata',
      /^tos_uri#fr: must be a non-empty string of at most 2048 characters$/,
      '/tos_uri#fr',
    );
  });

  it.each([
    ['client_uri#fr', 'javascript:alert(1)'],
    ['logo_uri#fr', 'data:image/png;base64,iVBORw0KGgo='],
    ['tos_uri#fr', 'file:///etc/passwd'],
    ['policy_uri#fr', '/policy'],
    ['client_uri#fr', 'client.example.com'],
    ['logo_uri#fr', 'https://client.example.com/lo go.png'],
    ['tos_uri#fr', 'ftp://client.example.com/tos'],
  ])('rejects %s = %p, which is not an absolute http(s) URL', (key, value) => {
    expectOAuthError(
      () => parseLanguageTaggedFields({ [key]: value }),
      'invalid_client_metadata',
      new RegExp(`^${key}: must be an absolute http\\(s\\) URL$`),
      `/${key}`,
    );
  });

  it('does not require client_name variants to be URLs', () => {
    expect(parseLanguageTaggedFields({ 'client_name#de': 'Mein Client' })).toEqual({
      'client_name#de': 'Mein Client',
    });
  });

  it('accepts 64 tagged fields and rejects 65', () => {
    const tags = Array.from({ length: 65 }, (_, i) => `x-t${i}`);
    const body = Object.fromEntries(tags.map((tag) => [`client_name#${tag}`, `Name ${tag}`]));
    const first64 = Object.fromEntries(Object.entries(body).slice(0, 64));
    expect(Object.keys(parseLanguageTaggedFields(first64))).toHaveLength(64);
    expectOAuthError(
      () => parseLanguageTaggedFields(body),
      'invalid_client_metadata',
      /^at most 64 language-tagged fields$/,
      '/client_name#x-t64',
    );
  });

  it('does not count ignored keys towards the limit', () => {
    const body: Record<string, unknown> = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`scope#x-t${i}`, 'openid']),
    );
    body['client_name#fr'] = 'Mon client';
    for (let i = 0; i < 100; i++) body[`logo_uri#x-n${i}`] = null;
    expect(parseLanguageTaggedFields(body)).toEqual({ 'client_name#fr': 'Mon client' });
  });

  it('returns a plain object and leaves Object.prototype alone', () => {
    const body = JSON.parse(
      '{"__proto__#fr": {"polluted": true}, "client_name#fr": "x"}',
    ) as Record<string, unknown>;
    const result = parseLanguageTaggedFields(body);
    expect(result).toEqual({ 'client_name#fr': 'x' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
