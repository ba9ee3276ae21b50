import fc from 'fast-check';
import {
  NOT_JSON_TEXTS,
  ODD_CONTENT_ENCODINGS,
  ODD_CONTENT_TYPES,
  ODD_URIS,
  PROTOTYPE_PAYLOADS,
  REQUEST_FIELDS,
} from './hostile-values.js';
import {
  CLIENT_ID_PLACEHOLDER,
  arrayText,
  objectText,
  type JsonEntry,
  type JsonText,
} from './json-text.js';
import { validMetadata, type Endpoint } from './valid-metadata.js';
import {
  hostileJsonText,
  hostileKey,
  hostileString,
  longArrayText,
  taggedKey,
  wrongTypeText,
} from './value-arbitraries.js';

/**
 * The fast-check arbitraries of the fuzz specs: HTTP requests for POST /register and
 * PUT /register/{client_id} whose bodies are valid metadata (about one in six), valid metadata
 * with one or two hostile changes, wrong types for every known field, random JSON, JSON only a
 * hand-written text can hold (duplicate and `__proto__` keys, `1e309`, deep nesting), bytes that
 * are not JSON, bodies around the 64 KiB limit, and odd Content-Types and Content-Encodings.
 */

export type { Endpoint } from './valid-metadata.js';

/** How a request's body was built; a run's tallies are kept per kind. */
export type RequestKind =
  | 'valid'
  | 'mutated'
  | 'wrong-types'
  | 'random-json'
  | 'raw-json'
  | 'not-json'
  | 'large'
  | 'odd-headers';

/** One HTTP request of a fuzz run, as fast-check prints it when a run fails. */
export interface FuzzRequest {
  readonly kind: RequestKind;
  /**
   * JSON text (sent as UTF-8) or raw bytes. Update bodies may hold the placeholders
   * `"$client_id$"` and `"$client_secret$"` (see `json-text.ts`).
   */
  readonly body: string | Uint8Array;
  /** `undefined`: no Content-Type header; an array: the header sent once per value. */
  readonly contentType: string | readonly string[] | undefined;
  readonly contentEncoding: string | undefined;
  /** `Transfer-Encoding: chunked` instead of `Content-Length`. */
  readonly chunked: boolean;
  /**
   * For `valid` requests only: the metadata sent, which the server must accept and echo (valid
   * metadata, sent as `application/json`).
   */
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
}

interface ValidBody {
  metadata: Record<string, unknown>;
  entries: JsonEntry[];
}

/** Valid metadata (see `valid-metadata.ts`) as JSON entries. */
function validBody(endpoint: Endpoint): fc.Arbitrary<ValidBody> {
  return validMetadata(endpoint).map(({ metadata, extra }) => ({
    metadata,
    entries: Object.entries({ ...extra, ...metadata }).map(([key, value]): JsonEntry => [
      key,
      JSON.stringify(value),
    ]),
  }));
}

function setEntry(entries: readonly JsonEntry[], key: string, value: JsonText): JsonEntry[] {
  return [...entries.filter(([existing]) => existing !== key), [key, value]];
}

/** One change to a valid body, which makes it invalid or (for some strings) merely unusual. */
type Mutation = (entries: readonly JsonEntry[]) => JsonEntry[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A known field with a wrong type, a long array or deep nesting.
  fc.tuple(fc.constantFrom(...REQUEST_FIELDS), fc.oneof(wrongTypeText, longArrayText)).map(
    ([field, value]): Mutation =>
      (entries) =>
        setEntry(entries, field, value),
  ),
  // A hostile but well-typed string in a free-text field: these reach the database.
  fc
    .tuple(
      fc.constantFrom('client_name', 'software_id', 'software_version', 'client_name#fr'),
      hostileString,
    )
    .map(
      ([field, value]): Mutation =>
        (entries) =>
          setEntry(entries, field, JSON.stringify(value)),
    ),
  hostileString.map(
    (value): Mutation =>
      (entries) =>
        setEntry(entries, 'contacts', arrayText(['"ops@a.example"', JSON.stringify(value)])),
  ),
  // A hostile member in a public key: `jwks` is the one field whose nested JSON is stored.
  fc.tuple(hostileKey, hostileJsonText).map(
    ([member, value]): Mutation =>
      (entries) =>
        setEntry(
          entries.filter(([key]) => key !== 'jwks_uri'),
          'jwks',
          `{"keys":[{"kty":"EC","crv":"P-256",${JSON.stringify(member)}:${value}}]}`,
        ),
  ),
  fc.constantFrom(...ODD_URIS).map(
    (uri): Mutation =>
      (entries) =>
        setEntry(entries, 'redirect_uris', arrayText([JSON.stringify(uri)])),
  ),
  // An extra language-tagged key, a prototype key, or a second value for a key already present.
  fc
    .tuple(taggedKey, fc.oneof(hostileJsonText, fc.constant('"https://a.example/fr"')))
    .map(([key, value]): Mutation => (entries) => [...entries, [key, value]]),
  fc.tuple(fc.constantFrom(...PROTOTYPE_PAYLOADS), fc.boolean()).map(
    ([entry, first]): Mutation =>
      (entries) =>
        first ? [entry, ...entries] : [...entries, entry],
  ),
  fc
    .tuple(fc.nat(), hostileJsonText, fc.boolean())
    .map(([index, value, first]): Mutation => (entries) => {
      const key = entries[index % Math.max(entries.length, 1)]?.[0] ?? 'client_name';
      return first ? [[key, value], ...entries] : [...entries, [key, value]];
    }),
);

/** A random subset of the known fields, each with a value of the wrong type. */
const wrongTypeEntries: fc.Arbitrary<JsonEntry[]> = fc
  .subarray([...REQUEST_FIELDS], { minLength: 1 })
  .chain((fields) =>
    fc.tuple(...fields.map((field) => wrongTypeText.map((value): JsonEntry => [field, value]))),
  );

/** For updates, the `client_id` that gets a body past the first check, 9 times in 10. */
function withClientId(endpoint: Endpoint, entries: fc.Arbitrary<JsonEntry[]>) {
  if (endpoint === 'register') return entries;
  return fc
    .tuple(entries, fc.nat({ max: 9 }))
    .map(([list, n]): JsonEntry[] =>
      n === 0 ? list : [['client_id', JSON.stringify(CLIENT_ID_PLACEHOLDER)], ...list],
    );
}

/** Bodies that are not JSON: random bytes, truncated JSON, BOMs, JSON5-isms, other encodings. */
function notJsonBody(endpoint: Endpoint): fc.Arbitrary<string | Uint8Array> {
  const text = validBody(endpoint).map(({ entries }) => objectText(entries));
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.constantFrom(...NOT_JSON_TEXTS),
    fc.tuple(text, fc.nat()).map(([json, cut]) => json.slice(0, cut % json.length)),
    text.map((json) => `\ufeff${json}`),
    text.map((json) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])),
    text.map((json) => Buffer.from(json.replace('"', '"\u00e9\u00ff'), 'latin1')),
    // Invalid UTF-8 inside a string: a lone continuation byte, an overlong NUL, a surrogate.
    fc
      .tuple(text, fc.constantFrom([0x80], [0xc3, 0x28], [0xc0, 0x80], [0xed, 0xa0, 0x80]))
      .map(([json, bytes]) => {
        const at = json.indexOf('"') + 1;
        return Buffer.concat([
          Buffer.from(json.slice(0, at)),
          Buffer.from(bytes),
          Buffer.from(json.slice(at)),
        ]);
      }),
  );
}

/** Bodies just under, at and beyond the 64 KiB limit: a long string, padding, a long array. */
function largeBody(endpoint: Endpoint): fc.Arbitrary<string> {
  const size = fc.oneof(
    fc.integer({ min: 64 * 1024 - 64, max: 64 * 1024 + 64 }),
    fc.integer({ min: 64 * 1024, max: 256 * 1024 }),
  );
  return fc.tuple(validBody(endpoint), size, fc.nat({ max: 2 })).map(([{ entries }, length, n]) => {
    if (n === 0)
      return objectText(setEntry(entries, 'client_name', JSON.stringify('x'.repeat(length))));
    if (n === 1) return objectText(entries) + ' '.repeat(length);
    return arrayText(
      Array.from({ length: Math.ceil(length / 23) }, () => '"https://a.example/cb"'),
    );
  });
}

/**
 * Requests for POST /register (`'register'`) or PUT /register/{client_id} (`'update'`). Every kind
 * but `odd-headers` is sent as `application/json`.
 */
export function fuzzRequest(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const asJson = (kind: RequestKind, body: fc.Arbitrary<string | Uint8Array>) =>
    fc.record({
      kind: fc.constant(kind),
      body,
      contentType: fc.constant('application/json'),
      contentEncoding: fc.constant(undefined),
      chunked: fc.boolean(),
      metadata: fc.constant(undefined),
    });
  const valid = fc.record({
    kind: fc.constant<RequestKind>('valid'),
    body: validBody(endpoint),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    contentEncoding: fc.constant(undefined),
    chunked: fc.boolean(),
  });
  const mutated = fc
    .tuple(validBody(endpoint), fc.array(mutation, { minLength: 1, maxLength: 2 }))
    .map(([{ entries }, changes]) => objectText(changes.reduce((list, f) => f(list), entries)));
  const oddHeaders = fc.record({
    kind: fc.constant<RequestKind>('odd-headers'),
    body: fc.oneof(
      validBody(endpoint).map(({ entries }) => objectText(entries)),
      fc.string(),
    ),
    contentType: fc.oneof(
      fc.constantFrom(...ODD_CONTENT_TYPES),
      fc.constant(undefined),
      fc.constant(['application/json', 'text/plain']),
    ),
    contentEncoding: fc.option(fc.constantFrom(...ODD_CONTENT_ENCODINGS), { nil: undefined }),
    chunked: fc.boolean(),
    metadata: fc.constant(undefined),
  });
  return fc.oneof(
    {
      weight: 16,
      arbitrary: valid.map(({ body, ...request }): FuzzRequest => ({
        ...request,
        body: objectText(body.entries),
        metadata: body.metadata,
      })),
    },
    { weight: 30, arbitrary: asJson('mutated', mutated) },
    {
      weight: 10,
      arbitrary: asJson('wrong-types', withClientId(endpoint, wrongTypeEntries).map(objectText)),
    },
    {
      weight: 6,
      arbitrary: asJson(
        'random-json',
        fc.jsonValue({ stringUnit: 'binary' }).map((value) => JSON.stringify(value)),
      ),
    },
    {
      weight: 10,
      arbitrary: asJson(
        'raw-json',
        fc.oneof(
          hostileJsonText,
          withClientId(endpoint, fc.array(fc.tuple(hostileKey, hostileJsonText))).map(objectText),
        ),
      ),
    },
    { weight: 10, arbitrary: asJson('not-json', notJsonBody(endpoint)) },
    { weight: 6, arbitrary: asJson('large', largeBody(endpoint)) },
    { weight: 12, arbitrary: oddHeaders },
  );
}

/** A fixed body sent as `application/json`, as the known counterexamples are. */
export function jsonRequest(body: string): FuzzRequest {
  return {
    kind: 'mutated',
    body,
    contentType: 'application/json',
    contentEncoding: undefined,
    chunked: false,
    metadata: undefined,
  };
}
