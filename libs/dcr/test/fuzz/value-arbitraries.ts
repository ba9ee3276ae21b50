import fc from 'fast-check';
import {
  EDGE_NUMBERS,
  HOSTILE_PIECES,
  LOCALIZABLE_FIELDS,
  ODD_LANGUAGE_TAGS,
  ODD_URIS,
  REQUEST_FIELDS,
  VALID_LANGUAGE_TAGS,
} from './hostile-values.js';
import { arrayText, objectText, type JsonText } from './json-text.js';

// The values inside generated bodies: hostile strings, numbers, keys and JSON; `arbitraries.ts`
// puts them into bodies.

/**
 * Strings a validator, a database or a screen may trip on (see `HOSTILE_PIECES`), mixed with random
 * code points, and sometimes one piece repeated around the 512 and 2048 limits or far beyond.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary' })), {
        minLength: 1,
        maxLength: 6,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'é', '😀', '\u0000', '<', "'", '\ud800', 'e\u0301'),
        fc.oneof(
          fc.integer({ min: 500, max: 530 }),
          fc.integer({ min: 2030, max: 2060 }),
          fc.integer({ min: 1, max: 20_000 }),
        ),
      )
      .map(([piece, count]) => piece.repeat(count)),
  },
);

/** Numbers at the edges as JSON text: `1e309`, `-0`, integers past 2^53, subnormals, any double. */
export const edgeNumberText: fc.Arbitrary<JsonText> = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

/** `client_name#fr`, `tos_uri#xx-invalid`, `client_name#`, `scope#fr`: well-formed tags or not. */
export const taggedKey: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...LOCALIZABLE_FIELDS, 'scope', 'redirect_uris', '__proto__'),
    fc.oneof(fc.constantFrom(...VALID_LANGUAGE_TAGS, ...ODD_LANGUAGE_TAGS), hostileString),
  )
  .map(([field, tag]) => `${field}#${tag}`);

/** An object key: a known field, a language-tagged one, a prototype key, or any string. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REQUEST_FIELDS) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
  { weight: 2, arbitrary: taggedKey },
  { weight: 2, arbitrary: hostileString },
);

/**
 * `[[[...]]]` or `{"a":{"a":...}}` around a value: up to 30,000 levels of arrays and 10,000 of
 * objects, under the 64 KiB body limit and deep enough to overflow a recursive walker.
 */
export const deepNestingText: fc.Arbitrary<JsonText> = fc
  .record({
    container: fc.constantFrom('array', 'object'),
    depth: fc.integer({ min: 1, max: 30_000 }),
    leaf: fc.constantFrom('null', '1', '"x"', '{"kty":"EC"}'),
  })
  .map(({ container, depth, leaf }) => {
    if (container === 'array') return '['.repeat(depth) + leaf + ']'.repeat(depth);
    const levels = Math.min(depth, 10_000);
    return '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
  });

/** Any JSON value as text, with hostile keys, strings and numbers at every level. */
export const hostileJsonText: fc.Arbitrary<JsonText> = fc.letrec<{ value: JsonText }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '{}', '[]', '""'),
    edgeNumberText,
    hostileString.map((value) => JSON.stringify(value)),
    fc.constantFrom(...ODD_URIS).map((value) => JSON.stringify(value)),
    fc.array(tie('value'), { maxLength: 5 }).map(arrayText),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 }).map(objectText),
    deepNestingText,
  ),
})).value;

/** A value of the wrong JSON type for a field (and now and then of the right one). */
export const wrongTypeText: fc.Arbitrary<JsonText> = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1', '{}', '[]', '[null]', '[1]', '[[]]', '[{}]'),
  edgeNumberText,
  hostileString.map((value) => JSON.stringify(value)),
  fc
    .array(fc.oneof(edgeNumberText, fc.constantFrom('true', 'null', '{}')), { minLength: 1 })
    .map(arrayText),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
);

/** Arrays around and far beyond the per-field limits (16, 32, 64 items). */
export const longArrayText: fc.Arbitrary<JsonText> = fc
  .tuple(
    fc.constantFrom('"https://a.example/cb"', '"a@b.example"', '{"kty":"EC"}', '1', '"code"'),
    fc.oneof(fc.integer({ min: 15, max: 70 }), fc.integer({ min: 1, max: 9_000 })),
  )
  .map(([item, count]) => arrayText(Array.from({ length: count }, () => item)));
