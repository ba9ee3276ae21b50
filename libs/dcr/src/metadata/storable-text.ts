import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';

/**
 * Checks that every string in the metadata, at any depth (the keys of `jwks` members included),
 * can be stored: PostgreSQL's `jsonb` refuses the NUL character (`\u0000`) and unpaired UTF-16
 * surrogates, so a value holding one is invalid metadata rather than a failed write. The error
 * names the value by its JSON pointer (a bad key by the pointer of its member).
 */
export function checkStorableText(value: unknown, path: readonly (string | number)[] = []): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) {
      throw invalidClientMetadata(
        `${describePath(path)}: contains a NUL character or an unpaired surrogate`,
        jsonPointer(...path.map(storableSegment)),
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkStorableText(item, [...path, index]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      checkStorableText(key, [...path, key]);
      checkStorableText(member, [...path, key]);
    }
  }
}

/** The path as the descriptions write it: `jwks.keys[0].kid`. */
function describePath(path: readonly (string | number)[]): string {
  const text = path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
  return text ? toStorable(text) : 'metadata';
}

// The pointer and description are sent back in a JSON body; a key holding the very characters
// refused here is shown with them replaced, so the error itself can be written anywhere.
function storableSegment(segment: string | number): string | number {
  return typeof segment === 'number' ? segment : toStorable(segment);
}

function toStorable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}
