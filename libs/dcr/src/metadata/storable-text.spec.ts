import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import { checkStorableText } from './storable-text.js';

function rejection(value: unknown): OAuthError {
  try {
    checkStorableText(value);
  } catch (error) {
    return error as OAuthError;
  }
  throw new Error('expected a rejection');
}

describe('checkStorableText', () => {
  it('accepts ordinary text, emoji, RTL marks, combining marks and non-string values', () => {
    expect(() =>
      checkStorableText({
        client_name: 'Agent 🤖 \u200f שלום e\u0301',
        contacts: ['a@example.com'],
        jwks: { keys: [{ kty: 'EC', crv: 'P-256', n: 1, ok: true, nested: [null] }] },
      }),
    ).not.toThrow();
  });

  it.each([
    [
      'a NUL in a string',
      { client_name: 'a\u0000b' },
      /^client_name: contains a NUL/,
      '/client_name',
    ],
    ['a NUL in an array item', { contacts: ['ok', 'x\u0000'] }, /^contacts\[1\]: /, '/contacts/1'],
    ['a lone high surrogate', { client_name: 'a\ud800' }, /^client_name: /, '/client_name'],
    ['a lone low surrogate', { client_name: '\udc00b' }, /^client_name: /, '/client_name'],
    [
      'a NUL deep in jwks',
      { jwks: { keys: [{ kty: 'R\u0000SA' }] } },
      /^jwks\.keys\[0\]\.kty: /,
      '/jwks/keys/0/kty',
    ],
    [
      'a NUL in a jwks member name, shown replaced',
      { jwks: { keys: [{ 'k\u0000': 'v' }] } },
      /^jwks\.keys\[0\]\.k\uFFFD: /,
      '/jwks/keys/0/k\uFFFD',
    ],
    [
      'a lone surrogate in a member name with a slash',
      { jwks: { keys: [{ 'a/\ud800': 'v' }] } },
      /^jwks\.keys\[0\]\.a\/\uFFFD: /,
      '/jwks/keys/0/a~1\uFFFD',
    ],
  ])('refuses %s, naming where by description and pointer', (_case, value, description, field) => {
    const error = rejection(value);
    expect(error.error).toBe('invalid_client_metadata');
    expect(error.description).toMatch(description);
    expect(error.extensions.field).toBe(field);
  });
});
