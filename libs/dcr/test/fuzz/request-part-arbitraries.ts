import fc from 'fast-check';

// Hostile values for the parts of a request around the body: path parameters, header values,
// query strings, and the form and Basic inputs of a token request.

/** Characters Node lets a header value carry: tab, printable ASCII and Latin-1 (RFC 9110 §5.5). */
const headerCharacter = fc.oneof(
  fc.constantFrom('\t', ' '),
  fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);

const headerText = (maxLength: number) =>
  fc.string({ unit: headerCharacter, maxLength }).filter((text) => text.trim() === text);

/** Text of any Unicode, lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });

/** Percent-encodes any text, lone surrogates included (as U+FFFD). */
function percentEncoded(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/** A path segment: percent-encoded text or raw escapes PostgreSQL or a decoder may choke on. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'abc%00def',
    '%ZZ',
    '%',
    '%C0%80',
    '%FF%FE',
    '%ED%A0%80', // an encoded lone surrogate
    '..',
    '%2E%2E',
    '%2F',
    '%5C',
    '%0D%0A',
    "'%3B%20DROP%20TABLE%20dcr_client%3B--",
    'x'.repeat(10_000),
    'AAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAA%00',
  ),
  anyText.filter((text) => text !== '').map(percentEncoded),
  fc.string({ minLength: 1, maxLength: 40 }).map(percentEncoded),
);

/** An Authorization header value, or none. */
export const authorizationValue = (
  validTokens: readonly string[],
): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Bearer  ',
      'bearer x',
      'Bearer a b',
      'Bearer =',
      // Under Node's 16 KiB header limit, together with the longest path segment (10,000
      // characters): beyond it, Node answers 431 before the app sees anything.
      'Bearer ' + 'A'.repeat(5_000),
      'Basic',
      'Basic Og==',
      'Basic AA==',
      'Basic ' + Buffer.from('\u0000:\u0000').toString('base64'),
      'DPoP abc',
      'Bearer\tabc',
      ...validTokens.map((token) => `Bearer ${token}`),
    ),
    headerText(60),
    headerText(40).map((text) => `Bearer ${text}`),
    headerText(40).map((text) => `Basic ${Buffer.from(text, 'latin1').toString('base64')}`),
  );

/** A Content-Type header value, or none. */
export const contentTypeValue: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json;charset=utf-16',
    'application/jsonx',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    '',
    ';',
    'application/json; charset="',
  ),
  headerText(40),
);

/** A query string (with its `?`), or none. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?dry_run=true',
    '?dry_run=%00',
    '?%00=%00',
    '?a=1&a=2',
    '?x=' + 'y'.repeat(5000),
    '?__proto__[polluted]=yes',
    '?constructor[prototype][polluted]=yes',
  ),
  fc
    .array(fc.tuple(anyText, anyText), { maxLength: 4 })
    .map(
      (pairs) => `?${pairs.map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`).join('&')}`,
    ),
);

/** A form value as a parsed body holds it: one string, a repeated parameter, or garbage. */
const formValue = fc.oneof(
  anyText,
  fc.constantFrom('', '\u0000', 'a\u0000b', 'x'.repeat(10_000), 'AAAAAAAAAAAAAAAAAAAAA\u0000'),
  fc.array(anyText, { minLength: 2, maxLength: 3 }),
  fc.constant(undefined),
);

/** The parsed form body of a token request. */
export const tokenRequestBody = (
  clientIds: readonly string[],
): fc.Arbitrary<Record<string, unknown> | undefined> =>
  fc.option(
    fc.record(
      {
        client_id: fc.oneof(formValue, fc.constantFrom(...clientIds)),
        client_secret: formValue,
        client_assertion: formValue,
        client_assertion_type: formValue,
        grant_type: formValue,
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );

/** The Authorization header of a token request: Basic of hostile ids and secrets, or anything. */
export const tokenRequestAuthorization = (
  clientIds: readonly string[],
): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    authorizationValue([]),
    fc
      .tuple(fc.oneof(anyText, fc.constantFrom(...clientIds, '%00', '%', '%ZZ', '+')), anyText)
      .map(
        ([id, secret]) =>
          `Basic ${Buffer.from(`${id}:${secret}`.toWellFormed(), 'utf8').toString('base64')}`,
      ),
  );
