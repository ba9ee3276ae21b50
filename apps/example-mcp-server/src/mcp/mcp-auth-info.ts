import type { IncomingMessage } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { VerifiedAccessToken } from '../auth/access-token-claims.js';

/**
 * A request as the MCP SDK's Node transport reads it: `auth` is passed to every handler as
 * `extra.authInfo`.
 */
export type AuthenticatedRequest = IncomingMessage & { auth?: AuthInfo };

/** What the tool handlers may read of the token, besides `AuthInfo`'s own members. */
export interface AccessTokenExtra extends Record<string, unknown> {
  /** The token's `sub`. */
  readonly subject: string;
  /** The token's `jti`. */
  readonly tokenId: string;
}

/** The SDK's `AuthInfo` of a verified token, for this resource. */
export function toAuthInfo(
  token: string,
  verified: VerifiedAccessToken,
  resource: string,
): AuthInfo {
  const extra: AccessTokenExtra = { subject: verified.subject, tokenId: verified.tokenId };
  return {
    token,
    clientId: verified.clientId,
    scopes: [...verified.scopes],
    expiresAt: verified.expiresAt,
    resource: new URL(resource),
    extra,
  };
}
