import { invalidClientMetadata } from '../errors/oauth-error.js';
import {
  LOCALIZABLE_FIELDS,
  MAX_TEXT_LENGTH,
  MAX_URI_LENGTH,
  type LanguageTaggedMetadata,
  type LocalizableField,
} from './client-metadata.js';
import { jsonPointer } from './json-pointer.js';
import { checkStorableText } from './storable-text.js';
import { isWebUrl } from './uris.js';

// RFC 5646 §2.1 (BCP 47) Language-Tag, case-insensitive: langtag / privateuse / grandfathered.
const ALNUM = '[a-z0-9]';
const LANGTAG =
  `(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})` + // language, with up to three extlang subtags
  `(?:-[a-z]{4})?` + // script
  `(?:-(?:[a-z]{2}|[0-9]{3}))?` + // region
  `(?:-(?:${ALNUM}{5,8}|[0-9]${ALNUM}{3}))*` + // variants
  `(?:-[0-9a-wyz](?:-${ALNUM}{2,8})+)*` + // extensions
  `(?:-x(?:-${ALNUM}{1,8})+)?`; // private use
const PRIVATE_USE = `x(?:-${ALNUM}{1,8})+`;
const GRANDFATHERED =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|' +
  'i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|' +
  'zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang';
const LANGUAGE_TAG = new RegExp(`^(?:${LANGTAG}|${PRIVATE_USE}|${GRANDFATHERED})$`, 'i');

const MAX_TAGGED_FIELDS = 64;

/** Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 §2.2.9). */
export function isLanguageTag(tag: string): boolean {
  return tag.length <= 64 && LANGUAGE_TAG.test(tag);
}

/**
 * The canonical case of a well-formed language tag (RFC 5646 §2.1.1): tags are case-insensitive,
 * and by convention the language is lower case, a four-letter script title case (`Jpan`) and a
 * two-letter region upper case (`JP`), everything else lower case. Subtags after a singleton
 * (extensions, `x-` private use) are lower case whatever their length: `en-CA-x-ca`.
 */
export function canonicalLanguageTag(tag: string): string {
  let afterSingleton = false;
  return tag
    .toLowerCase()
    .split('-')
    .map((subtag, index) => {
      if (index === 0 || afterSingleton) {
        afterSingleton ||= subtag.length === 1;
        return subtag;
      }
      if (subtag.length === 1) afterSingleton = true;
      else if (subtag.length === 2) return subtag.toUpperCase();
      else if (subtag.length === 4 && /^[a-z]/.test(subtag)) {
        return subtag[0].toUpperCase() + subtag.slice(1);
      }
      return subtag;
    })
    .join('-');
}

/**
 * Reads the language-tagged variants of the human-readable fields (RFC 7591 §2.2), such as
 * `client_name#ja-Jpan-JP` or `tos_uri#fr`. Each must carry a well-formed BCP 47 tag and a value
 * of the same type as the untagged field. Tagged keys of other fields are unknown metadata and are
 * ignored (RFC 7591 §2); so are `null` values, as for untagged fields.
 *
 * Tags are case-insensitive (RFC 5646 §2.1.1), so `client_name#en` and `client_name#EN` are one
 * field: sending both is refused as a duplicate, and the variant is stored and echoed under the
 * canonical case of its tag ({@link canonicalLanguageTag}).
 */
export function parseLanguageTaggedFields(
  body: Readonly<Record<string, unknown>>,
): LanguageTaggedMetadata {
  const tagged: Record<string, string> = {};
  const sentAs = new Map<string, string>();
  for (const key of Object.keys(body)) {
    const hash = key.indexOf('#');
    if (hash < 0) continue;
    const field = key.slice(0, hash);
    if (!(LOCALIZABLE_FIELDS as readonly string[]).includes(field)) continue;
    const value = body[key];
    if (value === null || value === undefined) continue;
    const tag = key.slice(hash + 1);
    const pointer = jsonPointer(key);
    if (!isLanguageTag(tag)) {
      throw invalidClientMetadata(
        `${key}: "${tag}" is not a well-formed BCP 47 language tag`,
        pointer,
      );
    }
    checkTaggedValue(key, field as LocalizableField, value, pointer);
    checkStorableText(value, [key]);
    const canonicalKey = `${field}#${canonicalLanguageTag(tag)}`;
    const first = sentAs.get(canonicalKey);
    if (first !== undefined) {
      throw invalidClientMetadata(
        `${key}: the same field as ${first}, since language tags are case-insensitive (RFC 5646 §2.1.1)`,
        pointer,
      );
    }
    if (sentAs.size >= MAX_TAGGED_FIELDS) {
      throw invalidClientMetadata(`at most ${MAX_TAGGED_FIELDS} language-tagged fields`, pointer);
    }
    sentAs.set(canonicalKey, key);
    tagged[canonicalKey] = value as string;
  }
  return tagged;
}

// The same bounds as the untagged fields in the request DTO.
const MAX_LENGTH: Readonly<Record<LocalizableField, number>> = {
  client_name: MAX_TEXT_LENGTH,
  client_uri: MAX_URI_LENGTH,
  logo_uri: MAX_URI_LENGTH,
  tos_uri: MAX_URI_LENGTH,
  policy_uri: MAX_URI_LENGTH,
};

function checkTaggedValue(
  key: string,
  field: LocalizableField,
  value: unknown,
  pointer: string,
): void {
  const max = MAX_LENGTH[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalidClientMetadata(
      `${key}: must be a non-empty string of at most ${max} characters`,
      pointer,
    );
  }
  if (field !== 'client_name' && !isWebUrl(value)) {
    throw invalidClientMetadata(`${key}: must be an absolute http(s) URL`, pointer);
  }
}
