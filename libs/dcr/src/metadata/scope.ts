import { invalidClientMetadata } from '../errors/oauth-error.js';

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

/**
 * Checks `scope` (RFC 7591 §2): space-separated scope tokens (RFC 6749 §3.3) and, when the server
 * lists the scopes it supports, only those.
 */
export function checkScope(scope: string, supported: readonly string[] | undefined): void {
  if (!SCOPE.test(scope)) {
    throw invalidClientMetadata(
      'scope: must be scope tokens separated by single spaces, without quotes or backslashes (RFC 6749 §3.3)',
    );
  }
  if (!supported) return;
  const unsupported = scope.split(' ').filter((token) => !supported.includes(token));
  if (unsupported.length > 0) {
    throw invalidClientMetadata(
      `scope: ${unsupported.map((token) => `"${token}"`).join(', ')} not supported (supported: ${supported.join(' ')})`,
    );
  }
}
