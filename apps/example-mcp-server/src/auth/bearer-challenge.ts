import { toErrorDescription } from '@agent-runtimes/dcr';

/** What every challenge of this resource carries. */
export interface ChallengeContext {
  /** RFC 9728 §5.1: where a client finds this resource's metadata, and so its authorization server. */
  readonly resourceMetadataUrl: string;
  /** The scopes a token needs (RFC 6750 §3); none named when empty. */
  readonly requiredScopes: readonly string[];
}

/** The error of a challenge (RFC 6750 §3.1), absent when the request carried no credentials. */
export interface ChallengeError {
  readonly code: 'invalid_token' | 'insufficient_scope' | 'invalid_request';
  readonly description: string;
}

/**
 * The `WWW-Authenticate` value of a refused request: `Bearer` with `error` and
 * `error_description` when credentials were presented (RFC 6750 §3.1: none when there were no
 * credentials), `scope` naming what the resource needs (RFC 6750 §3; MCP clients request it), and
 * `resource_metadata` (RFC 9728 §5.1), from which a client discovers the authorization server.
 *
 * Every value is a quoted-string: scope tokens exclude `"` and `\` (RFC 6749 §3.3), URLs have
 * neither, and the description is mapped to the characters RFC 6750 §3 allows.
 */
export function bearerChallenge(context: ChallengeContext, error?: ChallengeError): string {
  const parameters: string[] = [];
  if (error) {
    parameters.push(`error="${error.code}"`);
    parameters.push(`error_description="${toErrorDescription(error.description)}"`);
  }
  if (context.requiredScopes.length > 0) {
    parameters.push(`scope="${context.requiredScopes.join(' ')}"`);
  }
  parameters.push(`resource_metadata="${context.resourceMetadataUrl}"`);
  return `Bearer ${parameters.join(', ')}`;
}
