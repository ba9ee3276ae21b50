import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { TestBrowser, expectRedirect } from '../../../identity/test/support/browser.js';
import { InMemoryMcpOAuthProvider } from '../../../identity/test/support/mcp-client-provider.js';

/** One HTTP exchange the MCP SDK made, as `METHOD origin+path → status`. */
export interface RecordedExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

/**
 * The MCP SDK's client-side OAuth state in memory (identity's `InMemoryMcpOAuthProvider`), with
 * the user's part played: `redirectToAuthorization` follows the authorization URL's redirects
 * with `fetch(..., { redirect: 'manual' })` and a cookie jar (identity's test switches sign in
 * and approve without a page) until they leave identity for the loopback redirect URI, and keeps
 * the authorization code from there. `fetch`, given to the SDK, records what the SDK sent and the
 * registration responses as identity sent them (the SDK keeps only RFC 7591's members).
 */
export class SigningInMcpOAuthProvider extends InMemoryMcpOAuthProvider {
  /** The code of the last authorization response, for `transport.finishAuth(code)`. */
  code: string | undefined;
  /** The `iss` of the last authorization response (RFC 9207). */
  responseIssuer: string | null = null;
  /** Every request the SDK sent through `fetch`, in order. */
  readonly exchanges: RecordedExchange[] = [];
  /** Every successful registration response body (RFC 7591 §3.2.1, RFC 7592 §3). */
  readonly registrationResponses: Record<string, unknown>[] = [];

  constructor(
    clientMetadata: OAuthClientMetadata,
    private readonly identityOrigin: string,
  ) {
    super(clientMetadata);
  }

  override async redirectToAuthorization(url: URL): Promise<void> {
    await super.redirectToAuthorization(url);
    const callback = expectRedirect(await new TestBrowser().follow(url.href, this.identityOrigin));
    const reached = `${callback.origin}${callback.pathname}`;
    if (reached !== this.redirectUrl) {
      throw new Error(`the authorization ended at ${callback.href}, not at ${this.redirectUrl}`);
    }
    const error = callback.searchParams.get('error');
    if (error) throw new Error(`the authorization was refused: ${callback.search}`);
    this.code = callback.searchParams.get('code') ?? undefined;
    this.responseIssuer = callback.searchParams.get('iss');
  }

  /** The `fetch` the SDK uses (`StreamableHTTPClientTransport`'s `fetch`, `auth()`'s `fetchFn`). */
  readonly fetch: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    this.exchanges.push({ method, url: `${url.origin}${url.pathname}`, status: response.status });
    if (method === 'POST' && response.status === 201 && url.pathname.endsWith('/register')) {
      this.registrationResponses.push((await response.clone().json()) as Record<string, unknown>);
    }
    return response;
  };
}
