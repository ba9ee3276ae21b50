import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

const POINTER = jsonPointer('scope');

/**
 * Checks `scope` (RFC 7591 §2): space-separated scope tokens (RFC 6749 §3.3) and, when the server
 * lists the scopes it supports, only those. Returns the scope to register:
 *
 * - an empty string is no scope, as if omitted (the MCP Inspector sends `"scope": ""`);
 * - with `narrow` (RFC 7591 §3.2.1), unsupported tokens are dropped; when none is left, the
 *   request is refused rather than registered without a scope, which an authorization server may
 *   read as "the default scopes", more than the client asked for;
 * - without it, any unsupported token is refused.
 */
export function resolveScope(
  scope: string,
  supported: readonly string[] | undefined,
  narrow = true,
): string | undefined {
  if (scope === '') return undefined;
  if (!SCOPE.test(scope)) {
    throw invalidClientMetadata(
      'scope: must be scope tokens separated by single spaces, without quotes or backslashes (RFC 6749 §3.3)',
      POINTER,
    );
  }
  if (!supported) return scope;
  const tokens = scope.split(' ');
  const unsupported = tokens.filter((token) => !supported.includes(token));
  if (unsupported.length === 0) return scope;
  const listed = `${unsupported.map((token) => `"${token}"`).join(', ')}`;
  if (!narrow) {
    throw invalidClientMetadata(
      `scope: ${listed} not supported (supported: ${supported.join(' ')})`,
      POINTER,
    );
  }
  const kept = tokens.filter((token) => supported.includes(token));
  if (kept.length === 0) {
    throw invalidClientMetadata(
      `scope: none of ${listed} is supported (supported: ${supported.join(' ')})`,
      POINTER,
    );
  }
  return kept.join(' ');
}
