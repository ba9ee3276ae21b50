import type { JsonEntry } from './json-text.js';

// Fixed inputs the arbitraries draw from and combine with random values.

/** Every field a registration or update body may name (RFC 7591 §2, §3.1; RFC 7592 §2.2). */
export const REQUEST_FIELDS = [
  'redirect_uris',
  'token_endpoint_auth_method',
  'grant_types',
  'response_types',
  'client_name',
  'client_uri',
  'logo_uri',
  'scope',
  'contacts',
  'tos_uri',
  'policy_uri',
  'jwks_uri',
  'jwks',
  'software_id',
  'software_version',
  'software_statement',
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
] as const;

/** RFC 7591 §2.2: the fields that may carry a language tag. */
export const LOCALIZABLE_FIELDS = [
  'client_name',
  'client_uri',
  'logo_uri',
  'tos_uri',
  'policy_uri',
] as const;

/** Well-formed BCP 47 tags (RFC 5646), from the simple to the unusual. */
export const VALID_LANGUAGE_TAGS = [
  'fr',
  'en-US',
  'ja-Jpan-JP',
  'zh-Hant-TW',
  'de-CH-1901',
  'es-419',
  'sr-Latn-RS',
  'x-private',
  'i-klingon',
  'en-a-bbb-x-a-ccc',
];

/** Tags that are not well-formed, or are not tags at all. */
export const ODD_LANGUAGE_TAGS = [
  '',
  'xx-invalid',
  '#',
  'fr#fr',
  'en-',
  '-en',
  'e',
  'toolongsubtag',
  'en--US',
  'en US',
  'é',
  '\u0000',
  '\ud800',
  'a'.repeat(100),
  'x-' + 'abcdefgh-'.repeat(10) + 'a',
];

/**
 * Text pieces that have broken validators, databases or screens: control characters (NUL is not
 * storable in PostgreSQL text or jsonb), lone and reversed surrogates, bidirectional and
 * zero-width marks, combining marks, emoji, SQL and HTML injection, template syntax.
 */
export const HOSTILE_PIECES = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0007\u001b[31m',
  '\t\r\n',
  '\u007f',
  '\ud800',
  '\udfff',
  'a\udc00\ud800b',
  '\ud83d',
  '\u202e',
  '\u200f\u200e',
  '\u200b\u200d',
  '\u2028\u2029',
  '\ufeff',
  '\ufffe\uffff',
  '\u{10ffff}',
  'e\u0301',
  '\u0301\u0302\u0303',
  'Z\u0337\u0322\u031ba\u0338l\u0334g\u0337o',
  '😀',
  '👨‍👩‍👧‍👦',
  '🇫🇷',
  'مرحبا',
  '𝕳𝖊𝖑𝖑𝖔',
  "'; DROP TABLE dcr_client; --",
  "' OR '1'='1",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '$$; SELECT 1; $$',
  '$1',
  ':clientId',
  "E'\\\\'",
  '\\',
  '\\u0000',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '%00',
  '%s%n',
  '../../etc/passwd',
  '__proto__',
  'null',
  'undefined',
  'NaN',
  // A well-formed signed JWT (a software statement from an issuer nobody trusts), and an unsigned one.
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb2Z0d2FyZV9pZCI6IjROUkIxLTBYWkFCWkk5RTYtNVNNM1IiLCJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZSJ9.bm90IGEgc2lnbmF0dXJl',
  'eyJhbGciOiJub25lIn0.eyJzb2Z0d2FyZV9pZCI6IngifQ.',
];

/** Numbers as JSON text, including those `JSON.stringify` cannot write. */
export const EDGE_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '-0.0',
  '0e0',
  '1E400',
  '1e-400',
  '5e-324',
  '2.2250738585072014e-308',
  '1.7976931348623157e308',
  '9007199254740993',
  '-9007199254740993',
  '18446744073709551616',
  '123456789012345678901234567890123456789',
  '1' + '0'.repeat(1000),
  '0.1',
  '1.0',
  '1E+2',
  '-1',
];

/** URIs that look almost right: wrong scheme, no host, credentials, fragment, non-ASCII. */
export const ODD_URIS = [
  'https://a.example/cb#frag',
  'https://user:pw@a.example/cb',
  'http://a.example/cb',
  'http://127.0.0.1.nip.io/cb',
  'http://[::ffff:127.0.0.1]/cb',
  'http://0x7f.1/cb',
  'https:///cb',
  'https:a.example/cb',
  '//a.example/cb',
  '/cb',
  'cb',
  '',
  'HTTPS://A.EXAMPLE/CB',
  'https://例え.テスト/cb',
  'https://a.example/c b',
  'https://a.example/\u0000',
  'https://a.example/\ud800',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'myapp:/cb',
  'com.example.app:/cb',
  'com.example.app:cb',
  'https://a.example/' + 'a'.repeat(2100),
  'https://' + 'a'.repeat(300) + '.example/',
];

/**
 * Prototype-pollution attempts, as entries written as raw text (an object literal's `__proto__`
 * would set a prototype instead of making a key, and JSON.stringify would drop it).
 */
export const PROTOTYPE_PAYLOADS: readonly JsonEntry[] = [
  ['__proto__', '{"polluted":"yes","token_endpoint_auth_method":"none"}'],
  ['__proto__', '{"redirect_uris":["https://evil.example/cb"],"isAdmin":true}'],
  ['__proto__', 'null'],
  ['__proto__', '[]'],
  ['constructor', '{"prototype":{"polluted":"yes"}}'],
  ['constructor', '"polluted"'],
  ['prototype', '{"polluted":"yes"}'],
  ['jwks', '{"keys":[],"__proto__":{"polluted":"yes"}}'],
  ['jwks', '{"keys":[{"kty":"EC","__proto__":{"d":"secret"}}]}'],
  ['jwks', '{"__proto__":{"keys":[]}}'],
  ['jwks', '{"keys":[],"constructor":{"prototype":{"polluted":"yes"}}}'],
  ['client_name#__proto__', '"x"'],
];

/** Text bodies that are not JSON, or are JSON but not an object. */
export const NOT_JSON_TEXTS = [
  '',
  ' ',
  '\n',
  'null',
  'true',
  '0',
  '"a string"',
  '[]',
  '[{}]',
  '{',
  '}',
  '{}{}',
  '{} x',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":0x10}',
  '{"a":undefined}',
  '{"a":1 /* c */}',
  '// c\n{}',
  '{"a":"\u0001"}',
  '{"a":"\n"}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"unterminated}',
  '\u0000{}',
  '{"redirect_uris":["https://a.example/cb"]',
];

/** Content-Types other than `application/json`, from near misses to unrelated ones. */
export const ODD_CONTENT_TYPES = [
  '',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json; charset',
  'application/json;;;',
  'application/json ; boundary=x',
  'APPLICATION/JSON',
  'Application/Json; Charset=UTF-8',
  'application/jsonx',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/ld+json',
  'application/json, text/plain',
  'application/*',
  '*/*',
  'json',
  'text/json',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'application/xml',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'x/y/z',
  ';',
];

/** Content-Encodings, none of which the bodies are actually encoded with. */
export const ODD_CONTENT_ENCODINGS = [
  'gzip',
  'deflate',
  'br',
  'identity',
  'x-unknown',
  'gzip, gzip',
];
