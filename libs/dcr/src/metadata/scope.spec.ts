import { describe, expect, it } from '@jest/globals';
import { resolveScope } from './scope.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const SYNTAX_ERROR =
  /^scope: must be scope tokens separated by single spaces, without quotes or backslashes \(RFC 6749 §3\.3\)$/;

describe('resolveScope', () => {
  describe('syntax (RFC 6749 §3.3)', () => {
    it.each([
      'openid',
      'openid profile email',
      'read:items write:items',
      'https://api.example.com/read',
      'a',
      '!',
      '~',
      "scope-with-!#$%&'()*+,-./:;<=>?@[]^_`{|}~",
      Array.from({ length: 50 }, (_, i) => `s${i}`).join(' '),
    ])('accepts and keeps %p', (scope) => {
      expect(resolveScope(scope, undefined)).toBe(scope);
    });

    it('reads an empty string as no scope, as the MCP Inspector sends it', () => {
      expect(resolveScope('', undefined)).toBeUndefined();
      expect(resolveScope('', ['openid'], false)).toBeUndefined();
    });

    it.each([
      ['a single space', ' '],
      ['a leading space', ' openid'],
      ['a trailing space', 'openid '],
      ['two spaces between tokens', 'openid  profile'],
      ['a tab separator', 'openid\tprofile'],
      ['a line feed', 'openid\nprofile'],
      ['a double quote (%x22)', 'read"write'],
      ['a backslash (%x5C)', 'read\\write'],
      ['a DEL (%x7F)', 'read\u007f'],
      ['a NUL', 'read\u0000'],
      ['a non-ASCII character', 'lecture'.replace('e', '\u00e9')],
      ['a no-break space separator', 'openid\u00a0profile'],
    ])('rejects %s, naming /scope', (_label, scope) => {
      expectOAuthError(
        () => resolveScope(scope, undefined),
        'invalid_client_metadata',
        SYNTAX_ERROR,
        '/scope',
      );
    });

    it('checks the syntax before the supported list', () => {
      expectOAuthError(
        () => resolveScope('openid  profile', ['openid', 'profile']),
        'invalid_client_metadata',
        SYNTAX_ERROR,
        '/scope',
      );
    });
  });

  describe('narrowing to the supported scopes (RFC 7591 §3.2.1), the default', () => {
    const supported = ['openid', 'profile', 'email'];

    it('keeps any valid scope when the server lists none', () => {
      expect(resolveScope('anything:goes', undefined)).toBe('anything:goes');
    });

    it('keeps a subset of the supported scopes as sent, in its order', () => {
      expect(resolveScope('email openid', supported)).toBe('email openid');
      expect(resolveScope('openid openid', supported)).toBe('openid openid');
    });

    it('drops the unsupported tokens and keeps the rest in order', () => {
      expect(resolveScope('admin email root openid', supported)).toBe('email openid');
    });

    it('compares tokens case-sensitively (RFC 6749 §3.3) and never by prefix', () => {
      expect(resolveScope('OpenID profile', supported)).toBe('profile');
      expect(resolveScope('open openid:admin email', supported)).toBe('email');
    });

    it('refuses a scope left empty, naming every token and the supported list', () => {
      expectOAuthError(
        () => resolveScope('admin root', supported),
        'invalid_client_metadata',
        /^scope: none of "admin", "root" is supported \(supported: openid profile email\)$/,
        '/scope',
      );
    });

    it('refuses every scope when the server supports an empty list', () => {
      expectOAuthError(
        () => resolveScope('openid', []),
        'invalid_client_metadata',
        /^scope: none of "openid" is supported/,
        '/scope',
      );
    });
  });

  describe('without narrowing', () => {
    const supported = ['openid', 'profile', 'email'];

    it('keeps a supported scope', () => {
      expect(resolveScope('email openid', supported, false)).toBe('email openid');
    });

    it('refuses an unsupported token, naming each one and the supported list', () => {
      expectOAuthError(
        () => resolveScope('admin openid root', supported, false),
        'invalid_client_metadata',
        /^scope: "admin", "root" not supported \(supported: openid profile email\)$/,
        '/scope',
      );
    });
  });
});
