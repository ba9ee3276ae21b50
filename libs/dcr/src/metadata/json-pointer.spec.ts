import { describe, expect, it } from '@jest/globals';
import { jsonPointer } from './json-pointer.js';

describe('jsonPointer (RFC 6901)', () => {
  it.each([
    [[], ''],
    [['redirect_uris', 1], '/redirect_uris/1'],
    [['jwks', 'keys', 0, 'kty'], '/jwks/keys/0/kty'],
    [['client_name#fr'], '/client_name#fr'],
    [['client_name#a/b'], '/client_name#a~1b'],
    [['a~b'], '/a~0b'],
    // RFC 6901 §4: "~01" must read back as "~1", so "~" is escaped before "/".
    [['~1'], '/~01'],
    [[''], '/'],
  ] as const)('points at %p as %p', (path, pointer) => {
    expect(jsonPointer(...path)).toBe(pointer);
  });
});
