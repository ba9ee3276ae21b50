import { describe, expect, it } from '@jest/globals';
import { checkScope } from './scope.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const SYNTAX_ERROR =
  /^scope: must be scope tokens separated by single spaces, without quotes or backslashes \(RFC 6749 §3\.3\)$/;

describe('checkScope', () => {
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
    ])('accepts %p', (scope) => {
      expect(() => checkScope(scope, undefined)).not.toThrow();
    });

    it.each([
      ['an empty string', ''],
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
    ])('rejects %s', (_label, scope) => {
      expectOAuthError(() => checkScope(scope, undefined), 'invalid_client_metadata', SYNTAX_ERROR);
    });

    it('checks the syntax before the supported list', () => {
      expectOAuthError(
        () => checkScope('openid  profile', ['openid', 'profile']),
        'invalid_client_metadata',
        SYNTAX_ERROR,
      );
    });
  });

  describe('supported scopes', () => {
    const supported = ['openid', 'profile', 'email'];

    it('accepts any valid scope when the server lists none', () => {
      expect(() => checkScope('anything:goes', undefined)).not.toThrow();
    });

    it('accepts a subset of the supported scopes, in any order', () => {
      expect(() => checkScope('email openid', supported)).not.toThrow();
      expect(() => checkScope('openid profile email', supported)).not.toThrow();
    });

    it('accepts a repeated supported token', () => {
      expect(() => checkScope('openid openid', supported)).not.toThrow();
    });

    it('rejects an unsupported token and names it with the supported list', () => {
      expectOAuthError(
        () => checkScope('openid admin', supported),
        'invalid_client_metadata',
        /^scope: "admin" not supported \(supported: openid profile email\)$/,
      );
    });

    it('names every unsupported token', () => {
      expectOAuthError(
        () => checkScope('admin openid root', supported),
        'invalid_client_metadata',
        /^scope: "admin", "root" not supported/,
      );
    });

    it('compares tokens case-sensitively (RFC 6749 §3.3)', () => {
      expectOAuthError(
        () => checkScope('OpenID', supported),
        'invalid_client_metadata',
        /^scope: "OpenID" not supported/,
      );
    });

    it('does not match a token by prefix or substring', () => {
      expectOAuthError(
        () => checkScope('open', supported),
        'invalid_client_metadata',
        /^scope: "open" not supported/,
      );
      expectOAuthError(
        () => checkScope('openid:admin', supported),
        'invalid_client_metadata',
        /^scope: "openid:admin" not supported/,
      );
    });

    it('rejects every scope when the server supports an empty list', () => {
      expectOAuthError(
        () => checkScope('openid', []),
        'invalid_client_metadata',
        /^scope: "openid" not supported/,
      );
    });
  });
});
