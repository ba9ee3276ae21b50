import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { REDIRECT_URI } from './oauth-client.js';

/**
 * The MCP TypeScript SDK's client-side OAuth state, in memory, as a command-line agent keeps it:
 * what it registered, its tokens, its PKCE verifier, and the authorization URL it would open in a
 * browser (the test follows it with `TestBrowser`).
 */
export class InMemoryMcpOAuthProvider implements OAuthClientProvider {
  information: OAuthClientInformationMixed | undefined;
  savedTokens: OAuthTokens | undefined;
  authorizationUrl: URL | undefined;
  /** How many times the SDK registered a client. */
  registrations = 0;
  private verifier = '';

  constructor(readonly clientMetadata: OAuthClientMetadata) {}

  get redirectUrl(): string {
    return REDIRECT_URI;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.information;
  }

  saveClientInformation(information: OAuthClientInformationMixed): void {
    if (information.client_id !== this.information?.client_id) this.registrations++;
    this.information = information;
  }

  tokens(): OAuthTokens | undefined {
    return this.savedTokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.savedTokens = tokens;
  }

  /** Keeps the URL; a subclass may also follow it (the SDK awaits what this returns). */
  redirectToAuthorization(url: URL): void | Promise<void> {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    return this.verifier;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'client') this.information = undefined;
    if (scope === 'all' || scope === 'tokens') this.savedTokens = undefined;
  }
}

/** A public MCP client, as Claude Code or VS Code register one. */
export const PUBLIC_MCP_CLIENT: OAuthClientMetadata = {
  client_name: 'MCP agent',
  redirect_uris: [REDIRECT_URI],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
};
