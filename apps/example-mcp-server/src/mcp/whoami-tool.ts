import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AccessTokenExtra } from './mcp-auth-info.js';

/** Name of the one tool this server offers. */
export const WHOAMI_TOOL = 'whoami';

/** What `whoami` answers: who the access token was issued to, and for what. */
export interface WhoamiResult extends Record<string, unknown> {
  readonly subject: string;
  readonly client_id: string;
  readonly scopes: readonly string[];
  /** The token's expiry, in seconds since the epoch. */
  readonly expires_at: number;
}

/** `whoami`'s output: the caller's token, never the token itself. */
export function whoami(authInfo: AuthInfo | undefined): CallToolResult {
  const extra = authInfo?.extra as AccessTokenExtra | undefined;
  if (!authInfo || !extra || authInfo.expiresAt === undefined) {
    // Unreachable behind AccessTokenGuard; said plainly rather than answered with a guess.
    return { isError: true, content: [{ type: 'text', text: 'no access token was verified' }] };
  }
  const result: WhoamiResult = {
    subject: extra.subject,
    client_id: authInfo.clientId,
    scopes: authInfo.scopes,
    expires_at: authInfo.expiresAt,
  };
  return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
}

/** Adds `whoami` to `server`: it reads the verified token the transport hands to handlers. */
export function registerWhoamiTool(server: McpServer): void {
  server.registerTool(
    WHOAMI_TOOL,
    {
      title: 'Who am I',
      description:
        'Tells who the access token was issued to: its subject, its client, its scopes and when it expires.',
      outputSchema: {
        subject: z.string(),
        client_id: z.string(),
        scopes: z.array(z.string()),
        expires_at: z.number(),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (extra) => whoami(extra.authInfo),
  );
}
