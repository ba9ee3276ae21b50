// Registration bodies that deployed MCP clients send, shared by the unit spec
// (mcp-client-registrations.spec.ts) and the e2e spec (test/registration-mcp-clients.e2e.spec.ts).
// Not a test file itself and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
//
// Each body is copied from the public thread or source file named above it (read in 2026); where
// a client fills a value at run time (a port, a connector id), a value seen in that thread is used.
// When a client changes what it sends, update the body and its source here.

/** A real client's registration body and what the default policy must make of it. */
export interface McpClientRegistration {
  readonly client: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The effective grant types after narrowing (RFC 7591 §3.2.1). */
  readonly grantTypes: readonly string[];
}

export const MCP_CLIENT_REGISTRATIONS: readonly McpClientRegistration[] = [
  {
    // anthropics/claude-code#30511 (Claude.ai's registration as logged by the server:
    // redirect_uris and grant_types) and anthropics/claude-ai-mcp#124 (the callback).
    client: 'Claude (claude.ai web and Desktop connectors)',
    body: {
      client_name: 'Claude',
      redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // Claude's client metadata document (https://claude.ai/oauth/mcp-oauth-client-metadata), as
    // quoted in the RealWorldClientMetadata fixture of a CIMD server's tests: it asks for the
    // jwt-bearer grant, which this server does not offer, and carries client_id, which is ignored.
    client: 'Claude (its published client metadata, jwt-bearer grant included)',
    body: {
      client_id: 'https://claude.ai/oauth/mcp-oauth-client-metadata',
      client_name: 'Claude',
      client_uri: 'https://claude.ai',
      redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
      grant_types: [
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // elmohq/elmo#684, "What each client sends" (captured from Claude Code 2.1):
    // application_type native and a loopback callback on a fixed port.
    client: 'Claude Code',
    body: {
      client_name: 'Claude Code',
      redirect_uris: ['http://localhost:3118/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // Claude Code's client metadata document (https://claude.ai/oauth/claude-code-client-metadata),
    // same source as above: port-less loopback URIs, any port at use (RFC 8252 §7.3).
    client: 'Claude Code (port-less loopback)',
    body: {
      client_name: 'Claude Code',
      client_uri: 'https://claude.ai',
      redirect_uris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // anthropics/claude-code#24870: Claude Desktop registers "MCP CLI Proxy" with this callback.
    client: 'Claude Desktop (MCP CLI Proxy)',
    body: {
      client_name: 'MCP CLI Proxy',
      redirect_uris: ['http://localhost:35535/oauth/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // erp-mafia/accounted#2225 (Cursor sends these three redirect URIs in one request) and
    // better-auth/better-auth#10946, buildinternet/uploads#886 (Cursor says application_type "web"
    // next to its cursor:// callback, which is not in reverse-domain form).
    client: 'Cursor',
    body: {
      client_name: 'Cursor',
      redirect_uris: [
        'cursor://anysphere.cursor-mcp/oauth/callback',
        'https://www.cursor.com/agents/mcp/oauth/callback',
        'http://localhost:8787/callback',
      ],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'web',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // Earlier Cursor releases: one callback per server name,
    // "cursor://anysphere.cursor-retrieval/oauth/user-<server>/callback", as listed for Cursor in
    // FastMCP's Google OAuth setup docs and in the redirect allow-lists of several MCP servers.
    client: 'Cursor (cursor-retrieval callback)',
    body: {
      client_name: 'Cursor',
      redirect_uris: ['cursor://anysphere.cursor-retrieval/oauth/user-mcp/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // microsoft/vscode src/vs/base/common/oauth.ts, fetchDynamicRegistration(); the trailing-slash
    // loopback URIs come from microsoft/vscode#260446, the fixed port 33418 from #278512.
    client: 'VS Code',
    body: {
      client_name: 'Visual Studio Code',
      client_uri: 'https://code.visualstudio.com',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [
        'https://insiders.vscode.dev/redirect',
        'https://vscode.dev/redirect',
        'http://127.0.0.1/',
        'http://127.0.0.1:33418/',
      ],
      scope: 'openid',
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // Same source: when the server advertises no grant_types_supported, VS Code asks for the
    // device-code grant as well, which this server does not offer.
    client: 'VS Code (device-code grant included)',
    body: {
      client_name: 'Visual Studio Code',
      client_uri: 'https://code.visualstudio.com',
      grant_types: [
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      response_types: ['code'],
      redirect_uris: [
        'https://insiders.vscode.dev/redirect',
        'https://vscode.dev/redirect',
        'http://127.0.0.1/',
        'http://127.0.0.1:33418/',
      ],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // BasedHardware/omi#8824 and makeplane/plane-mcp-server#165: each ChatGPT connector has its
    // own callback under https://chatgpt.com/connector/oauth/.
    client: 'ChatGPT (per-connector callback)',
    body: {
      client_name: 'ChatGPT',
      redirect_uris: ['https://chatgpt.com/connector/oauth/OUbdUMlL15Ct'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // ChatGPT's client metadata (https://chatgpt.com/oauth/client.json) as quoted in the same CIMD
    // fixture, with the legacy callback of danielealbano/android-remote-control-mcp#166:
    // private_key_jwt with a jwks_uri, and token_endpoint_auth_methods_supported, a member no RFC
    // defines for clients (ignored).
    client: 'ChatGPT (private_key_jwt, legacy callback)',
    body: {
      redirect_uris: ['https://chatgpt.com/connector_platform_oauth_redirect'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'ChatGPT',
      client_uri: 'https://chatgpt.com/',
      logo_uri: 'https://persistent.oaistatic.com/sonic/misc/openai-logo.png',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks_uri: 'https://chatgpt.com/oauth/jwks.json',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // modelcontextprotocol/typescript-sdk src/examples/client/simpleOAuthClient.ts: a CLI that
    // cannot keep a secret registers client_secret_post.
    client: 'MCP TypeScript SDK example (simpleOAuthClient)',
    body: {
      client_name: 'Simple OAuth MCP Client',
      redirect_uris: ['http://localhost:8090/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      scope: 'mcp:tools',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
  {
    // modelcontextprotocol/inspector core/auth/providers.ts, as quoted in the same CIMD fixture:
    // the scope is an empty string when none is configured.
    client: 'MCP Inspector',
    body: {
      redirect_uris: ['http://localhost:6274/oauth/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'MCP Inspector',
      client_uri: 'https://github.com/modelcontextprotocol/inspector',
      scope: '',
      application_type: 'native',
    },
    grantTypes: ['authorization_code', 'refresh_token'],
  },
];
