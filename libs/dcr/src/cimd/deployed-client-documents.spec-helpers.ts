// Documents shaped like the ones deployed MCP clients publish, for the unit and e2e specs. Not a
// test file itself, and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).

/** A deployed client's document, with the quirk that broke strict validators. */
export interface DeployedClientDocument {
  /** Who publishes it, and where. */
  readonly client: string;
  /** What in it a strict validator refuses, and this server accepts. */
  readonly quirk: string;
  /** A redirect URI the client really uses at authorization time. */
  readonly usedRedirectUri: string;
  /** The document, with `client_id` set to the URL it is served at. */
  readonly document: Record<string, unknown>;
}

/**
 * The documents, served at `urlOf(path)` (their `client_id`), shaped after the copies quoted in
 * public issue threads: anthropics/claude-code#42301 and #37747, stacklok/toolhive#6290,
 * better-auth/better-auth#10731, microsoft/vscode#298300, anomalyco/opencode#47737.
 */
export function deployedClientDocuments(urlOf: (path: string) => string): DeployedClientDocument[] {
  return [
    {
      client: 'Claude (claude.ai/oauth/mcp-oauth-client-metadata)',
      quirk: 'the jwt-bearer grant (Enterprise Managed Auth), which this server does not offer',
      usedRedirectUri: 'https://claude.ai/api/mcp/auth_callback',
      document: {
        client_id: urlOf('/oauth/mcp-oauth-client-metadata'),
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
    },
    {
      client: 'Claude Code (claude.ai/oauth/claude-code-client-metadata)',
      quirk:
        'port-less loopback redirect URIs, used later with a port (http://localhost:8080/callback)',
      usedRedirectUri: 'http://localhost:8080/callback',
      document: {
        client_id: urlOf('/oauth/claude-code-client-metadata'),
        client_name: 'Claude Code',
        redirect_uris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      },
    },
    {
      client: 'Visual Studio Code (vscode.dev/oauth/client-metadata.json)',
      quirk: 'the device_code grant, and application_type (OpenID Connect Registration metadata)',
      usedRedirectUri: 'http://127.0.0.1:33418/',
      document: {
        client_name: 'Visual Studio Code',
        logo_uri: 'https://code.visualstudio.com/assets/branding/code-stable.png',
        grant_types: [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
        ],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        client_id: urlOf('/oauth/client-metadata.json'),
        client_uri: 'https://vscode.dev/product',
        redirect_uris: ['http://127.0.0.1:33418/', 'https://vscode.dev/redirect'],
      },
    },
    {
      client: 'opencode (opencode.ai/oauth/opencode/client.json)',
      quirk:
        'unknown members (token_endpoint_auth_methods_supported is server metadata) and port-less loopback URIs',
      usedRedirectUri: 'http://127.0.0.1:19876/callback',
      document: {
        client_id: urlOf('/oauth/opencode/client.json'),
        client_name: 'opencode',
        client_uri: 'https://opencode.ai',
        logo_uri: 'https://opencode.ai/web-app-manifest-512x512.png',
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        token_endpoint_auth_methods_supported: ['none'],
      },
    },
  ];
}
