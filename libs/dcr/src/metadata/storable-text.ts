import { invalidClientMetadata } from '../errors/oauth-error.js';

/**
 * Checks that every string in the metadata, at any depth (the keys of `jwks` members included),
 * can be stored: PostgreSQL's `jsonb` refuses the NUL character (`\u0000`) and unpaired UTF-16
 * surrogates, so a value holding one is invalid metadata rather than a failed write.
 */
export function checkStorableText(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) {
      throw invalidClientMetadata(
        `${path || 'metadata'}: contains a NUL character or an unpaired surrogate`,
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkStorableText(item, `${path}[${index}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      const memberPath = path ? `${path}.${key}` : key;
      checkStorableText(key, memberPath);
      checkStorableText(member, memberPath);
    }
  }
}
