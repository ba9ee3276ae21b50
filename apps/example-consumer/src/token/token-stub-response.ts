import type { TokenEndpointAuthMethod } from '@agent-runtimes/dcr';

/**
 * What the stub token endpoint answers instead of tokens: which client authenticated, and how.
 * A real authorization server would issue an access token for `client_id` here (RFC 6749 §5.1).
 */
export interface TokenStubResponse {
  client_id: string;
  token_endpoint_auth_method: TokenEndpointAuthMethod;
}
